import type { CaptureEvent, MessageEvent } from './model';
import { bytesToBase64 } from './encoding';
import type { StoredEvent } from './normalize';

/**
 * How binary payloads cross extension messaging, from the cheapest the channel allows:
 * - `blob`: the batch's payloads travel in one Blob, so the bytes go through the browser's blob
 *   store instead of being serialized into the message at every hop (structured-clone messaging);
 * - `clone`: as ArrayBuffers (structured clone without Blob support);
 * - `base64`: as text (JSON messaging: Chrome before 148).
 */
export type BinaryTransport = 'blob' | 'clone' | 'base64';

/** A binary message whose bytes are at [offset, offset + length) of its batch's `payloads` Blob. */
export type BlobMessage = Omit<MessageEvent, 'data'> & { data: ''; blobAt: [number, number] };
export type WireEvent = StoredEvent | BlobMessage;

const isBinary = (e: StoredEvent): e is Extract<StoredEvent, { data: ArrayBuffer }> => e.kind === 'message' && typeof e.data !== 'string';

/** The events as they leave the relay, and the Blob that holds their payloads (blob transport). */
export function packEvents(events: StoredEvent[], transport: BinaryTransport): { events: WireEvent[]; payloads?: Blob } {
  if (transport === 'clone') return { events };
  if (transport === 'base64') return { events: events.map((e) => (isBinary(e) ? { ...e, data: bytesToBase64(new Uint8Array(e.data)) } : e)) };
  const parts: ArrayBuffer[] = [];
  let offset = 0;
  const out = events.map((e): WireEvent => {
    if (!isBinary(e)) return e;
    const length = e.data.byteLength;
    parts.push(e.data);
    const packed: BlobMessage = { ...e, data: '', blobAt: [offset, length] };
    offset += length;
    return packed;
  });
  return parts.length ? { events: out, payloads: new Blob(parts) } : { events: out };
}

/** The panel's side: every binary payload as base64, whichever way it came. */
export async function unpackEvents(events: WireEvent[], payloads?: Blob): Promise<CaptureEvent[]> {
  const bytes = payloads ? new Uint8Array(await payloads.arrayBuffer()) : undefined;
  return events.map((e) => {
    if ('blobAt' in e) {
      const { blobAt: [offset, length], ...rest } = e;
      return { ...rest, data: bytes ? bytesToBase64(bytes.subarray(offset, offset + length)) : '' };
    }
    return isBinary(e) ? { ...e, data: bytesToBase64(new Uint8Array(e.data)) } : (e as CaptureEvent);
  });
}

/** Synchronous unpack for batches without a payload Blob. */
export function unpackInline(events: WireEvent[]): CaptureEvent[] {
  return events.map((e) => (!('blobAt' in e) && isBinary(e) ? { ...e, data: bytesToBase64(new Uint8Array(e.data)) } : (e as CaptureEvent)));
}
