import { base64ToBytes, bytesToBase64 } from './encoding';
import type { MessagePayload, Opcode } from './model';

/**
 * A payload as text travels: text, or binary as base64. HAR files, JSON messaging and an edited
 * message's original (rare) carry payloads so; the panel's model keeps binary as bytes.
 */
export interface TextualPayload {
  opcode: Opcode;
  size: number;
  data: string;
}

export type SizedPayload = MessagePayload & { size: number };

/** Base64 becomes bytes, here and nowhere else on the way in. */
export function payloadOf(p: TextualPayload): SizedPayload {
  return p.opcode === 2 ? { opcode: 2, size: p.size, data: base64ToBytes(p.data) } : { opcode: 1, size: p.size, data: p.data };
}

/** Bytes become base64, for HAR and JSON. */
export function textualOf(p: SizedPayload): TextualPayload {
  return { opcode: p.opcode, size: p.size, data: p.opcode === 2 ? bytesToBase64(p.data) : p.data };
}

/** A payload's data as text: base64 for binary (HAR's `data`, "copy as base64"). */
export const textualData = (p: MessagePayload): string => (p.opcode === 2 ? bytesToBase64(p.data) : p.data);

/** Made when first needed: the relay bundles this module (wire.ts) and never needs one. */
let encoder: TextEncoder | undefined;

/** The payload's bytes: binary as kept, text as UTF-8. */
export const bytesOf = (p: MessagePayload): Uint8Array => (p.opcode === 2 ? p.data : (encoder ??= new TextEncoder()).encode(p.data));
