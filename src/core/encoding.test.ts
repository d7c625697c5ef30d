import { describe, expect, it } from 'vitest';
import { base64ByteLength, base64ToBytes, bytesToBase64, truncateUtf8, utf8Length } from './encoding';

describe('encoding', () => {
  it('round-trips bytes through base64, across chunk boundaries', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 7).map((_, i) => (i * 31) & 0xff);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
    expect(base64ByteLength(b64)).toBe(bytes.length);
  });

  it('knows the decoded length of padded base64', () => {
    expect(base64ByteLength(btoa('a'))).toBe(1);
    expect(base64ByteLength(btoa('ab'))).toBe(2);
    expect(base64ByteLength(btoa('abc'))).toBe(3);
    expect(base64ByteLength('')).toBe(0);
  });

  it('counts UTF-8 bytes like TextEncoder', () => {
    for (const s of ['', 'hello', 'héllo', '€uro', '😀 face', '\ud800 lone', 'x\udc00']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });

  it('truncates by UTF-8 bytes without splitting surrogate pairs', () => {
    expect(truncateUtf8('abcdef', 3)).toBe('abc');
    expect(truncateUtf8('a😀b', 3)).toBe('a');
    expect(truncateUtf8('a😀b', 5)).toBe('a😀');
    expect(truncateUtf8('short', 100)).toBe('short');
  });
});
