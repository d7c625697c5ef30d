import { isRecord, tryJson } from '../decoders/values';
import { request, response, type Correlation } from './correlation';
import { idKey } from './json-path';

/** JSON-RPC 2.0: a call (method + id) opens its id, a result or error with that id answers it; batches by element. */
export function jsonRpcCorrelations(text: string): Correlation[] {
  // Cheap guards first: every message of a non-JSON-RPC socket passes through here.
  if (!text.includes('"jsonrpc"') || !/^\s*[[{]/.test(text)) return [];
  const msg = tryJson(text);
  const items = Array.isArray(msg) ? msg : [msg];
  const out: Correlation[] = [];
  for (const m of items) {
    if (!isRecord(m) || m.jsonrpc !== '2.0') continue;
    const key = idKey(m.id);
    if (key === undefined) continue;
    if (typeof m.method === 'string') out.push(request(`rpc:${key}`));
    else if ('result' in m || 'error' in m) out.push(response(`rpc:${key}`));
  }
  return out;
}
