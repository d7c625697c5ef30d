import type { DroppedEvent } from '../model';
import { socketKey, type SessionEvent, type SessionSnapshot } from '../session';
import { utf8Length } from './bytes';
import { chromeSocket } from './import-chrome';
import { ownSocket } from './import-own';
import type { ImportedSocket } from './imported';
import { mergeByTime } from './merge';
import { formatBytes } from '../units';
import { isObj, readMessages, readSocketsExtras, type Obj } from './read';

export interface ImportOptions {
  /** Larger files are refused before parsing. Default 200 MiB. */
  maxBytes?: number;
  /** Goes into every socket's `imported` (e.g. the file name). */
  label?: string;
  /**
   * Docs become `<docPrefix>:<doc in the file>` so imported sockets never share keys with live
   * ones. Default `har1`, `har2`, ... (one per call). A ':' in it is replaced by '_'.
   */
  docPrefix?: string;
}

export type ImportResult =
  | { ok: true; snapshot: SessionSnapshot; warnings: string[] }
  | { ok: false; error: string };

export const DEFAULT_MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** Doc (in the file's terms) of sockets rebuilt from standard HAR fields. */
const FOREIGN_DOC = 'har';

let imports = 0;

/** Reads a HAR file (ours or Chrome DevTools' format) into a snapshot of read-only sockets. Never throws. */
export function importHar(text: string, opts: ImportOptions = {}): ImportResult {
  try {
    return read(text, opts);
  } catch (err) {
    return fail(`Could not read this HAR file (${err instanceof Error ? err.message : String(err)})`);
  }
}

const fail = (error: string): ImportResult => ({ ok: false, error });

function read(text: string, opts: ImportOptions): ImportResult {
  if (typeof text !== 'string') return fail('Nothing to import');
  const max = opts.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  // A string's UTF-8 size is between its length and three times its length.
  if (text.length > max || (text.length * 3 > max && utf8Length(text) > max)) {
    return fail(`This file is larger than the ${formatBytes(max)} import limit`);
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return fail('This file is not valid JSON');
  }
  if (!isObj(root) || !isObj(root.log) || !Array.isArray(root.log.entries)) {
    return fail('This is not a HAR file (it has no log.entries list)');
  }
  const entries = root.log.entries.filter(isWebSocketEntry);
  if (!entries.length) return fail('This HAR file has no WebSocket entries');

  const prefix = (opts.docPrefix ?? `har${++imports}`).replace(/:/g, '_');
  const label = opts.label ?? 'HAR file';
  const frameUrls = pageUrls(root.log.pages);
  const warnings: string[] = [];
  const sockets: ImportedSocket[] = [];
  const foreign: ImportedSocket[] = [];
  const keys = new Set<string>();
  let nextForeign = 1;

  entries.forEach((entry, i) => {
    const url = isObj(entry.request) && typeof entry.request.url === 'string' ? entry.request.url : undefined;
    const warn = (m: string) => warnings.push(`${url || `Entry ${i + 1}`}: ${m}`);
    if (url === undefined) return warn('skipped: no request URL');
    const { items, skipped } = readMessages(entry._webSocketMessages);
    if (skipped) warn(`skipped ${skipped} message(s) with a missing or invalid type, time, opcode or data`);
    // Sent messages Sockets stopped go back among the others, in sequence order.
    const stopped = readMessages(entry._socketsStopped).items.filter((m) => m.kind === 'message' && m.seq !== undefined);
    if (stopped.length) {
      items.push(...stopped);
      items.sort((a, b) => (a.kind === 'message' && b.kind === 'message' ? (a.seq ?? 0) - (b.seq ?? 0) : 0));
    }
    const extras = entry._sockets === undefined ? null : readSocketsExtras(entry._sockets);
    if (entry._sockets !== undefined && !extras) warn('unreadable Sockets details; imported from the standard HAR fields');

    let s: ImportedSocket;
    if (extras) {
      s = ownSocket(entry, url, extras, items, `${prefix}:${extras.doc}`, label, warn);
      if (keys.has(s.record.key)) return warn('skipped: same socket as an earlier entry');
    } else {
      const doc = `${prefix}:${FOREIGN_DOC}`;
      while (keys.has(socketKey(doc, nextForeign))) nextForeign++;
      const frameUrl = typeof entry.pageref === 'string' ? (frameUrls.get(entry.pageref) ?? '') : '';
      s = chromeSocket(entry, url, items, doc, nextForeign++, frameUrl, label, warn);
      foreign.push(s);
    }
    if (s.record.frameUrl && !URL.canParse(s.record.frameUrl)) {
      warn('its frame URL is not an absolute URL; left out');
      s.record.frameUrl = '';
      for (const e of s.events) if (e.kind === 'created') e.frameUrl = '';
    }
    keys.add(s.record.key);
    sockets.push(s);
  });
  if (!sockets.length) return fail(`None of the ${entries.length} WebSocket entries could be read`);

  mergeByTime(foreign.map((s) => s.events), (e) => e.time).forEach((e, i) => (e.seq = i + 1));
  return { ok: true, snapshot: { sockets: sockets.map((s) => s.record), events: sessionEvents(sockets) }, warnings };
}

function isWebSocketEntry(e: unknown): e is Obj {
  if (!isObj(e)) return false;
  const url = isObj(e.request) ? e.request.url : undefined;
  return e._resourceType === 'websocket' || (typeof url === 'string' && /^wss?:/i.test(url)) || e._webSocketMessages !== undefined;
}

/** Chrome titles each page with its URL. */
function pageUrls(pages: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(pages)) return out;
  for (const p of pages) {
    if (isObj(p) && typeof p.id === 'string' && typeof p.title === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(p.title)) {
      out.set(p.id, p.title);
    }
  }
  return out;
}

function sessionEvents(sockets: ImportedSocket[]): SessionEvent[] {
  const lists: SessionEvent[][] = sockets.map((s) => s.events.map((event) => ({ socketKey: s.record.key, event })));
  for (const s of sockets) {
    if (s.dropped.length) {
      const key = socketKey(s.record.doc, -1);
      lists.push(s.dropped.map((event: DroppedEvent) => ({ socketKey: key, event })));
    }
  }
  return mergeByTime(lists, (e) => e.event.time);
}
