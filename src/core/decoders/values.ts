import { bytesToBase64 } from '../encoding';
import { strictText } from './payload';

const MAX_BASE64_BYTES = 4096;

export interface BinaryValue {
  $binary: number;
  base64: string;
  text?: string;
  truncated?: true;
}

/** JSON-able form of raw bytes: length, base64 (cut at 4 KiB) and the text when it is printable UTF-8. */
export function binaryValue(bytes: Uint8Array): BinaryValue {
  const head = bytes.subarray(0, MAX_BASE64_BYTES);
  const out: BinaryValue = { $binary: bytes.length, base64: bytesToBase64(head) };
  const text = printableText(head);
  if (text !== undefined) out.text = text;
  if (bytes.length > head.length) out.truncated = true;
  return out;
}

/** The bytes as text when they are valid UTF-8 without control characters other than whitespace. */
export function printableText(bytes: Uint8Array): string | undefined {
  const text = strictText(bytes);
  if (text === undefined || /[\x00-\x08\x0e-\x1f\x7f]/.test(text)) return undefined;
  return text;
}

/** Turns decoder output (Uint8Array, Map, Date, bigint, extension/tag objects...) into plain JSON data. */
export function toJsonable(v: unknown, depth = 0): unknown {
  if (depth > 64) return '[too deep]';
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v === undefined) return null;
  if (typeof v !== 'object') return String(v);
  if (v instanceof Uint8Array) return binaryValue(v);
  if (ArrayBuffer.isView(v)) return binaryValue(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  if (v instanceof ArrayBuffer) return binaryValue(new Uint8Array(v));
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (Array.isArray(v)) return v.map((x) => toJsonable(x, depth + 1));
  if (v instanceof Map) {
    const entries = [...v.entries()];
    if (entries.every(([k]) => typeof k === 'string')) {
      return Object.fromEntries(entries.map(([k, x]) => [k, toJsonable(x, depth + 1)]));
    }
    return { $map: entries.map(([k, x]) => [toJsonable(k, depth + 1), toJsonable(x, depth + 1)]) };
  }
  if (v instanceof Set) return [...v].map((x) => toJsonable(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJsonable(x, depth + 1);
  return out;
}

/** A short one-line preview of a value for summaries. */
export function preview(v: unknown, max = 80): string {
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v);
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** A short preview of raw text: one line, cut at `max`. */
export function textPreview(s: string, max = 80): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}


export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.parse that returns undefined instead of throwing. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
