import { describe, expect, it } from 'vitest';
import { createSocketDecoder } from './index';
import cborFx from './fixtures/cbor.json';
import jsonFx from './fixtures/json.json';
import msgpackFx from './fixtures/msgpack.json';
import { decodeFixture, labelled, type Fixture } from './test-helpers';

describe('generic formats', () => {
  it('decodes MessagePack (@msgpack/msgpack encode) into JSON-able values', () => {
    const r = decodeFixture('msgpack', msgpackFx as Fixture);
    const map = labelled(r, 'map');
    expect(map.value).toEqual({ type: 'tick', id: 7, price: 101.25, tags: ['a', 'b'], raw: { $binary: 3, base64: 'AQID' } });
    expect(map.fields).toEqual({ type: 'tick', id: 7 });
    expect(labelled(r, 'array').summary).toBe('MessagePack [1,"subscribe",{"channel":"prices"}]');
  });

  it('decodes CBOR (cbor-x encode), dates and big integers included', () => {
    const r = decodeFixture('cbor', cborFx as Fixture);
    expect(labelled(r, 'map').fields).toEqual({ type: 'tick', id: 7 });
    expect(labelled(r, 'date and bigint').summary).toBe('CBOR {"at":"2026-01-01T00:00:00.000Z","big":"1180591620717411303424"}');
  });

  it('decodes JSON text frames and leaves non-JSON and binary frames alone', () => {
    const r = decodeFixture('json', jsonFx as Fixture);
    expect(labelled(r, 'object').summary).toBe('JSON {"type":"tick","id":7,"price":101.25}');
    const d = createSocketDecoder('json');
    expect(d.decode({ opcode: 2, bytes: new Uint8Array([1]) }, 'sent')).toBeNull();
    expect(d.decode({ opcode: 1, text: 'hello' }, 'sent')?.note).toMatch(/^decode error: /);
  });
});
