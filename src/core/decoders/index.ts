import { all, byId } from './registry';
import type { Decoded, DecodeFn, DecoderInfo, Direction, Payload, SocketDecoder } from './types';
import { textPreview } from './values';
import { bytesToHex } from '../encoding';
import { formatBytes } from '../units';

export type { Decoded, DecoderInfo, Direction, FieldValue, Payload, SocketDecoder } from './types';
export { detectDecoder } from './detect';
export { payloadFromEvent } from './payload';

/** Every decoder, for the per-socket override menu ('none' is the UI's own choice). */
export const decoders: DecoderInfo[] = all.map(({ id, label }) => ({ id, label }));

function rawPreview(p: Payload): string {
  if (p.opcode === 1) return textPreview(p.text ?? '');
  const b = p.bytes ?? new Uint8Array(0);
  const hex = bytesToHex(b.subarray(0, 16), ' ');
  return `(${formatBytes(b.length)}) ${hex}${b.length > 16 ? ' …' : ''}`;
}

/**
 * A per-socket, stateful decoder (or `fn` in its place, e.g. one built with a schema). `decode`
 * never throws: parser errors come back as a 'decode error' note.
 */
export function createSocketDecoder(id: string, fn?: DecodeFn): SocketDecoder {
  const def = byId.get(id);
  if (!def) return { decode: () => null };
  fn ??= def.create();
  return {
    decode(p: Payload, dir: Direction): Decoded | null {
      try {
        return fn!(p, dir);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { decoder: id, summary: rawPreview(p), value: null, fields: {}, note: `decode error: ${message}` };
      }
    },
  };
}
