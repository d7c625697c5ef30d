import { createSocketDecoder, detectDecoder } from './index';
import { base64ToBytes } from '../encoding';
import type { MessagePayload } from '../model';
import { payloadFromEvent } from './payload';
import type { Decoded, Direction, Payload } from './types';

export interface FixtureFrame {
  dir: string;
  opcode: number;
  data: string;
  label?: string;
}

export interface Fixture {
  source: string;
  protocol: string;
  url: string;
  frames: FixtureFrame[];
}

export interface Result {
  frame: FixtureFrame;
  decoded: Decoded | null;
}

/** A fixture frame as a capture message's payload and size (binary frames are written as base64, as in HAR). */
export const messagePayloadOf = (f: FixtureFrame): MessagePayload & { size: number } => {
  if (f.opcode !== 2) return { opcode: 1, data: f.data, size: new TextEncoder().encode(f.data).length };
  const data = base64ToBytes(f.data);
  return { opcode: 2, data, size: data.length };
};

export const payloadOf = (f: FixtureFrame): Payload => payloadFromEvent(messagePayloadOf(f));

/** Decodes a fixture's frames in order with one socket decoder. */
export function decodeFixture(id: string, fx: Fixture): Result[] {
  const decoder = createSocketDecoder(id);
  return fx.frames.map((frame) => ({ frame, decoded: decoder.decode(payloadOf(frame), frame.dir as Direction) }));
}

/** The decoded result of the frame with that label (throws when there is none). */
export function labelled(results: Result[], label: string): Decoded {
  const r = results.find((x) => x.frame.label === label);
  if (!r) throw new Error(`no frame labelled ${label}`);
  if (!r.decoded) throw new Error(`frame ${label} decoded to null`);
  return r.decoded;
}

export const summaries = (results: Result[]): string[] => results.map((r) => r.decoded?.summary ?? '(null)');

/** Detection from the fixture's own protocol and URL, and from its payloads alone. */
export function detectFixture(fx: Fixture): { byInfo: string | null; bySniffing: string | null } {
  const payloads = fx.frames.map(payloadOf);
  return {
    byInfo: detectDecoder({ protocol: fx.protocol, url: fx.url }, payloads),
    bySniffing: detectDecoder({ protocol: '', url: 'ws://example.test/' }, payloads),
  };
}
