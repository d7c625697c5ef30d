import { describe, expect, it } from 'vitest';
import { createSocketDecoder } from '../decoders';
import { compareMessages, type DiffSide } from './message-diff';

const enc = new TextEncoder();
const text = (t: string): DiffSide => ({ binary: false, text: t, bytes: enc.encode(t) });
const bin = (b: number[]): DiffSide => ({ binary: true, text: '', bytes: Uint8Array.from(b) });

describe('compareMessages', () => {
  it('diffs JSON texts structurally', () => {
    expect(compareMessages(text('{"type":"tick","price":1,"tags":["a"]}'), text('{"type":"tick","price":2,"tags":["a","b"]}'))).toEqual({
      kind: 'json', basis: 'JSON', changes: [{ path: 'price', change: 'changed', before: 1, after: 2 }, { path: 'tags[1]', change: 'added', after: 'b' }],
    });
  });

  it('diffs decoded forms decoded (Socket.IO events, Protobuf by field)', () => {
    const sio = createSocketDecoder('socket.io');
    const side = (t: string) => ({ ...text(t), decoded: sio.decode({ opcode: 1, text: t }, 'received') });
    expect(compareMessages(side('42["chat",{"text":"hi"}]'), side('42["chat",{"text":"ho"}]'))).toMatchObject({
      kind: 'json', basis: 'decoded (socket.io)', changes: [{ path: 'data.text', change: 'changed', before: 'hi', after: 'ho' }],
    });
    const pb = createSocketDecoder('protobuf');
    const pbSide = (b: number[]) => ({ ...bin(b), decoded: pb.decode({ opcode: 2, bytes: Uint8Array.from(b) }, 'received') });
    expect(compareMessages(pbSide([0x08, 0x01, 0x12, 0x01, 0x61]), pbSide([0x08, 0x02, 0x12, 0x01, 0x61, 0x12, 0x01, 0x62]))).toEqual({
      kind: 'json', basis: 'decoded (protobuf)', changes: [{ path: '["1"]', change: 'changed', before: 1, after: 2 }, { path: '["2"]', change: 'changed', before: 'a', after: ['a', 'b'] }],
    });
  });

  it('diffs other text word by word, and binary byte by byte', () => {
    expect(compareMessages(text('hello big world'), text('hello small world'))).toEqual({
      kind: 'text', parts: [{ value: 'hello ' }, { change: 'removed', value: 'big' }, { change: 'added', value: 'small' }, { value: ' world' }],
    });
    expect(compareMessages(bin([1, 2, 3, 4]), bin([1, 9, 3, 4, 5]))).toEqual({
      kind: 'hex', parts: [{ value: '01' }, { change: 'removed', value: '02' }, { change: 'added', value: '09' }, { value: '03 04' }, { change: 'added', value: '05' }],
    });
  });
});
