/**
 * The filter box's language: `/regex/flags`, or space-separated terms that must all match —
 * plain words (case-insensitive substring of the payload), "quoted phrases", and `field:value`
 * terms on decoded fields (e.g. `event:chat`, `topic:sensors/1`) the socket URL (`url:`) or where the socket lives (`context:page`, `context:worker`, `context:service-worker`).
 * Pairing terms: `latency:>200` (also `<`, `>=`, `<=`; ms, or `s` after the number) and the word
 * `unanswered`. A leading `-` negates a term.
 */
export type LatencyOp = '<' | '<=' | '>' | '>=';

export type Term =
  | { kind: 'text'; value: string; negate: boolean }
  | { kind: 'field'; field: string; value: string; negate: boolean }
  | { kind: 'latency'; op: LatencyOp; ms: number; negate: boolean }
  | { kind: 'unanswered'; negate: boolean };

export type Query =
  | { kind: 'all' }
  | { kind: 'regex'; regex: RegExp }
  | { kind: 'terms'; terms: Term[] };

export type ParsedQuery = { ok: true; query: Query } | { ok: false; error: string };

const REGEX = /^\/(.+)\/([a-z]*)$/s;
const FIELD = /^([a-z_][\w.-]*):(.+)$/i;
const TOKEN = /(-?)(?:"([^"]*)"|(\S+))/g;
const LATENCY = /^(<=|>=|<|>)(\d+(?:\.\d+)?)(ms|s)?$/i;

export function parseQuery(input: string): ParsedQuery {
  const text = input.trim();
  if (text === '') return { ok: true, query: { kind: 'all' } };
  const regex = REGEX.exec(text);
  if (regex) {
    try {
      return { ok: true, query: { kind: 'regex', regex: new RegExp(regex[1], regex[2]) } };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }
  const terms: Term[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const negate = m[1] === '-';
    const quoted = m[2];
    const word = m[3];
    if (quoted !== undefined) {
      if (quoted) terms.push({ kind: 'text', value: quoted.toLowerCase(), negate });
      continue;
    }
    const field = FIELD.exec(word);
    const latency = field && field[1].toLowerCase() === 'latency' ? LATENCY.exec(field[2]) : null;
    if (latency) {
      const ms = Number(latency[2]) * (latency[3]?.toLowerCase() === 's' ? 1000 : 1);
      terms.push({ kind: 'latency', op: latency[1] as LatencyOp, ms, negate });
    } else if (word.toLowerCase() === 'unanswered') {
      terms.push({ kind: 'unanswered', negate });
    } else if (field && !field[2].startsWith('//')) {
      terms.push({ kind: 'field', field: field[1].toLowerCase(), value: field[2].toLowerCase(), negate });
    } else {
      terms.push({ kind: 'text', value: word.toLowerCase(), negate });
    }
  }
  return { ok: true, query: terms.length ? { kind: 'terms', terms } : { kind: 'all' } };
}
