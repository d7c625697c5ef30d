import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSocketDecoder, decoders, detectDecoder } from './index';
import { payloadOf, type Fixture } from './test-helpers';
import type { Payload } from './types';

const fixtures = readdirSync(join(__dirname, 'fixtures')).map((f) => JSON.parse(readFileSync(join(__dirname, 'fixtures', f), 'utf8')) as Fixture);
const realPayloads: Payload[] = fixtures.flatMap((fx) => fx.frames.map(payloadOf));

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function garbage(): Payload[] {
  const rand = rng(42);
  const out: Payload[] = [
    { opcode: 1, text: '' },
    { opcode: 2, bytes: new Uint8Array(0) },
    { opcode: 1 },
    { opcode: 2 },
    { opcode: 1, text: '\x00\x1e\x1e' },
    { opcode: 1, text: '451-[' },
    { opcode: 1, text: '4' + '['.repeat(5000) },
    { opcode: 1, text: 'a[' },
    { opcode: 1, text: 'c[' },
    { opcode: 1, text: '99999999999:x' },
    { opcode: 1, text: 'MESSAGE\n' },
    { opcode: 2, bytes: new Uint8Array([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f]) },
    { opcode: 2, bytes: new Uint8Array([0x10, 0x04, 0x00, 0x04]) },
    { opcode: 2, bytes: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]) },
    { opcode: 2, bytes: new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]) },
    { opcode: 2, bytes: new Uint8Array([0x9f, 0x9f, 0x9f]) },
    { opcode: 2, bytes: new Uint8Array([0x7b, 0x00]) },
    { opcode: 2, bytes: new Uint8Array([0x01, 0xff, 0xff, 0xff, 0xff]) },
    { opcode: 1, text: '[1,"x",{"roles":{}}]' },
    { opcode: 1, text: '{"type":"next","id":{"a":1}}' },
    { opcode: 1, text: '[null,null,null,null,null]' },
    { opcode: 1, text: '{"identifier":"{bad json","message":1}' },
  ];
  for (let i = 0; i < 200; i++) {
    const n = Math.floor(rand() * 64);
    const bytes = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
    out.push({ opcode: 2, bytes });
    out.push({ opcode: 1, text: String.fromCharCode(...bytes) });
  }
  // Real frames cut short, as the capture's payload limit cuts them.
  for (const p of realPayloads) {
    if (p.bytes) out.push({ opcode: 2, bytes: p.bytes.subarray(0, Math.floor(p.bytes.length / 2)) });
    if (p.text) out.push({ opcode: 1, text: p.text.slice(0, Math.floor(p.text.length / 2)) });
  }
  return out;
}

describe('robustness', () => {
  const inputs = [...garbage(), ...realPayloads];

  it('never throws, whatever each decoder is fed, and every result is JSON-able', () => {
    const problems: string[] = [];
    for (const { id } of [...decoders, { id: 'none' }, { id: 'unknown' }]) {
      const d = createSocketDecoder(id);
      for (const [i, p] of inputs.entries()) {
        for (const dir of ['sent', 'received'] as const) {
          const out = d.decode(p, dir);
          if (out === null) continue;
          const bad = typeof out.summary !== 'string' || Object.values(out.fields).some((v) => !['string', 'number', 'boolean', 'undefined'].includes(typeof v));
          if (bad) problems.push(`${id} #${i}: ${JSON.stringify(out)}`);
          JSON.stringify(out);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('returns a decode error note with a raw preview on malformed input', () => {
    const d = createSocketDecoder('socket.io').decode({ opcode: 1, text: '9nonsense' }, 'received');
    expect(d).toEqual({ decoder: 'socket.io', summary: '9nonsense', value: null, fields: {}, note: 'decode error: not an engine.io v4 packet' });
    const b = createSocketDecoder('wamp').decode({ opcode: 2, bytes: new Uint8Array([0xc1]) }, 'received');
    expect(b?.summary).toBe('(1 B) c1');
    expect(b?.note).toMatch(/^decode error: /);
  });

  it('detection never throws on garbage', () => {
    const sample = garbage();
    for (let i = 0; i < sample.length; i += 8) {
      expect(() => detectDecoder({ protocol: '', url: '' }, sample.slice(i, i + 8))).not.toThrow();
    }
  });
});
