import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../encoding';
import { jsonErrorPosition, MAX_COMPOSER_BYTES, parsePayload, prettyJson } from './payload';

const bytesOf = (r: ReturnType<typeof parsePayload>) => (r.ok && 'base64' in r.payload ? Array.from(base64ToBytes(r.payload.base64)) : null);

describe('parsePayload', () => {
  it('passes text through with its UTF-8 size', () => {
    expect(parsePayload('text', 'héllo')).toEqual({ ok: true, payload: { text: 'héllo' }, size: 6, binary: false });
  });
  it('accepts valid JSON and reports the position of an error', () => {
    expect(parsePayload('json', '{"a": [1, 2]}').ok).toBe(true);
    const bad = parsePayload('json', '{"a": [1, 2}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toMatch(/Invalid JSON/);
      expect(bad.position).toBe(11);
    }
  });
  it('reads hex with spaces, 0x prefixes and separators', () => {
    expect(bytesOf(parsePayload('hex', '00 01 ff'))).toEqual([0, 1, 255]);
    expect(bytesOf(parsePayload('hex', '0xde,0xad:be ef'))).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(parsePayload('hex', 'abc')).toMatchObject({ ok: false, error: expect.stringMatching(/odd/) });
    expect(parsePayload('hex', '12 zz')).toMatchObject({ ok: false, position: 3 });
  });
  it('reads base64, url-safe and unpadded too', () => {
    expect(bytesOf(parsePayload('base64', 'AAH/'))).toEqual([0, 1, 255]);
    expect(bytesOf(parsePayload('base64', 'AAE'))).toEqual([0, 1]);
    expect(bytesOf(parsePayload('base64', '-_8'))).toEqual([251, 255]);
    expect(parsePayload('base64', 'AA$A').ok).toBe(false);
    expect(parsePayload('base64', 'A').ok).toBe(false);
  });
  it('refuses payloads over the size limit', () => {
    const r = parsePayload('text', 'x'.repeat(MAX_COMPOSER_BYTES + 1));
    expect(r.ok).toBe(false);
  });
});

describe('JSON helpers', () => {
  it('finds the position from line/column messages', () => {
    expect(jsonErrorPosition('Expected , at line 2 column 3', 'ab\ncdef')).toBe(5);
  });
  it('pretty-prints valid JSON only', () => {
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson('{oops')).toBe('{oops');
  });
});
