import { payloadBytes, utf8Decode } from './payload';
import type { DecodeFn, Decoded, DecoderDef, Payload } from './types';
import { binaryValue, isRecord, preview, printableText, textPreview } from './values';
import { formatBytes } from '../units';

const COMMANDS = [
  'CONNECT', 'STOMP', 'CONNECTED', 'SEND', 'SUBSCRIBE', 'UNSUBSCRIBE', 'ACK', 'NACK', 'BEGIN', 'COMMIT', 'ABORT',
  'DISCONNECT', 'MESSAGE', 'RECEIPT', 'ERROR',
];
const COMMAND_LINE = new RegExp(`^(?:\\r?\\n)*(${COMMANDS.join('|')})\\r?\\n`);

export interface StompFrame {
  command: string;
  headers: Record<string, string>;
  body: unknown;
  bodyLength: number;
}

const unescapeHeader = (s: string): string =>
  s.replace(/\\(r|n|c|\\)/g, (_, c: string) => ({ r: '\r', n: '\n', c: ':', '\\': '\\' })[c] ?? c);

function indexOfBlankLine(bytes: Uint8Array): { at: number; next: number } | undefined {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 10) continue;
    if (bytes[i + 1] === 10) return { at: i, next: i + 2 };
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return { at: i, next: i + 3 };
  }
  return undefined;
}

/** Parses the STOMP frames of one WebSocket message (several may be concatenated, separated by NUL). */
export function parseStompFrames(bytes: Uint8Array): StompFrame[] {
  const frames: StompFrame[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    while (pos < bytes.length && (bytes[pos] === 10 || bytes[pos] === 13)) pos++;
    if (pos >= bytes.length) break;
    const rest = bytes.subarray(pos);
    const blank = indexOfBlankLine(rest);
    if (!blank) throw new Error('STOMP frame without the blank line after its headers');
    const lines = utf8Decode(rest.subarray(0, blank.at)).split(/\r?\n/);
    const command = lines[0];
    if (!COMMANDS.includes(command)) throw new Error(`unknown STOMP command ${JSON.stringify(command.slice(0, 20))}`);
    const escape = command !== 'CONNECT' && command !== 'CONNECTED';
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = escape ? unescapeHeader(line.slice(0, colon)) : line.slice(0, colon);
      // STOMP: when a header repeats, the first occurrence wins.
      if (!(name in headers)) headers[name] = escape ? unescapeHeader(line.slice(colon + 1)) : line.slice(colon + 1);
    }
    const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : NaN;
    let end: number;
    if (Number.isInteger(length) && length >= 0 && blank.next + length <= rest.length) end = blank.next + length;
    else {
      end = rest.indexOf(0, blank.next);
      if (end < 0) end = rest.length;
    }
    const body = rest.subarray(blank.next, end);
    frames.push({ command, headers, body: bodyValue(body, headers['content-type']), bodyLength: body.length });
    pos += end + 1;
  }
  return frames;
}

function bodyValue(body: Uint8Array, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  const text = printableText(body);
  if (text === undefined) return binaryValue(body);
  if (contentType?.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function bodyPreview(f: StompFrame): string {
  const b = f.body;
  if (typeof b === 'string') return textPreview(b, 60);
  if (isRecord(b) && '$binary' in b) return `(${formatBytes(f.bodyLength)})`;
  return preview(b, 60);
}

export function stompSummary(f: StompFrame): string {
  const h = f.headers;
  let s = `STOMP ${f.command}`;
  if (h.destination !== undefined) s += ` ${h.destination}`;
  if (f.command === 'CONNECTED' && h.version) s += ` version=${h.version}`;
  if ((f.command === 'CONNECT' || f.command === 'STOMP') && h['accept-version']) s += ` accept-version=${h['accept-version']}`;
  if (h.id !== undefined && f.command !== 'MESSAGE') s += ` id=${h.id}`;
  if (h.subscription !== undefined) s += ` sub=${h.subscription}`;
  if (h['receipt-id'] !== undefined) s += ` receipt-id=${h['receipt-id']}`;
  if (f.command === 'ERROR' && h.message !== undefined) s += ` ${JSON.stringify(h.message)}`;
  if (f.bodyLength > 0) s += ' ' + bodyPreview(f);
  return s;
}

export function stompFields(f: StompFrame): Record<string, string | undefined> {
  const h = f.headers;
  return {
    type: f.command,
    command: f.command,
    destination: h.destination,
    subscription: h.subscription ?? (f.command === 'SUBSCRIBE' || f.command === 'UNSUBSCRIBE' ? h.id : undefined),
    'content-type': h['content-type'],
    receipt: h.receipt,
    'receipt-id': h['receipt-id'],
  };
}

const isHeartbeat = (bytes: Uint8Array): boolean => bytes.length > 0 && bytes.every((b) => b === 10 || b === 13);

function decodeStomp(p: Payload): Decoded {
  const bytes = payloadBytes(p);
  if (isHeartbeat(bytes)) return { decoder: 'stomp', summary: 'STOMP heartbeat', value: null, fields: { type: 'heartbeat' } };
  const frames = parseStompFrames(bytes);
  if (frames.length === 0) throw new Error('empty STOMP payload');
  const [first] = frames;
  return {
    decoder: 'stomp',
    summary: frames.length === 1 ? stompSummary(first) : `${frames.length} frames: ${frames.map(stompSummary).join(' | ')}`,
    value: frames.length === 1 ? first : frames,
    fields: stompFields(first),
  };
}

/** Whether text looks like the start of a STOMP frame. */
export const looksLikeStomp = (text: string): boolean => COMMAND_LINE.test(text);

export const stomp: DecoderDef = {
  id: 'stomp',
  label: 'STOMP',
  create: (): DecodeFn => decodeStomp,
  sniff: (p) => looksLikeStomp(p.opcode === 1 ? p.text ?? '' : utf8Decode((p.bytes ?? new Uint8Array()).subarray(0, 16))),
};
