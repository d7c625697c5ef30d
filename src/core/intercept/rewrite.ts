import { deletePath, getPath, parsePath, setPath } from './json-path';
import type { Rewrite } from './rules';

/** A payload as the panel edits it: text, or bytes. */
export type EditablePayload = { text: string } | { bytes: Uint8Array };

/** The payload after a rule's rewrite; null when the rewrite does not apply to it (left as it was). */
export function applyRewrite(p: EditablePayload, w: Rewrite): EditablePayload | null {
  if (w.kind === 'hex') {
    if (!('bytes' in p)) return null;
    const digits = w.hex.replace(/\s/g, '');
    const patch = Uint8Array.from({ length: digits.length >> 1 }, (_, i) => parseInt(digits.slice(i * 2, i * 2 + 2), 16));
    const out = new Uint8Array(Math.max(p.bytes.length, w.offset + patch.length));
    out.set(p.bytes);
    out.set(patch, w.offset);
    return { bytes: out };
  }
  if (!('text' in p)) return null;
  if (w.kind === 'regex') {
    const next = p.text.replace(new RegExp(w.pattern, w.flags), w.replace);
    return next === p.text ? null : { text: next };
  }
  const path = parsePath(w.path);
  if (!path) return null;
  let value: unknown;
  try {
    value = JSON.parse(p.text);
  } catch {
    return null;
  }
  const changed = w.kind === 'json-set' ? setPath(value, path, JSON.parse(w.value)) : deletePath(value, path);
  return changed ? { text: JSON.stringify(value) } : null;
}

/**
 * A rule's reply: `{{path}}` is replaced by the JSON of that path in the sent message (`{{id}}`
 * → `42` or `"a1"`), `{{$text}}` by the sent text as a JSON string; a path that is not there
 * gives `null`.
 */
export function fillTemplate(template: string, sentText: string): string {
  let sent: unknown;
  try {
    sent = JSON.parse(sentText);
  } catch {
    sent = undefined;
  }
  return template.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, name: string) => {
    if (name === '$text') return JSON.stringify(sentText);
    const path = parsePath(name);
    const v = path ? getPath(sent, path) : undefined;
    return v === undefined ? 'null' : JSON.stringify(v);
  });
}
