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

/** A string's heap bytes. `oneByte`: known to be Latin-1 (ASCII text, base64). */
const stringBytes = (s: string, oneByte: boolean): number => STRING_BYTES + (oneByte ? s.length : 2 * s.length);

export function heapSize(e: StoredEvent | CaptureEvent): number {
  if (e.kind === 'message') {
    const d = e.data;
    if (typeof d !== 'string') return EVENT_BYTES + BUFFER_BYTES + d.byteLength;
    // Binary travels as base64; text whose UTF-8 size equals its length is ASCII.
    return EVENT_BYTES + stringBytes(d, e.opcode === 2 || (!e.truncated && e.size === d.length));
  }
  if (e.kind === 'created') return LIFECYCLE_BYTES + stringBytes(e.url, false) + stringBytes(e.frameUrl, false);
  return LIFECYCLE_BYTES;
}
