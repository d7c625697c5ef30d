import { tryJson } from '../decoders/values';
import type { Correlation, CustomPaths } from './correlation';
import { atPath, idKey } from './json-path';

/** A socket's own JSON paths: the request's id at one, the response's at the other (or the same path for both). */
export function customCorrelations(text: string, paths: CustomPaths): Correlation[] {
  if (!/^\s*[[{]/.test(text)) return [];
  const msg = tryJson(text);
  if (msg === undefined) return [];
  if (paths.request === paths.response) {
    const key = idKey(atPath(msg, paths.request));
    return key === undefined ? [] : [{ key: `custom:${key}`, role: 'either', final: true }];
  }
  const answered = idKey(atPath(msg, paths.response));
  if (answered !== undefined) return [{ key: `custom:${answered}`, role: 'response', final: true }];
  const asked = idKey(atPath(msg, paths.request));
  return asked === undefined ? [] : [{ key: `custom:${asked}`, role: 'request', final: false }];
}
