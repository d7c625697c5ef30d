import { describe, expect, it } from 'vitest';
import { hexDump, toHex } from './hexdump';

describe('hexDump', () => {
  it('prints offsets, hex and ASCII', () => {
    const bytes = new TextEncoder().encode('Hello, binary world!');
    expect(hexDump(bytes)).toBe(
      '00000000  48 65 6c 6c 6f 2c 20 62  69 6e 61 72 79 20 77 6f  |Hello, binary wo|\n' +
        '00000010  72 6c 64 21                                       |rld!|',
    );
  });
  it('marks non-printable bytes and truncation', () => {
    const dump = hexDump(new Uint8Array([0, 1, 255, 65]), 2);
    expect(dump).toBe('00000000  00 01                                             |..|\n… 2 more bytes');
  });
  it('writes compact hex', () => expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff'));
});
