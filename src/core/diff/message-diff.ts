import { diffArrays, diffWordsWithSpace } from 'diff';
import { plainOf, type PbMessage } from '../decoders/protobuf-tree';
import { bytesToHex } from '../encoding';
import { diffJson, type JsonChange } from './json-diff';

/** One message as a diff sees it: its text (binary as UTF-8), bytes and decoded value, if any. */
export interface DiffSide {
  binary: boolean;
  text: string;
  bytes: Uint8Array;
  decoded?: { decoder: string; value: unknown } | null;
}

export interface DiffPart {
  change?: 'added' | 'removed';
  value: string;
}

export type MessageDiff =
  | { kind: 'json'; basis: string; changes: JsonChange[] }
  | { kind: 'text' | 'hex'; parts: DiffPart[] }
  | { kind: 'too-different' };

/** Beyond this many edits a text or hex diff gives up (it grows with the square of the edits). */
const MAX_EDITS = 5000;

const comparable = (decoder: string, value: unknown) => (decoder === 'protobuf' ? plainOf(value as PbMessage) : value);

function parseJson(side: DiffSide): { ok: true; value: unknown } | undefined {
  if (side.binary || !/^\s*[[{]/.test(side.text)) return undefined;
  try {
    return { ok: true, value: JSON.parse(side.text) };
  } catch {
    return undefined;
  }
}

/**
 * How `b` differs from `a`: structurally when both decode with one decoder (the decoded values) or
 * both are JSON; else word by word when both are text frames; else byte by byte in hex.
 */
export function compareMessages(a: DiffSide, b: DiffSide): MessageDiff {
  if (a.decoded && b.decoded && a.decoded.decoder === b.decoded.decoder && a.decoded.value != null && b.decoded.value != null && a.decoded.decoder !== 'json') {
    const d = a.decoded.decoder;
    return { kind: 'json', basis: `decoded (${d})`, changes: diffJson(comparable(d, a.decoded.value), comparable(d, b.decoded.value)) };
  }
  const ja = parseJson(a);
  const jb = parseJson(b);
  if (ja && jb) return { kind: 'json', basis: 'JSON', changes: diffJson(ja.value, jb.value) };
  if (!a.binary && !b.binary) {
    const parts = diffWordsWithSpace(a.text, b.text, { maxEditLength: MAX_EDITS });
    if (!parts) return { kind: 'too-different' };
    return { kind: 'text', parts: parts.map((p) => ({ change: p.added ? 'added' : p.removed ? 'removed' : undefined, value: p.value })) };
  }
  const hex = (bytes: Uint8Array) => bytesToHex(bytes, ' ').split(' ').filter(Boolean);
  const parts = diffArrays(hex(a.bytes), hex(b.bytes), { maxEditLength: MAX_EDITS });
  if (!parts) return { kind: 'too-different' };
  return { kind: 'hex', parts: parts.map((p) => ({ change: p.added ? 'added' : p.removed ? 'removed' : undefined, value: p.value.join(' ') })) };
}
