import type { SessionEvent, SocketRecord } from '../session';
import { parseQuery, type Query, type Term } from './query';

export type RowKind = 'text' | 'binary' | 'lifecycle';

export interface FilterSpec {
  query: string;
  invert: boolean;
  directions: { sent: boolean; received: boolean };
  kinds: Record<RowKind, boolean>;
  /** Only these sockets; null = every socket. */
  sockets: ReadonlySet<string> | null;
}

export const EMPTY_FILTER: FilterSpec = {
  query: '',
  invert: false,
  directions: { sent: true, received: true },
  kinds: { text: true, binary: true, lifecycle: true },
  sockets: null,
};

/** What a filter may ask of a row beyond its event; the panel answers from its caches. */
export interface RowContext {
  /** The row's searchable text: the payload (text, or binary as UTF-8) or a lifecycle summary. */
  text(row: SessionEvent): string;
  /** Decoded fields (sub-protocol), if any. */
  fields(row: SessionEvent): Record<string, string | number | boolean | undefined> | undefined;
  socket(row: SessionEvent): SocketRecord | undefined;
  /** ms between a request and its (first) response, on both rows of the pair; undefined when unpaired. */
  latency(row: SessionEvent): number | undefined;
  /** A request still without a response after the timeout. */
  unanswered(row: SessionEvent): boolean;
}

/**
 * `pairing`: the query asks about pairs (latency, unanswered), which a later row or the passing of
 * time can change: the rows already tested must be tested again.
 */
export type CompiledFilter = { ok: true; test: (row: SessionEvent) => boolean; pairing: boolean } | { ok: false; error: string };

export function compileFilter(spec: FilterSpec, ctx: RowContext): CompiledFilter {
  const parsed = parseQuery(spec.query);
  if (!parsed.ok) return parsed;
  const matchQuery = parsed.query.kind === 'all' ? null : queryMatcher(parsed.query, ctx);
  const { directions, kinds, sockets, invert } = spec;
  const { text, binary, lifecycle } = kinds;
  const pairing = parsed.query.kind === 'terms' && parsed.query.terms.some((t) => t.kind === 'latency' || t.kind === 'unanswered');
  // The hot loop over up to a million rows: plain checks, no allocation.
  return {
    ok: true,
    pairing,
    test(row) {
      if (sockets !== null && !sockets.has(row.socketKey)) return false;
      const e = row.event;
      if (e.kind === 'message') {
        if (!(e.opcode === 1 ? text : binary) || !directions[e.dir]) return false;
      } else if (!lifecycle) return false;
      return matchQuery === null ? !invert : matchQuery(row) !== invert;
    },
  };
}

function queryMatcher(query: Query, ctx: RowContext): (row: SessionEvent) => boolean {
  switch (query.kind) {
    case 'all':
      return () => true;
    case 'regex': {
      const { regex } = query;
      return (row) => {
        regex.lastIndex = 0;
        return regex.test(ctx.text(row));
      };
    }
    case 'terms': {
      // All terms must match, so the cheapest run first and the rest see only the rows it kept.
      const ordered = query.terms.map((t, i) => ({ t, i, cost: termCost(t) })).sort((a, b) => a.cost - b.cost || a.i - b.i);
      const tests = ordered.map(({ t }) => termMatcher(t, ctx));
      if (tests.length === 1) return tests[0];
      return (row) => {
        for (let i = 0; i < tests.length; i++) if (!tests[i](row)) return false;
        return true;
      };
    }
  }
}

/**
 * Does a string contain `lower` (lower-cased), ignoring case? Without cased letters a plain
 * substring search; otherwise a case-insensitive regex, which scans without a lower-cased copy of
 * every payload. The regex runs only where the query's longest run of ASCII characters without
 * case (digits, spaces, punctuation: they match only themselves) is found by a plain search,
 * several times faster than the regex on the rows that cannot match.
 */
function containsIgnoringCase(lower: string): (s: string) => boolean {
  if (lower === lower.toUpperCase()) return (s) => s.includes(lower);
  const re = new RegExp(lower.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const anchor = longestUncasedRun(lower);
  if (anchor.length >= 2) return (s) => s.includes(anchor) && re.test(s);
  return (s) => re.test(s);
}

/**
 * A term's rank by cost per row, lowest first: a plain substring search; one with a plain
 * search in front of its regex; a regex; a decoded field; a pairing. Negated terms keep most
 * rows, so they come after the others of their rank.
 */
function termCost(term: Term): number {
  let rank: number;
  if (term.kind === 'latency' || term.kind === 'unanswered') rank = 4;
  else if (term.kind !== 'text') rank = 3;
  else if (term.value === term.value.toUpperCase()) rank = 0;
  else rank = longestUncasedRun(term.value).length >= 2 ? 1 : 2;
  return rank * 2 + (term.negate ? 1 : 0);
}

function longestUncasedRun(s: string): string {
  let best = '';
  for (const run of s.split(/[^\x00-\x40\x5b-\x60\x7b-\x7f]+/)) if (run.length > best.length) best = run;
  return best;
}

/** What `context:` matches: "page", or a worker's kind and script URL ("service-worker https://…/sw.js"). */
export const contextText = (s: SocketRecord) => (s.context ? `${s.context.kind} ${s.context.url}` : 'page');

const LATENCY_TESTS = {
  '<': (ms: number, limit: number) => ms < limit,
  '<=': (ms: number, limit: number) => ms <= limit,
  '>': (ms: number, limit: number) => ms > limit,
  '>=': (ms: number, limit: number) => ms >= limit,
};

function termMatcher(term: Term, ctx: RowContext): (row: SessionEvent) => boolean {
  const { negate } = term;
  if (term.kind === 'unanswered') return (row) => ctx.unanswered(row) !== negate;
  if (term.kind === 'latency') {
    const { ms, op } = term;
    const compare = LATENCY_TESTS[op];
    return (row) => {
      const latency = ctx.latency(row);
      return (latency !== undefined && compare(latency, ms)) !== negate;
    };
  }
  const { value } = term;
  const contains = containsIgnoringCase(value);
  if (term.kind === 'text') return (row) => contains(ctx.text(row)) !== negate;
  const field = term.field;
  if (field === 'url') return (row) => (ctx.socket(row) ? contains(ctx.socket(row)!.url) : false) !== negate;
  if (field === 'context') return (row) => (ctx.socket(row) ? contains(contextText(ctx.socket(row)!)) : false) !== negate;
  return (row) => {
    const fields = ctx.fields(row);
    let hit = false;
    if (fields) {
      let v = fields[field];
      if (v === undefined) {
        for (const name in fields) {
          if (name.toLowerCase() === field) {
            v = fields[name];
            break;
          }
        }
      }
      hit = v !== undefined && contains(typeof v === 'string' ? v : String(v));
    }
    return hit !== negate;
  };
}
