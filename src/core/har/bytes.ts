export { utf8Length } from '../encoding';

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
