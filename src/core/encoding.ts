/** Byte-level helpers that work the same in a page, a worker, an extension and Node. */

const CHUNK = 0x8000;

/** The native codec (Chrome 140+, Firefox 133+), about 60× faster on large payloads. */
type NativeBase64 = { toBase64?: (this: Uint8Array) => string };
type NativeFromBase64 = { fromBase64?: (s: string) => Uint8Array };
const nativeToBase64 = (Uint8Array.prototype as unknown as NativeBase64).toBase64;
const nativeFromBase64 = (Uint8Array as unknown as NativeFromBase64).fromBase64;

export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeToBase64) return nativeToBase64.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

export function base64ToBytes(b64: string): Uint8Array {
  if (nativeFromBase64) return nativeFromBase64(b64);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Decoded length of a base64 string without decoding it. */
export function base64ByteLength(b64: string): number {
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - pad;
}

/** UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder does). */
const NON_ASCII = /[^\x00-\x7f]/;

export function utf8Length(s: string): number {
  if (!NON_ASCII.test(s)) return s.length; // the common case, scanned natively
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

/** Cuts a string so that its UTF-8 encoding stays within `maxBytes` (never splits a pair). */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (s.length * 3 <= maxBytes) return s;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
    if (n + w > maxBytes) return s.slice(0, i);
    n += w;
    if (w === 4) i++;
  }
  return s;
}

/** Bytes as hex digits, two per byte, joined by `separator` ('' for compact, ' ' to read). */
export function bytesToHex(bytes: Uint8Array, separator = ''): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(separator);
}
