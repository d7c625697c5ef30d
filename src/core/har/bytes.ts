/** UTF-8 byte length of a string; a lone surrogate counts 3 bytes (U+FFFD), as TextEncoder does. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const isB64Char = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;

/**
 * Decoded byte length of standard base64 (padding optional), or null when `s` is not base64.
 * Checks every character like a decoder would, without building the bytes.
 */
export function base64ByteLength(s: string): number | null {
  let end = s.length;
  if (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  if (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  const padded = end !== s.length;
  if (end % 4 === 1 || (padded && s.length % 4 !== 0)) return null;
  for (let i = 0; i < end; i++) if (!isB64Char(s.charCodeAt(i))) return null;
  return Math.floor((end * 3) / 4);
}
