import { describe, expect, it } from 'vitest';
import { createSocketDecoder, detectDecoder } from './index';
import protobufFx from './fixtures/protobuf.json';
import type { PbMessage, PbNode } from './protobuf-tree';
import { decodeFixture, labelled, payloadOf, type Fixture } from './test-helpers';

const results = decodeFixture('protobuf', protobufFx as Fixture);
const message = (label: string) => labelled(results, label).value as PbMessage;
const field = (nodes: PbNode[], no: number) => nodes.find((n) => n.no === no)!;

describe('Protobuf without a schema (messages encoded by protobufjs)', () => {
  it('reads nested messages, strings and varints, each with its byte range', () => {
    const d = labelled(results, 'nested');
    const m = d.value as PbMessage;
    expect(field(m.fields, 1)).toEqual({ no: 1, type: 'string', at: [0, 7], value: 'alice' });
    expect(field(m.fields, 2)).toMatchObject({ type: 'varint', at: [7, 10], value: 150, readings: { zigzag: 75 } });
    const address = field(m.fields, 3);
    expect(address.type).toBe('message');
    expect(address.fields).toEqual([
      { no: 1, type: 'string', at: [12, 19], value: 'Paris' },
      { no: 2, type: 'varint', at: [19, 23], value: 75001, readings: { zigzag: -37501 } },
    ]);
    expect(d.fields).toEqual({ 'pb.1': 'alice', 'pb.2': 150, 'pb.3.1': 'Paris', 'pb.3.2': 75001, 'pb.4': 1, 'pb.5': 'a, b' });
    expect(d.summary).toBe('Protobuf 1:"alice" 2:150 3:{1:"Paris" 2:75001} 4:1 5:"a" 5:"b"');
  });

  it('offers packed readings of packed repeated fields', () => {
    const m = message('packed');
    expect(field(m.fields, 1)).toMatchObject({ type: 'bytes', readings: { 'packed varint': [1, 2, 300, 70000] } });
    expect(field(m.fields, 2).readings).toMatchObject({ 'packed float': [0.5, -2] });
  });

  it('reads negative varints as signed and zigzag, fixed-width fields as integers and floats', () => {
    const m = message('numbers');
    expect(field(m.fields, 1)).toMatchObject({ type: 'varint', value: '18446744073709551615', readings: { signed: -1 } });
    expect(field(m.fields, 2).readings).toMatchObject({ zigzag: -2 });
    expect(field(m.fields, 3).readings).toMatchObject({ signed: -3 });
    expect(field(m.fields, 4).readings).toMatchObject({ zigzag: -4 });
    expect(field(m.fields, 5)).toMatchObject({ type: 'i32', readings: { float: 1.5 } });
    expect(field(m.fields, 6)).toMatchObject({ type: 'i64', readings: { double: -0.25 } });
    expect(field(m.fields, 7)).toMatchObject({ type: 'i32', value: 7 });
    expect(field(m.fields, 8)).toMatchObject({ type: 'i64', value: '18446744073709551611', readings: { signed: -5 } });
    expect(field(m.fields, 9)).toMatchObject({ type: 'varint', value: 1 });
  });

  it('shows bytes that are not UTF-8 as bytes, and text as a string', () => {
    const m = message('bytes');
    expect(field(m.fields, 1)).toMatchObject({ type: 'bytes', value: 'ff 00 80 10' });
    expect(field(m.fields, 2)).toMatchObject({ type: 'string', value: 'raw' });
  });

  it('reads a map field as repeated nested entries', () => {
    const counts = field(message('chat').fields, 4);
    expect(counts.fields).toEqual([
      { no: 1, type: 'string', at: expect.any(Array), value: 'likes' },
      { no: 2, type: 'varint', at: expect.any(Array), value: 3, readings: { zigzag: -2 } },
    ]);
  });

  it('is detected from the payloads, but not from random bytes or other binary formats', () => {
    expect(detectDecoder({ protocol: '', url: 'ws://h/' }, (protobufFx as Fixture).frames.map(payloadOf))).toBe('protobuf');
    const headers = [
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52], // PNG
      [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01], // JPEG
      [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00], // GIF
      [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03], // gzip
    ];
    for (const h of headers) expect(detectDecoder({ protocol: '', url: '' }, [{ opcode: 2, bytes: Uint8Array.from(h) }])).toBeNull();
    let s = 7;
    const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    let hits = 0;
    for (let i = 0; i < 2000; i++) {
      const bytes = Uint8Array.from({ length: 4 + Math.floor(rand() * 60) }, () => Math.floor(rand() * 256));
      if (detectDecoder({ protocol: '', url: '' }, [{ opcode: 2, bytes }]) === 'protobuf') hits++;
    }
    expect(hits / 2000).toBeLessThan(0.01);
  });

  it('refuses what is not a message: groups, cut-short fields, field 0, redundant varint bytes', () => {
    const d = createSocketDecoder('protobuf');
    for (const bytes of [[0x0b, 0x0c], [0x0a, 0x05, 0x61], [0x00, 0x01], [0x08, 0x80, 0x00], [0x08]]) {
      expect(d.decode({ opcode: 2, bytes: Uint8Array.from(bytes) }, 'received')?.note).toBe('decode error: not a Protobuf message');
    }
    expect(d.decode({ opcode: 1, text: 'hi' }, 'received')).toBeNull();
  });
});
