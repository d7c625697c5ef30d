import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '../model';
import type { SessionEvent, SocketRecord } from '../session';
import { compileFilter, EMPTY_FILTER, type FilterSpec, type RowContext } from './filter';
import { parseQuery } from './query';

const msg = (socketKey: string, dir: 'sent' | 'received', data: string | Uint8Array): SessionEvent => ({
  socketKey,
  event: { kind: 'message', seq: 1, socket: 1, time: 0, dir, size: data.length, ...(typeof data === 'string' ? { opcode: 1, data } : { opcode: 2, data }) },
});
const life = (socketKey: string, event: Partial<CaptureEvent>): SessionEvent => ({ socketKey, event: { seq: 1, socket: 1, time: 0, ...event } as CaptureEvent });

const rows: SessionEvent[] = [
  msg('a', 'sent', 'Hello World'),
  msg('a', 'received', '{"type":"tick","price":42}'),
  msg('b', 'sent', new Uint8Array([0, 1, 2])),
  msg('b', 'received', '42["chat","hi"]'),
  life('a', { kind: 'closed', code: 1000, reason: 'bye', wasClean: true }),
];
const fields = new Map<SessionEvent, Record<string, string>>([[rows[3], { event: 'chat', ns: '/' }]]);
const text = (r: SessionEvent) => (r.event.kind === 'message' ? (r.event.opcode === 1 ? r.event.data : '\0\x01\x02') : `closed ${(r.event as { code?: number }).code}`);
const ctx: RowContext = {
  text,
  fields: (r) => fields.get(r),
  socket: (r) => (r.socketKey === 'a' ? { url: 'ws://x/a' } : { url: 'ws://x/b', context: { kind: 'service-worker', url: 'https://x/sw.js' } }) as SocketRecord,
  // rows 0 → 1 a pair 250 ms apart; row 2 a request still unanswered
  latency: (r) => (r === rows[0] || r === rows[1] ? 250 : undefined),
  unanswered: (r) => r === rows[2],
};
const run = (spec: Partial<FilterSpec>) => {
  const f = compileFilter({ ...EMPTY_FILTER, ...spec }, ctx);
  if (!f.ok) throw new Error(f.error);
  return rows.map((r, i) => (f.test(r) ? i : -1)).filter((i) => i >= 0);
};

describe('compileFilter', () => {
  it('matches everything when empty', () => expect(run({})).toEqual([0, 1, 2, 3, 4]));
  it('matches text case-insensitively', () => expect(run({ query: 'hello' })).toEqual([0]));
  it('matches a phrase of letters, digits and punctuation case-insensitively, and only where all of it is', () => {
    expect(run({ query: '"hello world"' })).toEqual([0]);
    expect(run({ query: '"tick","price":42' })).toEqual([1]);
    expect(run({ query: '"price":43' })).toEqual([]);
    expect(run({ query: '"CHAT","HI"' })).toEqual([3]);
  });
  it('matches regex metacharacters in plain text literally', () => {
    expect(run({ query: '42["chat","hi"]' })).toEqual([3]);
    expect(run({ query: '{"type"' })).toEqual([1]);
  });
  it('ANDs terms and supports negation and phrases', () => {
    expect(run({ query: '42 tick' })).toEqual([1]);
    expect(run({ query: '42 -tick' })).toEqual([3]);
    expect(run({ query: '"hello world"' })).toEqual([0]);
  });
  it('supports /regex/flags', () => {
    expect(run({ query: '/^he/i' })).toEqual([0]);
    expect(run({ query: '/"price":\\d+/' })).toEqual([1]);
  });
  it('reports an invalid regex instead of throwing', () => {
    const f = compileFilter({ ...EMPTY_FILTER, query: '/(unclosed/' }, ctx);
    expect(f.ok).toBe(false);
  });
  it('inverts', () => expect(run({ query: 'hello', invert: true })).toEqual([1, 2, 3, 4]));
  it('filters by direction', () => {
    expect(run({ directions: { sent: true, received: false } })).toEqual([0, 2, 4]);
    expect(run({ directions: { sent: false, received: true } })).toEqual([1, 3, 4]);
  });
  it('filters by kind', () => {
    expect(run({ kinds: { text: false, binary: true, lifecycle: false } })).toEqual([2]);
    expect(run({ kinds: { text: true, binary: false, lifecycle: false } })).toEqual([0, 1, 3]);
    expect(run({ kinds: { text: false, binary: false, lifecycle: true } })).toEqual([4]);
  });
  it('filters by socket', () => expect(run({ sockets: new Set(['b']) })).toEqual([2, 3]));
  it('filters on decoded fields and the socket url', () => {
    expect(run({ query: 'event:chat' })).toEqual([3]);
    expect(run({ query: 'event:other' })).toEqual([]);
    expect(run({ query: 'url:/b' })).toEqual([2, 3]);
    expect(run({ query: 'context:page' })).toEqual([0, 1, 4]);
    expect(run({ query: 'context:worker' })).toEqual([2, 3]);
    expect(run({ query: 'context:sw.js' })).toEqual([2, 3]);
    expect(run({ query: '-context:service' })).toEqual([0, 1, 4]);
  });
  it('filters on latency with <, <=, > and >=, in ms or s, only rows of a pair', () => {
    expect(run({ query: 'latency:>200' })).toEqual([0, 1]);
    expect(run({ query: 'latency:>250' })).toEqual([]);
    expect(run({ query: 'latency:>=250' })).toEqual([0, 1]);
    expect(run({ query: 'latency:<0.3s' })).toEqual([0, 1]);
    expect(run({ query: 'latency:<=249ms' })).toEqual([]);
    expect(run({ query: '-latency:>200' })).toEqual([2, 3, 4]);
    expect(run({ query: 'latency:>100 hello' })).toEqual([0]);
  });
  it('filters unanswered requests; a quoted "unanswered" is text', () => {
    expect(run({ query: 'unanswered' })).toEqual([2]);
    expect(run({ query: '-unanswered' })).toEqual([0, 1, 3, 4]);
    expect(run({ query: '"unanswered"' })).toEqual([]);
  });
  it('says when a query asks about pairs', () => {
    const asks = (query: string) => {
      const f = compileFilter({ ...EMPTY_FILTER, query }, ctx);
      return f.ok && f.pairing;
    };
    expect([asks('latency:>1'), asks('x unanswered'), asks('latency:fast'), asks('hello')]).toEqual([true, true, false, false]);
  });
  it('tests the cheapest term first, so costly ones see only the rows it kept', () => {
    const looked: string[] = [];
    const counting: RowContext = { ...ctx, text: (r) => text(r), fields: (r) => (looked.push('fields'), ctx.fields(r)), latency: (r) => (looked.push('latency'), ctx.latency(r)) };
    const f = compileFilter({ ...EMPTY_FILTER, query: 'latency:>100 event:chat 42' }, counting);
    if (!f.ok) throw new Error(f.error);
    expect(rows.map((r, i) => (f.test(r) ? i : -1)).filter((i) => i >= 0)).toEqual([]);
    // Only rows 1 and 3 contain "42"; row 1 has no fields, row 3's latency is asked for last.
    expect(looked).toEqual(['fields', 'fields', 'latency']);
  });
  it('combines filters', () => expect(run({ query: '42', directions: { sent: false, received: true }, sockets: new Set(['b']) })).toEqual([3]));
});

describe('parseQuery', () => {
  it('does not take a URL for a field term', () => {
    const q = parseQuery('ws://host');
    expect(q.ok && q.query.kind === 'terms' && q.query.terms[0].kind).toBe('text');
  });
});
