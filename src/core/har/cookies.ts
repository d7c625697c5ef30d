import { splitCookiesString, parseString } from 'set-cookie-parser';
import type { HttpHeader } from '../model';
import type { HarCookie } from './types';

const named = (headers: HttpHeader[], name: string) => headers.filter((h) => h.name.toLowerCase() === name);

/** The cookies a request sent, from its `Cookie` headers (values as sent, not decoded). */
export function requestCookies(headers: HttpHeader[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of named(headers, 'cookie')) {
    for (const pair of h.value.split(';')) {
      const at = pair.indexOf('=');
      if (at > 0) out.push({ name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() });
    }
  }
  return out;
}

/** The cookies a response set, from its `Set-Cookie` headers (one header may hold several, one a line). */
export function responseCookies(headers: HttpHeader[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of named(headers, 'set-cookie')) {
    for (const line of h.value.split('\n').flatMap((l) => splitCookiesString(l))) {
      const c = parseString(line, { decodeValues: false });
      if (!c.name) continue;
      out.push({
        name: c.name,
        value: c.value,
        ...(c.path ? { path: c.path } : {}),
        ...(c.domain ? { domain: c.domain } : {}),
        ...(c.expires && Number.isFinite(c.expires.getTime()) ? { expires: c.expires.toISOString() } : {}),
        ...(c.httpOnly ? { httpOnly: true } : {}),
        ...(c.secure ? { secure: true } : {}),
      });
    }
  }
  return out;
}
