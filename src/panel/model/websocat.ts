import type { SocketRecord } from '../../core/session';

/** POSIX shell single-quoting: safe for any text a page put in its URL or protocols. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A `websocat` command line that opens the same socket: same URL, same requested sub-protocols. */
export function websocatCommand(s: Pick<SocketRecord, 'url' | 'protocols'>): string {
  return ['websocat', ...(s.protocols.length ? [`--protocol ${quote(s.protocols.join(', '))}`] : []), quote(s.url)].join(' ');
}
