import { createSocketDecoder, detectDecoder } from '../decoders';
import { payloadOf, type Fixture } from '../decoders/test-helpers';
import type { Direction } from '../decoders/types';
import type { CustomPaths } from './correlation';
import { createPairing } from './pairing';

/** Frame i of a fixture is taken to arrive at i × STEP_MS ms (the recordings keep no times). */
export const STEP_MS = 10;

/** Decodes a fixture's frames in order (its detected decoder) and pairs them; handles are frame indices. */
export function pairFixture(fx: Fixture, custom: CustomPaths | null = null) {
  const payloads = fx.frames.map(payloadOf);
  const id = detectDecoder({ protocol: fx.protocol, url: fx.url }, payloads);
  const decoder = id ? createSocketDecoder(id) : null;
  const pairing = createPairing<number>(custom);
  const decoded = fx.frames.map((f, i) => {
    const d = decoder?.decode(payloads[i], f.dir as Direction) ?? null;
    pairing.add(i, { dir: f.dir as Direction, time: i * STEP_MS, decoded: d, text: f.opcode === 1 ? f.data : undefined });
    return d;
  });
  const at = (label: string) => {
    const i = fx.frames.findIndex((f) => f.label === label);
    if (i < 0) throw new Error(`no frame labelled ${label}`);
    return i;
  };
  /** [request, its first response] index pairs, in request order. */
  const pairs = () =>
    fx.frames.flatMap((_, i) => {
      const info = pairing.info(i);
      return info?.role === 'request' ? [[i, info.pair ?? null]] : [];
    });
  return { pairing, decoded, at, pairs };
}
