import { base64ToBytes, bytesToBase64 } from '../core/encoding';
import type { WorkerCommandRequest, WorkerContext, WorkerRecords } from '../core/protocol';

/** Worker sockets get relay ids from here on (a page's hook counts its own from 1). */
const FIRST_ID = 1_000_000_000;
const MAX_RECORDS = 100_000;
/** A resend asked for and not answered is asked again after this long, this many times, then given up. */
const RESEND_AGAIN_MS = 1000;
const RESEND_TRIES = 5;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bytesOf = (v: unknown) => (isObject(v) && typeof v.b64 === 'string' ? (base64ToBytes(v.b64).buffer as ArrayBuffer) : v);

/**
 * The relay's view of the tab's worker sockets (Chrome): each worker's hook counts its sockets from
 * 1, so the relay gives each (worker session, socket) an id of its own, remembers where each lives
 * for the panel (its context) and for commands (the session and the hook's id). A worker's records
 * are as untrusted as a page's: they pass the same validation after this.
 */
export class WorkerSockets {
  private ids = new Map<string, number>();
  private owners = new Map<number, { session: string; socket: number }>();
  readonly contexts = new Map<number, WorkerContext>();
  private sessions = new Set<string>();
  private next = FIRST_ID;
  /** Chrome: the last report taken from each worker (they are numbered), and the resend asked for. */
  private lastReport = new Map<string, number>();
  private asked = new Map<string, { after: number; at: number; tries: number }>();

  constructor(private now: () => number = () => performance.now()) {}

  /**
   * The message's records with relay ids and bytes as ArrayBuffers, or its hold request; null if
   * malformed or already taken. `{ resend: N }`: reports after N are missing (this one is among
   * them): the worker should send them again.
   */
  read(message: WorkerRecords): { records: unknown[] } | { hold: unknown } | { resend: number } | null {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.payload);
    } catch {
      return null;
    }
    if (!isObject(parsed)) return null;
    this.sessions.add(message.session);
    // A shared worker's live sockets for a tab that joins, numbered as its last report: a relay that
    // has not taken reports of it yet drops the ones before; one that has takes only the sockets
    // new to it (its reports go on counting, and one may have come before this).
    const toldAgain = parsed.again === true && this.lastReport.has(message.session);
    if (Number.isSafeInteger(parsed.s) && !toldAgain) {
      const turn = this.turn(message.session, parsed.s as number, parsed.skip === true);
      if (turn === 'gap') return this.missing(message.session);
      if (turn === 'drop') return null;
    }
    if (isObject(parsed.h)) {
      const id = this.ids.get(`${message.session}:${String(parsed.h.socket)}`);
      return id === undefined ? null : { hold: { ...parsed.h, socket: id, data: bytesOf(parsed.h.data) } };
    }
    if (!Array.isArray(parsed.r)) return null;
    // A worker's live sockets told again for a listener that joined late: only the ones new here.
    const again = parsed.again === true ? new Set<string>() : undefined;
    const records: unknown[] = [];
    for (const r of parsed.r.slice(0, MAX_RECORDS)) {
      if (!isObject(r) || !Number.isSafeInteger(r.id)) continue;
      const key = `${message.session}:${r.id as number}`;
      if (again && r.k !== 'created' && !again.has(key)) continue;
      let id = this.ids.get(key);
      if (r.k === 'created') {
        if (id !== undefined) continue;
        again?.add(key);
        id = this.next++;
        this.ids.set(key, id);
        this.owners.set(id, { session: message.session, socket: r.id as number });
        this.contexts.set(id, { kind: message.context.kind, url: message.context.url });
      } else if (id === undefined) continue;
      records.push({ ...r, id, ...(r.data !== undefined ? { data: bytesOf(r.data) } : {}), ...(r.original !== undefined ? { original: bytesOf(r.original) } : {}) });
    }
    return { records };
  }

  /**
   * Report `s` of `session`: the next one (taken), one taken already or a skip (dropped; a skip says
   * everything up to `s` is gone), or one past a gap.
   */
  private turn(session: string, s: number, skip: boolean): 'take' | 'drop' | 'gap' {
    const last = this.lastReport.get(session);
    if (skip) {
      if (last === undefined || s > last) this.lastReport.set(session, s);
      return 'drop';
    }
    if (last !== undefined && s <= last) return 'drop';
    if (last !== undefined && s > last + 1) {
      const asked = this.asked.get(session);
      // Asked too often without an answer: what is missing is lost; go on from here.
      if (!asked || asked.after !== last || asked.tries < RESEND_TRIES) return 'gap';
    }
    this.lastReport.set(session, s);
    this.asked.delete(session);
    return 'take';
  }

  /** A resend to ask for, unless one was asked for lately; null while waiting for it. */
  private missing(session: string): { resend: number } | null {
    const last = this.lastReport.get(session);
    if (last === undefined) return null;
    const asked = this.asked.get(session);
    const now = this.now();
    if (asked && asked.after === last && now - asked.at < RESEND_AGAIN_MS) return null;
    this.asked.set(session, { after: last, at: now, tries: asked && asked.after === last ? asked.tries + 1 : 1 });
    return { resend: last };
  }

  /** Where a command for relay socket `socket` goes, or undefined for a page socket. */
  owner(socket: number): { session: string; socket: number } | undefined {
    return this.owners.get(socket);
  }

  knows(session: string): boolean {
    return this.sessions.has(session);
  }

  /** The workers heard from so far (a command for every socket goes to each). */
  allSessions(): Iterable<string> {
    return this.sessions;
  }

  /** A hook command for a worker, as the background hands it over (JSON, bytes as `{"b64": …}`). */
  static request(session: string, command: object): WorkerCommandRequest {
    const json = JSON.stringify(command, (_k, v: unknown) => (v instanceof ArrayBuffer ? { b64: bytesToBase64(new Uint8Array(v)) } : v));
    return { type: 'worker-command', session, command: json };
  }
}
