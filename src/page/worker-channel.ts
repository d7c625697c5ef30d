import type { HoldRequest, RawRecord } from '../core/raw';
import { apply, BroadcastChannelNative, broadcastPost, privateMap, messageEventData, isArray, isArrayBuffer, isBlob, laterTask, ownList, ownValue, addListener, OWN_LIST_MAX, ArrayBufferNative, Uint8ArrayNative, bufferByteLength } from './natives';
import type { Emit } from './channel';

const stringify = JSON.stringify;
const parse = JSON.parse;
const charCodeAt = String.prototype.charCodeAt;
const charAt = String.prototype.charAt;
const indexOf = String.prototype.indexOf;
/** Base64 by hand: a worker held at its start by the debugger has no btoa/atob yet when its hook runs. */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Workers only (not in the DOM lib's types). */
type FileReaderSyncConstructor = new () => { readAsArrayBuffer(blob: Blob): ArrayBuffer };
const FileReaderSyncNative = (globalThis as { FileReaderSync?: FileReaderSyncConstructor }).FileReaderSync;
const readAsArrayBuffer = FileReaderSyncNative?.prototype.readAsArrayBuffer;
const FLUSH_MS = 8;

const keysOf = Object.keys;

const digit = (n: number) => apply(charAt, DIGITS, [n & 63]) as string;
function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8ArrayNative(buffer);
  const n = apply(bufferByteLength, buffer, []) as number;
  let s = '';
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += digit(v >> 18) + digit(v >> 12) + digit(v >> 6) + digit(v);
  }
  if (i + 1 === n) s += digit(bytes[i] >> 2) + digit(bytes[i] << 4) + '==';
  else if (i + 2 === n) s += digit(bytes[i] >> 2) + digit((bytes[i] << 4) | (bytes[i + 1] >> 4)) + digit(bytes[i + 1] << 2) + '=';
  return s;
}

function fromBase64(b64: string): ArrayBuffer {
  let end = b64.length;
  while (end > 0 && apply(charCodeAt, b64, [end - 1]) === 61) end--;
  const buffer = new ArrayBufferNative((end * 3) >> 2);
  const bytes = new Uint8ArrayNative(buffer);
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    value = (value << 6) | (apply(indexOf, DIGITS, [apply(charAt, b64, [i])]) as number);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (value >> bits) & 255;
    }
  }
  return buffer;
}

/** Bytes as JSON `{"b64": …}`; a Blob read at once (a worker may read synchronously). */
function encodeValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v !== 'object') return stringify(v);
  if (isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i > 0 ? ',' : '') + encodeValue(ownValue(v, i));
    return s + ']';
  }
  if (isArrayBuffer(v)) return '{"b64":' + stringify(base64(v)) + '}';
  if (isBlob(v) && FileReaderSyncNative) return '{"b64":' + stringify(base64(apply(readAsArrayBuffer!, new FileReaderSyncNative(), [v]) as ArrayBuffer)) + '}';
  return 'null';
}

/**
 * A record of the hook's own (a plain object it made: own data properties, identifier keys) as
 * JSON, written field by field: JSON.stringify would look up `toJSON` where a page can watch.
 */
export function encodeRecord(record: object): string {
  const keys = keysOf(record);
  let s = '{';
  for (let i = 0; i < keys.length; i++) {
    const value = (record as Record<string, unknown>)[keys[i]];
    if (value !== undefined) s += (s.length > 1 ? ',"' : '"') + keys[i] + '":' + encodeValue(value);
  }
  return s + '}';
}

/** A command from the background (JSON, bytes as `{"b64": …}`) as the hook's command runner takes it. */
export function decodeCommand(json: string): unknown {
  const c = parse(json) as { data?: unknown } | null;
  const b64 = c && typeof c.data === 'object' && c.data !== null ? ownValue(c.data, 'b64') : undefined;
  if (typeof b64 === 'string') {
    c!.data = fromBase64(b64);
  }
  return c;
}

/** Chrome: this many of the last reports (and at most this many characters of them) can be sent again. */
const RESEND_MAX = 512;
const RESEND_CHARS = 8 * 1024 * 1024;

/**
 * A worker's channel out: DevTools' binding (a function the debugger added to the worker's global,
 * taken and deleted before any worker script ran), or Firefox's BroadcastChannel transport. Records
 * go as JSON strings in batches (`{"r":[…]}`), a hold request at once (`{"h":…}`), both in order.
 * `resendable` (Chrome, where reports pass through the extension's service worker, which may stop
 * with some in hand): each report is numbered (`"s":N`) and the last ones are kept, so that the
 * relay can ask for those it missed (`resend`).
 */
export function openWorkerChannel(binding: (payload: string) => void, resendable = false) {
  const queue = ownList<Parameters<Emit>[0]>();
  let scheduled = false;
  let nextSocketId = 1;
  /** Each live socket's records that say what it is (created, open, its binaryType), JSON, for a listener that joins late. */
  const identities = privateMap<number, string[]>();
  const deliver = (payload: string) => {
    try {
      binding(payload);
    } catch {
      // The debugger went away: nothing reads this worker any more.
    }
  };
  let seq = 0;
  /** Reports seq `keptFrom`…`seq`, as sent. */
  const kept = privateMap<number, string>();
  let keptFrom = 1;
  let keptChars = 0;
  const send = (body: string) => {
    if (!resendable) return deliver('{' + body + '}');
    const payload = '{"s":' + ++seq + ',' + body + '}';
    kept.set(seq, payload);
    keptChars += payload.length;
    while (keptFrom < seq && (seq - keptFrom >= RESEND_MAX || keptChars > RESEND_CHARS)) {
      keptChars -= (kept.get(keptFrom) as string).length;
      kept.delete(keptFrom++);
    }
    deliver(payload);
  };
  const flush = () => {
    scheduled = false;
    if (queue.size() === 0) return;
    const chunks = queue.take();
    let s = '"r":[';
    let first = true;
    for (let c = 0; c < chunks.length; c++) {
      for (let i = 0; i < chunks[c].length; i++) {
        s += (first ? '' : ',') + encodeRecord(chunks[c][i]);
        first = false;
      }
    }
    send(s + ']');
  };
  const schedule = laterTask(flush, FLUSH_MS);
  const remember = (record: RawRecord) => {
    if (record.k === 'created') identities.set(record.id, [encodeRecord(record)]);
    else if (record.k === 'open' || record.k === 'binary-type') identities.get(record.id)?.push(encodeRecord(record));
    else if (record.k === 'closed') identities.delete(record.id);
  };
  const identityRecords = () => {
    let s = '';
    apply(identities.forEach, identities, [(records: string[]) => {
      for (let i = 0; i < records.length; i++) s += (s ? ',' : '') + records[i];
    }]);
    return s;
  };
  const emit: Emit = (record) => {
    if (record.k === 'created' || record.k === 'open' || record.k === 'binary-type' || record.k === 'closed') remember(record);
    queue.add(record);
    if (queue.size() >= OWN_LIST_MAX) flush();
    else if (!scheduled) {
      scheduled = true;
      schedule();
    }
  };
  return {
    emit,
    nextSocketId: () => nextSocketId++,
    /** What a listener that joins now needs to know of the live sockets (`"again":true`: the others know it). */
    identities(): string | undefined {
      const s = identityRecords();
      return s ? '{"again":true,"r":[' + s + ']}' : undefined;
    },
    /**
     * Chrome: the same for a tab that joins a shared worker, once what is queued went out, numbered
     * as the last report: its relay takes it first and drops the reports it already tells.
     */
    joined(): string {
      flush();
      return '{"s":' + seq + ',"again":true,"r":[' + identityRecords() + ']}';
    },
    hold(request: HoldRequest) {
      flush();
      send('"h":' + encodeRecord(request));
    },
    /**
     * The reports after `after` again, in order; if the first of them are no longer kept, first a
     * `{"s":N,"skip":true}` that says everything up to N is gone.
     */
    resend(after: number): void {
      let from = after + 1;
      if (from < keptFrom) {
        deliver('{"s":' + (keptFrom - 1) + ',"skip":true}');
        from = keptFrom;
      }
      for (let s = from; s <= seq; s++) deliver(kept.get(s) as string);
    },
  };
}

const stringSliceNative = String.prototype.slice;
/** At most this many reports wait for the page's side of a channel to answer. */
const WAITING_MAX = 1024;

/**
 * Firefox: a worker's reports on a BroadcastChannel whose name only the extension knows (it made it
 * and wrote it into the hook's prefix; the worker's own scripts cannot read it). The page hook of the
 * frame that will show them listens on it once its relay is told; until it answers `ready`, reports
 * wait (up to WAITING_MAX). Messages are strings: `hello`/`ready`, `joined` (a listener that came
 * later), `c<command JSON>` from the page side, `a<result JSON>` and report JSON from here.
 */
export function broadcastTransport(name: string, runCommand: (json: string) => string, joined: () => string | undefined): ((payload: string) => void) | undefined {
  if (!BroadcastChannelNative) return undefined;
  const bc = new BroadcastChannelNative(name);
  const post = (s: string) => {
    try {
      apply(broadcastPost!, bc, [s]);
    } catch {
      // closing down
    }
  };
  let ready = false;
  let waiting = ownList<string>();
  apply(addListener, bc, ['message', (e: MessageEvent) => {
    const data: unknown = apply(messageEventData, e, []);
    if (typeof data !== 'string') return;
    if (data === 'ready' && !ready) {
      ready = true;
      const chunks = waiting.take();
      waiting = ownList<string>();
      for (let c = 0; c < chunks.length; c++) for (let i = 0; i < chunks[c].length; i++) post(chunks[c][i]);
    } else if (data === 'joined') {
      // A tab that connected later (told the channel when its panel opened): the live sockets again.
      const again = joined();
      if (again) post(again);
    } else if (data[0] === 'c') post('a' + runCommand(apply(stringSliceNative, data, [1]) as string));
  }]);
  post('hello');
  return (payload) => {
    if (ready) post(payload);
    else if (waiting.size() < WAITING_MAX) waiting.add(payload);
  };
}
