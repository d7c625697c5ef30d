import { bytesToHex } from '../../core/encoding';
import type { CaptureEvent } from '../../core/model';
import type { SessionEvent } from '../../core/session';
import { gapText } from './gap-text';
import { visibleText } from './visible-text';
import { formatBytes } from '../../core/units';

const utf8 = new TextDecoder('utf-8', { fatal: false });
const texts = new WeakMap<CaptureEvent, string>();

/** One line describing a lifecycle event, for the grid and for filtering. */
export function lifecycleText(e: CaptureEvent): string {
  switch (e.kind) {
    case 'created':
      return `Connecting to ${e.url}${e.protocols.length ? ` (protocols: ${e.protocols.join(', ')})` : ''}`;
    case 'open':
      return `Connection opened${e.protocol ? `, protocol ${e.protocol}` : ''}${e.extensions ? `, extensions ${e.extensions}` : ''}`;
    case 'closed':
      return `Connection closed: code ${e.code}${e.reason ? `, reason "${e.reason}"` : ''}${e.wasClean ? '' : ' (not clean)'}`;
    case 'close-called':
      return `close(${[e.code, e.reason === undefined ? undefined : JSON.stringify(e.reason)].filter((v) => v !== undefined).join(', ')}) called${e.error ? `; threw ${e.error}` : ''}`;
    case 'error':
      return 'Error event';
    case 'send-failed':
      return `send() failed: ${e.error}: ${e.message}`;
    case 'binary-type':
      return `binaryType set to "${e.binaryType}"`;
    case 'dropped':
      return `${e.count} events dropped`;
    case 'gap':
      return gapText(e);
    // Messages have no lifecycle line; socket facts fold into their socket and are no rows.
    case 'message':
    case 'handshake-request':
    case 'handshake-response':
    case 'handshake-failed':
    case 'initiator':
      return '';
  }
}

/** The row's text: a text payload, a binary payload read as UTF-8, or a lifecycle line. Cached. */
export function rowText(row: SessionEvent): string {
  const e = row.event;
  if (e.kind === 'message' && e.opcode === 1) return e.data;
  let t = texts.get(e);
  if (t === undefined) {
    t = e.kind === 'message' ? utf8.decode(e.data) : lifecycleText(e);
    texts.set(e, t);
  }
  return t;
}

/** A short single-line preview for the grid, control and bidi characters made visible. */
export function rowPreview(row: SessionEvent, max = 300): string {
  const e = row.event;
  if (e.kind !== 'message') return visibleText(lifecycleText(e));
  if (e.opcode === 1) return visibleText(e.data.length > max ? e.data.slice(0, max) : e.data);
  const hex = bytesToHex(e.data.subarray(0, 24), ' ');
  return `Binary ${formatBytes(e.size)}: ${hex}${e.size > 24 ? ' …' : ''}`;
}

/** The text pretty-printed as JSON, or null when it is not a JSON object or array. */
export function jsonText(text: string): string | null {
  if (!/^\s*[[{]/.test(text)) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
