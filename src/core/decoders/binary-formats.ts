import { decode as decodeMsgpackRaw } from '@msgpack/msgpack';
// The no-eval build: the panel runs under the extension's CSP, which forbids new Function.
import { decode as decodeCborRaw } from 'cbor-x/decode-no-eval';
import { toJsonable } from './values';

/** Decodes a whole MessagePack document (throws on trailing bytes) into JSON-able data. */
export const decodeMsgpack = (bytes: Uint8Array): unknown => toJsonable(decodeMsgpackRaw(bytes));

/** Decodes a whole CBOR document (throws on trailing bytes) into JSON-able data. */
export const decodeCbor = (bytes: Uint8Array): unknown => toJsonable(decodeCborRaw(bytes));

/**
 * Which encoding a short array (1 to 15 elements, as WAMP messages are) starts with:
 * CBOR arrays are 0x80-0x8f, MessagePack fixarrays 0x90-0x9f and array16/32 0xdc/0xdd.
 */
export function arrayEncoding(bytes: Uint8Array): 'cbor' | 'msgpack' | undefined {
  const b = bytes[0];
  if (b >= 0x80 && b <= 0x8f) return 'cbor';
  if ((b >= 0x90 && b <= 0x9f) || b === 0xdc || b === 0xdd) return 'msgpack';
  if (b === 0x98 || b === 0x99 || b === 0x9f) return 'cbor';
  return undefined;
}

export const isContainer = (v: unknown): boolean => typeof v === 'object' && v !== null;
