import type { MessagePayload } from '../model';
import type { Payload } from './types';

/** A capture message's payload as the decoders take it (the same text or bytes, no copy). */
export function payloadFromEvent(e: MessagePayload): Payload {
  return e.opcode === 2 ? { opcode: 2, bytes: e.data } : { opcode: 1, text: e.data };
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
