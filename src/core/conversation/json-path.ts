import { isRecord } from '../decoders/values';

/** The value at a dotted path (`re.requestId`, `items.0.id`) of parsed JSON, or undefined. */
export function atPath(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else if (isRecord(v) && Object.hasOwn(v, part)) v = v[part];
    else return undefined;
  }
  return v;
}

/** An id as a correlation key: strings and numbers kept apart (`1` is not `"1"`), anything else none. */
export function idKey(v: unknown): string | undefined {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number' && Number.isFinite(v)) return `n${v}`;
  return undefined;
}
