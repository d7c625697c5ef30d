import type { HttpHeader, StackFrame } from '../../core/model';
import type { SocketRecord } from '../../core/session';
import { formatDuration } from './format';

export interface HandshakeView {
  general: [label: string, value: string][];
  /** The handshake failed (4xx/5xx, refused…): the status or error that says so. */
  failed?: string;
  timing: [label: string, value: string][];
  responseHeaders?: HttpHeader[];
  requestHeaders?: HttpHeader[];
  /** Request headers the browser sent without showing extensions (Chrome adds them further down). */
  unseenRequestHeaders?: boolean;
}

/** What the Headers view shows of a socket's handshake, in the Network panel's order and words. */
export function handshakeView(s: SocketRecord): HandshakeView {
  const { request, response, failed } = s.handshake ?? {};
  const status = response
    ? response.statusLine.replace(/^\S+\s+/, '')
    : failed ? `(failed) ${failed.error}`
    : s.openedAt !== undefined ? '101 Switching Protocols'
    : s.state === 'closed' ? '(failed)' : '(pending)';
  const general: HandshakeView['general'] = [
    ['Request URL', request?.url ?? s.url],
    ['Request Method', request?.method ?? 'GET'],
    ['Status Code', status],
  ];
  const bad = (response && response.status !== 101) || failed || (!response && s.state === 'closed' && s.openedAt === undefined) ? status : undefined;
  const since = (t: number | undefined) => (t === undefined ? undefined : `+${formatDuration(Math.max(0, t - s.createdAt))}`);
  const timing: HandshakeView['timing'] = [];
  for (const [label, t] of [['Request sent', request?.time], ['Response', response?.time], ['Failed', failed?.time], ['Open', s.openedAt]] as const) {
    const at = since(t);
    if (at) timing.push([label, at]);
  }
  return {
    general,
    ...(bad ? { failed: bad } : {}),
    timing,
    ...(response ? { responseHeaders: response.headers } : {}),
    ...(request ? { requestHeaders: request.headers } : {}),
    ...(request && !s.imported && !request.headers.some((h) => h.name.toLowerCase() === 'sec-websocket-key') ? { unseenRequestHeaders: true } : {}),
  };
}

/** A stack frame as DevTools writes it: `fn @ url:line:column` (anonymous code has no name). */
export const frameText = (f: StackFrame) => `${f.functionName || '(anonymous)'} @ ${f.url}:${f.line}:${f.column}`;
