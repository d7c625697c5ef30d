import type { CaptureEvent } from './model';
import type { StoredEvent } from './normalize';

/**
 * What an event costs in a V8 heap, measured (Chromium, pointer compression; Node without it costs
 * up to 1.6× the object part): the event object with its fields and number boxes, its payload
 * (a string takes 1 byte a character when every character is Latin-1, else 2; an ArrayBuffer its
 * bytes plus its object), and the slot that holds it.
 */
const EVENT_BYTES = 112;
const STRING_BYTES = 16;
const BUFFER_BYTES = 96;
const LIFECYCLE_BYTES = 160;
/** A header's or a stack frame's object and its slot (estimated like the rest, not measured). */
const HEADER_BYTES = 40;
const FRAME_BYTES = 56;

/** A string's heap bytes. `oneByte`: known to be Latin-1 (ASCII text, base64). */
const stringBytes = (s: string, oneByte: boolean): number => STRING_BYTES + (oneByte ? s.length : 2 * s.length);

export function heapSize(e: StoredEvent | CaptureEvent): number {
  if (e.kind === 'message') {
    const d = e.data;
    // Binary: the relay's ArrayBuffer, or the panel's view (on its own buffer or its batch's).
    if (typeof d !== 'string') return EVENT_BYTES + BUFFER_BYTES + d.byteLength;
    // Text whose UTF-8 size equals its length is ASCII.
    return EVENT_BYTES + stringBytes(d, !e.truncated && e.size === d.length);
  }
  if (e.kind === 'created') return LIFECYCLE_BYTES + stringBytes(e.url, false) + stringBytes(e.frameUrl, false);
  if (e.kind === 'handshake-request' || e.kind === 'handshake-response') {
    let n = LIFECYCLE_BYTES + (e.kind === 'handshake-request' ? stringBytes(e.url, false) : stringBytes(e.statusLine, false));
    for (const h of e.headers) n += HEADER_BYTES + stringBytes(h.name, false) + stringBytes(h.value, false);
    return n;
  }
  if (e.kind === 'initiator') {
    let n = LIFECYCLE_BYTES;
    for (const f of e.frames) n += FRAME_BYTES + stringBytes(f.url, false) + stringBytes(f.functionName, false);
    return n;
  }
  return LIFECYCLE_BYTES;
}
