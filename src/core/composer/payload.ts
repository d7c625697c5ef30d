import { bytesToBase64, utf8Length } from '../encoding';
import type { CommandPayload } from '../protocol';

export type ComposerFormat = 'text' | 'json' | 'hex' | 'base64';

/** Larger payloads are refused: they would not cross the browser's extension messaging. */
export const MAX_COMPOSER_BYTES = 16 * 1024 * 1024;

export type ParsedPayload =
  | { ok: true; payload: CommandPayload; size: number; binary: boolean }
  | { ok: false; error: string; position?: number };

/** Validates what the user typed in a format and turns it into what goes to the page. */
export function parsePayload(format: ComposerFormat, input: string): ParsedPayload {
  switch (format) {
    case 'text':
      return sized({ text: input }, utf8Length(input), false);
    case 'json':
      return parseJson(input);
    case 'hex':
      return parseHex(input);
    case 'base64':
      return parseBase64(input);
  }
}

function sized(payload: CommandPayload, size: number, binary: boolean): ParsedPayload {
  if (size > MAX_COMPOSER_BYTES) return { ok: false, error: `The payload is ${size} bytes; the limit is ${MAX_COMPOSER_BYTES} bytes.` };
  return { ok: true, payload, size, binary };
}

function parseJson(input: string): ParsedPayload {
  try {
    JSON.parse(input);
  } catch (e) {
    const message = (e as Error).message;
    return { ok: false, error: `Invalid JSON: ${message}`, position: jsonErrorPosition(message, input) };
  }
  return sized({ text: input }, utf8Length(input), false);
}

/** Where JSON.parse stopped, from its message (V8: "at position N" or "line L column C"; Firefox: "at line L column C"). */
export function jsonErrorPosition(message: string, input: string): number | undefined {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const lines = input.split('\n');
    let offset = 0;
    for (let i = 0; i < Number(lc[1]) - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    return offset + Number(lc[2]) - 1;
  }
  if (/end of (JSON )?(input|data)/i.test(message)) return input.length;
  return undefined;
}

function parseHex(input: string): ParsedPayload {
  const clean = input.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  const bad = /[^0-9a-f]/i.exec(clean);
  if (bad) return { ok: false, error: `Invalid hex: "${bad[0]}" is not a hex digit.`, position: input.indexOf(bad[0]) };
  if (clean.length % 2) return { ok: false, error: 'Invalid hex: an odd number of digits (each byte needs two).' };
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return sized({ base64: bytesToBase64(bytes) }, bytes.length, true);
}

function parseBase64(input: string): ParsedPayload {
  const clean = input.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const bad = /[^A-Za-z0-9+/=]/.exec(clean);
  if (bad) return { ok: false, error: `Invalid base64: "${bad[0]}" is not a base64 character.`, position: input.indexOf(bad[0]) };
  const padded = clean.replace(/=+$/, '');
  if (/=/.test(padded) || padded.length % 4 === 1) return { ok: false, error: 'Invalid base64: wrong length or padding.' };
  const normal = padded + '='.repeat((4 - (padded.length % 4)) % 4);
  const size = Math.floor((padded.length * 3) / 4);
  return sized({ base64: normal }, size, true);
}

/** Pretty-prints JSON text (the composer's Format button); unchanged when invalid. */
export function prettyJson(input: string): string {
  try {
    return JSON.stringify(JSON.parse(input), null, 2);
  } catch {
    return input;
  }
}
