import type { Direction } from '../model';

/** Which way a breakpoint or rule looks: one direction, or both. */
export type RuleDirection = Direction | 'both';

/** A breakpoint: messages matching the filter expression are held for the user. */
export interface Breakpoint {
  id: string;
  enabled: boolean;
  dir: RuleDirection;
  /** A filter expression of the panel's own language. */
  query: string;
}

export type Rewrite =
  | { kind: 'regex'; pattern: string; flags: string; replace: string }
  | { kind: 'json-set'; path: string; value: string }
  | { kind: 'json-delete'; path: string }
  | { kind: 'hex'; offset: number; hex: string };

export type RuleAction =
  | { kind: 'block' }
  | { kind: 'rewrite'; rewrite: Rewrite }
  | { kind: 'delay'; min: number; max: number }
  | { kind: 'respond'; template: string; forward: boolean };

export interface Rule {
  id: string;
  enabled: boolean;
  name: string;
  dir: RuleDirection;
  query: string;
  /** Only sockets whose URL contains this (empty: every socket). */
  url: string;
  action: RuleAction;
}

export const RULES_FILE_VERSION = 1;
export interface RulesFile {
  sockets: 'rules';
  version: number;
  rules: Omit<Rule, 'id' | 'enabled'>[];
}

export const MAX_RULE_DELAY_MS = 600_000;

export const appliesTo = (dir: RuleDirection, d: Direction) => dir === 'both' || dir === d;

/** What a user-supplied rule must look like; the reason when it does not. */
export function ruleError(r: unknown): string | null {
  if (typeof r !== 'object' || r === null) return 'a rule must be an object';
  const v = r as Record<string, unknown>;
  if (typeof v.query !== 'string') return '"query" must be a string';
  if (v.dir !== 'sent' && v.dir !== 'received' && v.dir !== 'both') return '"dir" must be "sent", "received" or "both"';
  if (v.url !== undefined && typeof v.url !== 'string') return '"url" must be a string';
  if (v.name !== undefined && typeof v.name !== 'string') return '"name" must be a string';
  const a = v.action as Record<string, unknown> | undefined;
  if (typeof a !== 'object' || a === null) return '"action" must be an object';
  switch (a.kind) {
    case 'block':
      return null;
    case 'delay': {
      const ok = (n: unknown) => typeof n === 'number' && n >= 0 && n <= MAX_RULE_DELAY_MS;
      return ok(a.min) && ok(a.max) && (a.min as number) <= (a.max as number) ? null : `delay: "min" ≤ "max", both 0–${MAX_RULE_DELAY_MS} ms`;
    }
    case 'respond':
      if (v.dir !== 'sent') return 'respond: only for sent messages ("dir": "sent")';
      return typeof a.template === 'string' && typeof a.forward === 'boolean' ? null : 'respond: "template" (string) and "forward" (boolean)';
    case 'rewrite':
      return rewriteError(a.rewrite);
    default:
      return '"action.kind" must be block, rewrite, delay or respond';
  }
}

function rewriteError(w: unknown): string | null {
  const v = w as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null) return 'rewrite: "rewrite" must be an object';
  switch (v.kind) {
    case 'regex':
      if (typeof v.pattern !== 'string' || typeof v.replace !== 'string' || typeof v.flags !== 'string') return 'rewrite regex: "pattern", "flags", "replace" strings';
      try {
        new RegExp(v.pattern, v.flags);
        return null;
      } catch (e) {
        return `rewrite regex: ${(e as Error).message}`;
      }
    case 'json-set':
      if (typeof v.path !== 'string' || typeof v.value !== 'string') return 'rewrite json-set: "path" and "value" (JSON text) strings';
      try {
        JSON.parse(v.value);
        return null;
      } catch {
        return 'rewrite json-set: "value" is not JSON';
      }
    case 'json-delete':
      return typeof v.path === 'string' ? null : 'rewrite json-delete: "path" string';
    case 'hex':
      return Number.isSafeInteger(v.offset) && (v.offset as number) >= 0 && typeof v.hex === 'string' && /^(?:[0-9a-f]{2}\s*)+$/i.test(v.hex) ? null : 'rewrite hex: "offset" ≥ 0 and "hex" bytes';
    default:
      return 'rewrite: "kind" must be regex, json-set, json-delete or hex';
  }
}

/** Reads a rules file; imported rules start switched off. */
export function parseRulesFile(text: string, newId: () => string): { ok: true; rules: Rule[] } | { ok: false; error: string } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, error: 'Not a JSON file.' };
  }
  const f = file as Partial<RulesFile> | null;
  if (!f || f.sockets !== 'rules' || !Array.isArray(f.rules)) return { ok: false, error: 'Not a Sockets rules file ("sockets": "rules" and a "rules" array).' };
  if (f.version !== RULES_FILE_VERSION) return { ok: false, error: `Unknown rules file version ${String(f.version)}.` };
  const rules: Rule[] = [];
  for (let i = 0; i < f.rules.length; i++) {
    const error = ruleError(f.rules[i]);
    if (error) return { ok: false, error: `Rule ${i + 1}: ${error}.` };
    const r = f.rules[i];
    rules.push({ id: newId(), enabled: false, name: r.name ?? '', dir: r.dir, query: r.query, url: r.url ?? '', action: r.action });
  }
  return { ok: true, rules };
}

export function rulesFile(rules: Rule[]): RulesFile {
  return { sockets: 'rules', version: RULES_FILE_VERSION, rules: rules.map(({ id: _id, enabled: _enabled, ...r }) => r) };
}
