import { payloadText } from './payload';
import type { Decoded, DecodeFn, DecoderDef, Payload } from './types';
import { isRecord, preview, str, tryJson } from './values';

/** Message types of graphql-transport-ws (graphql-ws library) and of the legacy subscriptions-transport-ws. */
const TYPES = new Set([
  'connection_init', 'connection_ack', 'ping', 'pong', 'subscribe', 'next', 'error', 'complete',
  'connection_error', 'connection_terminate', 'ka', 'start', 'data', 'stop',
]);
const STARTS = new Set(['subscribe', 'start']);

interface Operation {
  name?: string;
  kind?: string;
}

/** The operation's name and kind: from `operationName`, else from the first definition in the query. */
function operationOf(payload: unknown): Operation {
  if (!isRecord(payload)) return {};
  const query = str(payload.query) ?? '';
  const m = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/.exec(query);
  return { name: str(payload.operationName) ?? m?.[2], kind: m?.[1] ?? (query.trim().startsWith('{') ? 'query' : undefined) };
}

function createGraphqlDecoder(): DecodeFn {
  const operations = new Map<string, Operation>();

  return (p: Payload): Decoded | null => {
    const msg = JSON.parse(payloadText(p)) as unknown;
    if (!isRecord(msg) || typeof msg.type !== 'string') throw new Error('not a GraphQL over WebSocket message');
    const type = msg.type;
    const id = str(msg.id);
    let op: Operation = {};
    let contextual = false;
    if (id !== undefined && STARTS.has(type)) {
      op = operationOf(msg.payload);
      operations.set(id, op);
    } else if (id !== undefined && operations.has(id)) {
      op = operations.get(id)!;
      contextual = true;
    }
    let summary = `graphql ${type}`;
    if (id !== undefined) summary += ` id=${id}`;
    if (op.kind) summary += ` ${op.kind}`;
    if (op.name) summary += ` ${op.name}`;
    if (!STARTS.has(type) && msg.payload !== undefined && msg.payload !== null) summary += ' ' + preview(msg.payload, 60);
    return {
      decoder: 'graphql',
      summary,
      value: msg,
      fields: { type, id, operationName: op.name, operationType: op.kind },
      note: TYPES.has(type) ? undefined : `unknown message type ${JSON.stringify(type)}`,
      ...(contextual ? { contextual: true as const } : {}),
    };
  };
}

export const graphql: DecoderDef = {
  id: 'graphql',
  label: 'GraphQL over WebSocket (graphql-ws, subscriptions-transport-ws)',
  create: createGraphqlDecoder,
  sniff: (p) => {
    if (p.opcode !== 1) return false;
    const m = /^\s*\{/.test(p.text ?? '') ? tryJson(p.text ?? '') : undefined;
    return isRecord(m) && (m.type === 'connection_init' || m.type === 'connection_ack' || ((m.type === 'subscribe' || m.type === 'start') && isRecord(m.payload) && typeof m.payload.query === 'string'));
  },
};
