import type { FieldValue } from '../decoders/types';
import type { SessionEvent } from '../session';

/** The decoded fields that say what kind of message a message is (not which one: ids and refs left out). */
const KIND_FIELDS = ['type', 'event', 'target', 'destination', 'topic', 'channel', 'uri', 'operationName', 'action', 'command'];

/** A message's kind from its decoded fields: '' for an undecoded one. */
export function kindOf(fields: Record<string, FieldValue> | undefined): string {
  if (!fields) return '';
  return KIND_FIELDS.map((k) => (fields[k] === undefined ? '' : String(fields[k]))).join('\u0000');
}

/**
 * The index of the latest message before `rows[index]` on the same socket, in the same direction
 * and of the same kind; -1 when there is none.
 */
export function previousOfKind(rows: readonly SessionEvent[], index: number, fieldsOf: (row: SessionEvent) => Record<string, FieldValue> | undefined): number {
  const row = rows[index];
  const e = row?.event;
  if (e?.kind !== 'message') return -1;
  const kind = kindOf(fieldsOf(row));
  for (let i = index - 1; i >= 0; i--) {
    const r = rows[i];
    if (r.socketKey !== row.socketKey || r.event.kind !== 'message' || r.event.dir !== e.dir) continue;
    if (kindOf(fieldsOf(r)) === kind) return i;
  }
  return -1;
}
