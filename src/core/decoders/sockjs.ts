import { payloadText, utf8Encode } from './payload';
import { looksLikeStomp, parseStompFrames, stompFields, stompSummary } from './stomp';
import type { Decoded, DecodeFn, DecoderDef, Direction, FieldValue, Payload } from './types';
import { preview, tryJson } from './values';

interface Inner {
  summary: string;
  value: unknown;
  fields: Record<string, FieldValue>;
}

/** SockJS messages are strings; STOMP (as Spring uses it) and JSON inside them are decoded too. */
function inner(message: unknown): Inner {
  if (typeof message !== 'string') return { summary: preview(message, 60), value: message, fields: {} };
  if (looksLikeStomp(message)) {
    try {
      const frames = parseStompFrames(utf8Encode(message));
      if (frames.length) {
        return { summary: frames.map(stompSummary).join(' | '), value: { stomp: frames.length === 1 ? frames[0] : frames }, fields: stompFields(frames[0]) };
      }
    } catch {
      // not STOMP after all: shown as a plain string
    }
  }
  const json = /^\s*[[{]/.test(message) ? tryJson(message) : undefined;
  return { summary: preview(message, 60), value: json ?? message, fields: {} };
}

function messages(list: unknown[], frame: string, dir: Direction): Decoded {
  const parts = list.map(inner);
  const what = dir === 'sent' ? 'send' : 'message';
  const summary =
    parts.length === 1 ? `sockjs ${parts[0].summary}` : `sockjs ${parts.length} messages: ${parts.map((x) => x.summary).join(', ')}`;
  return {
    decoder: 'sockjs',
    summary,
    value: { frame, messages: parts.map((x) => x.value) },
    fields: { frame, type: what, count: parts.length, ...parts[0]?.fields },
  };
}

function decodeSockJs(p: Payload, dir: Direction): Decoded {
  const text = payloadText(p);
  const kind = text.charAt(0);
  const body = text.slice(1);
  if (text === 'o') return { decoder: 'sockjs', summary: 'sockjs open', value: { frame: 'o' }, fields: { frame: 'o', type: 'open' } };
  if (text === 'h') return { decoder: 'sockjs', summary: 'sockjs heartbeat', value: { frame: 'h' }, fields: { frame: 'h', type: 'heartbeat' } };
  if (kind === 'a') {
    const list = JSON.parse(body) as unknown;
    if (!Array.isArray(list)) throw new Error('sockjs "a" frame without an array');
    return messages(list, 'a', dir);
  }
  if (kind === 'm') return messages([JSON.parse(body)], 'm', dir);
  if (kind === 'c') {
    const c = JSON.parse(body) as unknown;
    const [code, reason] = Array.isArray(c) ? c : [];
    return {
      decoder: 'sockjs',
      summary: `sockjs close ${String(code)} ${JSON.stringify(reason ?? '')}`,
      value: { frame: 'c', code, reason },
      fields: { frame: 'c', type: 'close', code: typeof code === 'number' ? code : undefined, reason: typeof reason === 'string' ? reason : undefined },
    };
  }
  // Client to server: a JSON array of strings (or, from some clients, a single JSON string).
  const sent = JSON.parse(text) as unknown;
  return messages(Array.isArray(sent) ? sent : [sent], 'send', dir);
}

export const sockjs: DecoderDef = {
  id: 'sockjs',
  label: 'SockJS',
  create: (): DecodeFn => decodeSockJs,
  sniff: (p, dir) => p.opcode === 1 && (p.text === 'o' || (dir !== 'sent' && /^(a\[|c\[\d)/.test(p.text ?? ''))),
};
