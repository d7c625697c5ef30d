import type { BinaryTransport, WireBody } from './wire';
import { INTERCEPT_MARKS, type Direction, type InterceptMark, type Opcode } from './model';
import type { ControlOp } from './raw';
import { readHandshakeFact, type HandshakeFact } from './handshake';

/**
 * Messages between the relay (content script), the background router and the DevTools panel.
 * Port names: the relay connects as FRAME_PORT, a panel as PANEL_PORT.
 */
export const FRAME_PORT = 'sockets:frame';
export const PANEL_PORT = 'sockets:panel';
/**
 * storage.local: true while a Sockets panel is open in some tab (the background keeps it). A frame
 * that started a worker reads it instead of asking the background, which may be asleep.
 */
export const PANELS_OPEN_KEY = 'sockets.panelsOpen';

/** Where a batch of events comes from: one document in one frame. */
export interface DocumentInfo {
  /** Random id of the document (one relay instance); sequence numbers count per doc. */
  doc: string;
  /** performance.timeOrigin of the document, epoch ms. */
  docStart: number;
  docUrl: string;
  top: boolean;
  /** A frame's: its top document's timeOrigin, where the frame may read it (same origin). */
  topStart?: number;
}

/** Relay → background, on the frame port. */
export interface RelayBatch extends DocumentInfo, WireBody {
  type: 'batch';
  /** Lowest sequence number the relay still holds (older ones were dropped or cleared). */
  firstSeq: number;
  /** Events dropped for the memory bound so far in this document. */
  dropped: number;
  /** Heap bytes the relay's history of this document takes now (estimated as V8 holds it). */
  memory?: number;
  /** A replay addressed to one panel; live batches go to every panel of the tab. */
  to?: string;
  /**
   * A fill: the whole payloads of messages sent earlier with their first bytes only (`partial`).
   * `gone`: messages whose payload the relay no longer holds (its memory bound dropped them).
   */
  fill?: true;
  gone?: number[];
  /** The document's workers whose sockets may not be captured, when that list is new to the panels. */
  workers?: WorkerContext[];
}
/** Relay → background: a message the page's socket holds until the panel settles it (text, or base64). */
export interface RelayHeld extends DocumentInfo {
  type: 'held';
  socket: number;
  hold: number;
  time: number;
  dir: Direction;
  opcode: Opcode;
  size: number;
  data: string;
}
/** Relay → background: the page's hook now holds what `config` asks (the panel's rules are in effect there). */
export interface RelayArmed extends DocumentInfo {
  type: 'armed';
  sent: boolean;
  received: boolean;
}
export type RelayToBackground = RelayBatch | RelayHeld | RelayArmed;

/** Which directions the panel wants held for it to decide on (while it is open). */
export interface InterceptConfig {
  sent: boolean;
  received: boolean;
}

/** The relay's answer to a command (the response to the background's sendMessage). */
export interface CommandResult {
  ok: boolean;
  error?: string;
}

/** Background → panel: relay batches with the sender's tab and frame stamped on; command results. */
export type BackgroundToPanel =
  | (RelayBatch & { tabId: number; frameId: number })
  | (RelayHeld & { tabId: number; frameId: number })
  | (RelayArmed & { tabId: number; frameId: number })
  | ({ type: 'command-result'; requestId: number } & CommandResult);

export type CommandPayload = { text: string } | { base64: string };

export type CommandAction = 'send' | 'simulate' | 'close' | 'release' | 'control';

export interface PanelCommand {
  type: 'command';
  tabId: number;
  frameId: number;
  doc: string;
  requestId: number;
  action: CommandAction;
  socket: number;
  /** send/simulate: the message; close: the reason, as text; release: the edited message, if any. */
  payload: CommandPayload;
  /** close: the close code. */
  code?: number;
  /** simulate: the mark of a rule's reply or a replay. */
  mark?: 'mocked' | 'replayed';
  /** release: which held message, and how it leaves. */
  release?: { hold: number; drop?: true; edited?: true; mark?: InterceptMark; delay?: number };
  /** control: what to do to the connection. */
  control?: ControlOp;
}

/** The panel asks a document's relay for the whole payloads of partial messages, now. */
export interface FillRequest {
  type: 'fill';
  tabId: number;
  frameId: number;
  doc: string;
  seqs: number[];
}
/** At most this many messages per fill request. */
export const MAX_FILL_SEQS = 100_000;

/** Panel → background, on the panel port. */
export type PanelToBackground =
  | { type: 'subscribe'; tabId: number; panelId: string; cursors: Record<string, number> }
  | PanelCommand
  | FillRequest
  | ({ type: 'intercept'; tabId: number } & InterceptConfig)
  | { type: 'clear'; tabId: number };

/** Background → relay, through tabs.sendMessage (the relay accepts these only from its extension). */
export type BackgroundToRelay =
  | { type: 'watch'; panelId: string; cursors: Record<string, number> }
  | { type: 'unwatch' }
  | Omit<PanelCommand, 'tabId' | 'frameId'>
  | Omit<FillRequest, 'tabId' | 'frameId'>
  | ({ type: 'intercept' } & InterceptConfig)
  | { type: 'clear' }
  | HandshakeMessage
  | WorkerRecords
  | WorkerChannelMessage;

/** Firefox, background → a frame's relay: a worker whose hook reports on this BroadcastChannel is starting. */
export interface WorkerChannelMessage {
  type: 'worker-channel';
  channel: string;
  context: WorkerContext;
}

/** The kind of worker a socket lives in (Chrome, once worker capture is on). */
export type WorkerKind = 'worker' | 'shared-worker' | 'service-worker';
export const WORKER_KINDS: readonly WorkerKind[] = ['worker', 'shared-worker', 'service-worker'];
/** Where a worker's socket lives: the worker's kind and script URL (as the debugger reported it). */
export interface WorkerContext {
  kind: WorkerKind;
  url: string;
}

/** Background → the tab's top-frame relay: what a worker's hook reported (its JSON, as the hook wrote it). */
export interface WorkerRecords {
  type: 'worker';
  /** The worker's debugger session: the relay names its sockets by it, and commands go back to it. */
  session: string;
  context: WorkerContext;
  payload: string;
}

/** Relay → background (runtime message): run a hook command in one of the tab's workers; answers the hook's JSON result. */
export interface WorkerCommandRequest {
  type: 'worker-command';
  session: string;
  /** The hook command as JSON, bytes as `{"b64": …}`. */
  command: string;
}

export function isWorkerCommandRequest(v: unknown): v is WorkerCommandRequest {
  return isObject(v) && v.type === 'worker-command' && typeof v.session === 'string' && typeof v.command === 'string' && v.command.length <= 64 * 1024 * 1024;
}

export function isWorkerContext(v: unknown): v is WorkerContext {
  return isObject(v) && WORKER_KINDS.includes(v.kind as WorkerKind) && typeof v.url === 'string';
}

/** A step of a handshake in the receiving frame; the relay answers `true` once it took it. */
export interface HandshakeMessage {
  type: 'handshake';
  fact: HandshakeFact;
  /** Seen outside any tab (a shared or service worker's), offered to each watched tab of its origin. */
  outside?: true;
}

/** Relay → background, once at start: does a panel watch this tab? */
export interface HelloRequest {
  type: 'hello';
  /** A Uint8Array and a Blob: they arrive as such only where extension messaging clones them. */
  probe: Uint8Array;
  blobProbe: Blob;
}
export interface HelloResponse {
  watch: boolean;
  /** How batches should carry binary payloads, from what the probes arrived as. */
  binary: BinaryTransport;
  /** What the tab's panel wants held, if it intercepts. */
  intercept?: InterceptConfig;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function isPanelToBackground(v: unknown): v is PanelToBackground {
  if (!isObject(v) || !Number.isSafeInteger(v.tabId)) return false;
  switch (v.type) {
    case 'subscribe':
      return typeof v.panelId === 'string' && isObject(v.cursors);
    case 'clear':
      return true;
    case 'intercept':
      return typeof v.sent === 'boolean' && typeof v.received === 'boolean';
    case 'fill':
      return Number.isSafeInteger(v.frameId) && isFillTarget(v);
    case 'command':
      return (
        Number.isSafeInteger(v.frameId) && typeof v.doc === 'string' && Number.isSafeInteger(v.requestId) &&
        isAction(v) && Number.isSafeInteger(v.socket) && isCommandPayload(v.payload)
      );
    default:
      return false;
  }
}

const isFillTarget = (v: Record<string, unknown>) =>
  typeof v.doc === 'string' && Array.isArray(v.seqs) && v.seqs.length <= MAX_FILL_SEQS && v.seqs.every((n) => Number.isSafeInteger(n));

const isAction = (v: Record<string, unknown>) =>
  v.action === 'send' ||
  (v.action === 'simulate' && (v.mark === undefined || v.mark === 'mocked' || v.mark === 'replayed')) ||
  (v.action === 'close' && Number.isSafeInteger(v.code)) ||
  (v.action === 'release' && isRelease(v.release)) ||
  (v.action === 'control' && isControl(v.control));

const isRelease = (v: unknown) =>
  isObject(v) && Number.isSafeInteger(v.hold) && (v.drop === undefined || v.drop === true) && (v.edited === undefined || v.edited === true) &&
  (v.mark === undefined || INTERCEPT_MARKS.includes(v.mark as InterceptMark)) &&
  (v.delay === undefined || (typeof v.delay === 'number' && v.delay >= 0 && v.delay <= MAX_DELAY_MS));

/** Delays and latencies the panel may ask for: up to ten minutes. */
export const MAX_DELAY_MS = 600_000;

export function isControl(v: unknown): v is ControlOp {
  if (!isObject(v)) return false;
  switch (v.op) {
    case 'server-close':
      return Number.isSafeInteger(v.code) && (v.code as number) >= 1000 && (v.code as number) <= 4999 && typeof v.reason === 'string';
    case 'drop':
    case 'pause':
    case 'resume':
      return true;
    case 'latency':
      return typeof v.ms === 'number' && v.ms >= 0 && v.ms <= MAX_DELAY_MS;
    default:
      return false;
  }
}

export function isCommandPayload(v: unknown): v is CommandPayload {
  return isObject(v) && (typeof v.text === 'string' || typeof v.base64 === 'string');
}

export function isRelayToBackground(v: unknown): v is RelayToBackground {
  if (!isObject(v)) return false;
  if (v.type === 'batch') {
    return typeof v.doc === 'string' && Array.isArray(v.events) && typeof v.firstSeq === 'number';
  }
  if (v.type === 'armed') return typeof v.doc === 'string' && typeof v.sent === 'boolean' && typeof v.received === 'boolean';
  return v.type === 'held' && typeof v.doc === 'string' && Number.isSafeInteger(v.socket) && Number.isSafeInteger(v.hold) &&
    (v.dir === 'sent' || v.dir === 'received') && (v.opcode === 1 || v.opcode === 2) && typeof v.data === 'string';
}

export function isBackgroundToRelay(v: unknown): v is BackgroundToRelay {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'watch':
      return typeof v.panelId === 'string' && isObject(v.cursors);
    case 'unwatch':
    case 'clear':
      return true;
    case 'intercept':
      return typeof v.sent === 'boolean' && typeof v.received === 'boolean';
    case 'fill':
      return isFillTarget(v);
    case 'handshake':
      return readHandshakeFact(v.fact) !== null && (v.outside === undefined || v.outside === true);
    case 'worker':
      return typeof v.session === 'string' && typeof v.payload === 'string' && isWorkerContext(v.context);
    case 'worker-channel':
      return typeof v.channel === 'string' && /^[0-9a-f]{32}$/.test(v.channel) && isWorkerContext(v.context);
    case 'command':
      return typeof v.doc === 'string' && isAction(v) && isCommandPayload(v.payload) &&
        Number.isSafeInteger(v.socket) && Number.isSafeInteger(v.requestId);
    default:
      return false;
  }
}
