import type { InterceptMark } from './model';

/**
 * Raw facts as the page hook hands them to the relay: no decoding, no formatting, payloads as the
 * page gave them (string, ArrayBuffer copy, or Blob). Everything here is untrusted: a page script
 * can forge it, so the relay validates each record (see `normalizeRaw`) and adds what only it can
 * vouch for (the frame's URL, from its own `location`).
 */
/**
 * The hook dispatches this cancelable MessageEvent (its port in `ports`) on the document at start;
 * the relay cancels it to say it took the port. Only if nobody did, the hook hands the port over
 * once more on RELAY_READY_EVENT (the relay started second), and never again.
 */
export const HOOK_PORT_EVENT = 'sockets-devtools:hook-port';
export const RELAY_READY_EVENT = 'sockets-devtools:relay-ready';
/**
 * Chrome: the relay of a same-origin frame where no hook runs (sandboxed without scripts)
 * dispatches this on its frame element; the parent's hook then hooks that frame's realm.
 */
export const ADOPT_FRAME_EVENT = 'sockets-devtools:adopt-frame';
/**
 * Firefox: the window property under which the relay stub lends the hook of its frame the traps its
 * stand-ins call natives through (src/content/page-traps.ts); the hook deletes it on start.
 */
export const PAGE_TRAPS_KEY = 'sockets-devtools:page-traps';

export type RawPayload = string | ArrayBuffer | Blob;

/** The hook posts records in batches: arrays of up to 64 records each, in order. */
export type RawBatch = (RawRecord | RawWorkerStart)[][];

export type RawRecord =
  | {
      k: 'created'; id: number; t: number; url: string; protocols: string[]; binaryType: string; api: 'websocket' | 'websocketstream';
      /** Made elsewhere (another realm's, or live before the hook came into a running worker): its handshake is not this record's. */
      adopted?: true;
    }
  | { k: 'open'; id: number; t: number; protocol: string; extensions: string }
  | {
      k: 'message'; id: number; t: number; dir: 'sent' | 'received'; data: RawPayload; bufferedAmount?: number; origin?: 'devtools' | 'simulated';
      /** What a breakpoint, rule or connection control did to it; `original` is the payload before an edit. */
      intercept?: InterceptMark; original?: RawPayload; delay?: number;
    }
  | { k: 'send-failed'; id: number; t: number; error: string; message: string }
  | { k: 'close-called'; id: number; t: number; code?: number; reason?: string; error?: string }
  | { k: 'error'; id: number; t: number; byDevtools?: true }
  | { k: 'closed'; id: number; t: number; code: number; reason: string; wasClean: boolean; byDevtools?: true }
  | { k: 'binary-type'; id: number; t: number; binaryType: string }
  /** The page's stack at `new WebSocket(...)` as the engine wrote it (the relay parses it). */
  | { k: 'initiator'; id: number; t: number; stack: string };

/**
 * The page started a worker whose sockets may not be captured (Chrome: every worker; Firefox: blob: and
 * data: workers): the script URL as the page gave it ('' when reading it would run page code).
 */
export interface RawWorkerStart {
  k: 'worker-started';
  t: number;
  kind: 'worker' | 'shared-worker';
  url: string;
}

/** Connection controls: the page sees what the server or the network would have made it see. */
export type ControlOp =
  | { op: 'server-close'; code: number; reason: string }
  | { op: 'drop' }
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'latency'; ms: number };

/** How the panel settles a held message: unchanged, with other bytes, or not at all (after `delay` ms). */
export interface Release {
  hold: number;
  drop?: true;
  data?: string | ArrayBuffer;
  mark?: InterceptMark;
  delay?: number;
}

/** Commands from the relay to the hook (originating in the DevTools panel only). */
export type HookCommand =
  | { k: 'send'; id: number; socket: number; data: string | ArrayBuffer; }
  | { k: 'simulate'; id: number; socket: number; data: string | ArrayBuffer; mark?: 'mocked' | 'replayed' }
  | { k: 'close'; id: number; socket: number; code: number; reason: string }
  | ({ k: 'release'; id: number; socket: number } & Release)
  | ({ k: 'control'; id: number; socket: number } & ControlOp)
  /** Which directions the hook holds for the panel to decide on; `releaseAll`: the panel went away. */
  | { k: 'intercept'; id: number; socket: -1; sent: boolean; received: boolean; releaseAll?: true };

/** Relay → page hook, Firefox: its workers' channels (not commands on a socket). */
export type WorkerLinkCommand =
  /**
   * Firefox: listen on a worker's BroadcastChannel (the background prepended the hook to its script);
   * `bye`: the command (JSON) to post there when the page goes, which its relay could not send in time.
   */
  | { k: 'worker-channel'; id: number; socket: -1; channel: string; bye: string }
  /** Firefox: a command for a worker's hook, as JSON, on that channel. */
  | { k: 'worker-command'; id: number; socket: -1; channel: string; json: string };

/**
 * Hook → relay, outside the batches: a message the hook holds until the panel settles it (with a
 * `release` command). Only sent while the panel asked to intercept that direction.
 */
export interface HoldRequest {
  k: 'hold';
  socket: number;
  hold: number;
  t: number;
  dir: 'sent' | 'received';
  data: RawPayload;
}

export interface HookCommandResult {
  k: 'result';
  id: number;
  ok: boolean;
  error?: string;
}
