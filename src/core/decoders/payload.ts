import { base64ToBytes } from '../encoding';
import type { Payload } from './types';

/** A capture message event's data as a decoder payload: base64 becomes bytes for binary frames. */
export function payloadFromEvent(e: { opcode: 1 | 2; data: string }): Payload {
  if (e.opcode === 2) {
    return { opcode: 2, bytes: lenientBase64(e.data) };
  }
  return { opcode: 1, text: e.data };
}

/** Base64 to bytes; data cut by the capture's payload limit keeps its whole 4-character groups. */
function lenientBase64(b64: string): Uint8Array {
  try {
    return base64ToBytes(b64);
  } catch {
    try {
      const clean = b64.replace(/[^A-Za-z0-9+/]/g, '');
      return base64ToBytes(clean.slice(0, clean.length - (clean.length % 4)));
    } catch {
      return new Uint8Array(0);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** The payload as text (binary frames decoded as UTF-8, invalid sequences replaced). */
export function payloadText(p: Payload): string {
  if (p.text !== undefined) return p.text;
  return p.bytes ? utf8.decode(p.bytes) : '';
}

/** The payload as bytes (text frames encoded as UTF-8). */
export function payloadBytes(p: Payload): Uint8Array {
  if (p.bytes) return p.bytes;
  return encoder.encode(p.text ?? '');
}

/** UTF-8 text of the bytes, or undefined when they are not valid UTF-8. */
export function strictText(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export function utf8Decode(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}
