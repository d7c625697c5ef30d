/**
 * The relay proper, started by the stub (relay.iife.ts) when the frame's first socket is created.
 * It validates what the page hook reports, keeps the document's history (it outlives the service
 * worker), and streams batches to the background while a DevTools panel watches this tab.
 */
import { isWorkerStart, normalizeRaw, normalizeWorkerStart, type StoredEvent } from '../core/normalize';
import { isBackgroundToRelay, type WorkerContext, type WorkerRecords, type BackgroundToRelay, type CommandResult, type DocumentInfo, type HelloRequest, type HelloResponse, type InterceptConfig } from '../core/protocol';
import type { HoldRequest } from '../core/raw';
import { DEFAULT_LIMITS, LIMITS_KEY, readLimits } from '../core/limits';
import { HandshakeMatcher, handshakeEvent, readHandshakeFact, type Matched } from '../core/handshake';
import { History } from './history';
import { OrderedConversion } from './ordered-conversion';
import { BackgroundLink } from './background-link';
import { toHookCommand } from './commands';
import { extensionApi } from './extension-api';
import { readBlob } from './page-link';
import { later } from './later';
import { WorkerSockets } from './worker-sockets';
import { PageWorkers, serviceWorkerScripts } from './page-workers';

export interface PageLink {
  command(message: unknown): void;
}

/** A random id; crypto.randomUUID exists only in secure contexts, and plain-http pages need one too. */
const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

const isBlob = (v: unknown): v is Blob => Object.prototype.toString.call(v) === '[object Blob]';

const COMMAND_TIMEOUT_MS = 5000;

/** A hold request in the record stream (made here, so no page record can pass for one). */
class HoldMarker {
  constructor(readonly request: HoldRequest) {}
}

function validHold(v: unknown): HoldRequest | null {
  const r = v as Partial<HoldRequest> | null;
  if (!r || r.k !== 'hold' || !Number.isSafeInteger(r.socket) || !Number.isSafeInteger(r.hold) || typeof r.t !== 'number') return null;
  if (r.dir !== 'sent' && r.dir !== 'received') return null;
  const d = r.data;
  if (typeof d !== 'string' && !isBlob(d) && Object.prototype.toString.call(d) !== '[object ArrayBuffer]') return null;
  return { k: 'hold', socket: r.socket!, hold: r.hold!, t: r.t, dir: r.dir, data: d! };
}

export function startRelay(page: PageLink) {
  const ext = extensionApi();
  const info: DocumentInfo = {
    doc: randomId(),
    docStart: performance.timeOrigin,
    docUrl: location.href,
    top: window === window.top,
  };
  // A frame of a page whose top document has no relay yet (no socket) tells the panel where that page began.
  if (!info.top) {
    try {
      info.topStart = window.top!.performance.timeOrigin;
    } catch {
      // A cross-origin top: the panel goes by DevTools' navigation report alone.
    }
  }
  const limits = { ...DEFAULT_LIMITS };
  const history = new History(limits);
  const pageWorkers = new PageWorkers();
  const link = new BackgroundLink(info, history, ext, pageWorkers.list);
  const addWorkers = (added: (ReturnType<typeof normalizeWorkerStart>)[]) => {
    let changed = false;
    for (const w of added) if (w && pageWorkers.add(w)) changed = true;
    if (changed) link.workersChanged();
  };
  /** Chrome: while watched, the top document names its origin's service workers (captured only with the opt-in). */
  let askedServiceWorkers = false;
  const askServiceWorkers = () => {
    if (__BROWSER__ !== 'chrome' || !info.top || askedServiceWorkers) return;
    askedServiceWorkers = true;
    serviceWorkerScripts(addWorkers);
  };

  const workers = new WorkerSockets();
  /** What a worker hears of a relay that goes: it holds nothing for it, and lets go what waited only on it. */
  const LEAVING = { k: 'intercept', id: 0, socket: -1, sent: false, received: false, releaseAll: true } as const;
  /** Hook commands go to the page's hook, or to the worker whose socket it is. */
  const hook: PageLink = {
    command(message) {
      const m = message as { socket: number };
      const owner = workers.owner(m.socket);
      if (owner) return sendToWorker(owner.session, { ...m, socket: owner.socket });
      page.command(message);
    },
  };
  /** Firefox: the channels of this frame's workers (the background named them), and where each lives. */
  const workerChannels = new Map<string, WorkerContext>();
  /** Chrome: through the background (the debugger); Firefox: through the page hook, on the worker's channel. */
  const sendToWorker = (session: string, command: object): void => {
    // Named: a shared worker hears several tabs' relays (what each wants held, what each lets pass).
    const request = WorkerSockets.request(session, { ...command, by: info.doc });
    if (__BROWSER__ === 'firefox') return page.command({ k: 'worker-command', id: 0, socket: -1, channel: session, json: request.command });
    void ext.runtime.sendMessage(request).then((answer: unknown) => {
      if (typeof answer !== 'string') return;
      try {
        onReply(JSON.parse(answer));
      } catch {
        // not the hook's answer: the command times out
      }
    }, () => {});
  };

  const handshakes = new HandshakeMatcher(info.docStart);
  /** The network names no tab for a shared or service worker's handshake: those go to each watched tab of its origin, matched only with such workers' sockets. */
  const outsideHandshakes = new HandshakeMatcher(info.docStart);
  const matcherOf = (event: { context?: WorkerContext }) => (event.context && event.context.kind !== 'worker' ? outsideHandshakes : handshakes);
  const appendFacts = (matched: Matched[], events: StoredEvent[]) => {
    for (const { socket, fact } of matched) {
      const event = handshakeEvent(fact, history.nextSeq, socket);
      history.append(event);
      events.push(event);
    }
  };

  const conversion = new OrderedConversion<unknown>((records) => {
    const events: StoredEvent[] = [];
    for (const raw of records) {
      if (raw instanceof HoldMarker) {
        link.live(events.splice(0));
        if (!link.held(raw.request)) hook.command({ k: 'release', id: 0, socket: raw.request.socket, hold: raw.request.hold });
        continue;
      }
      if (isWorkerStart(raw)) {
        link.live(events.splice(0));
        addWorkers([normalizeWorkerStart(raw, document.baseURI)]);
        continue;
      }
      const event = normalizeRaw(raw, history.nextSeq, limits, location.href);
      if (!event) continue;
      if (event.kind === 'created') {
        const context = workers.contexts.get(event.socket);
        if (context) event.context = context;
      }
      history.append(event);
      events.push(event);
      if (event.kind === 'created' && (raw as { adopted?: unknown }).adopted !== true) appendFacts(matcherOf(event).created(event.socket, event.url, event.time), events);
    }
    link.live(events);
  });
  // The user's bounds apply from the first record: records wait behind the read (null is no record).
  conversion.push(ext.storage.local.get(LIMITS_KEY).then((stored) => void Object.assign(limits, readLimits(stored[LIMITS_KEY])), () => {}).then(() => null));

  const pendingCommands = new Map<number, (result: CommandResult) => void>();
  let nextCommandId = 1;

  /** What the tab's panel wants held; the hook hears it whenever it changes. */
  let intercept: InterceptConfig = { sent: false, received: false };
  /** Tells the hook, then (once it answered) the panel, which sees its rules in effect in this document. */
  const configureHook = (next: InterceptConfig, releaseAll = false) => {
    intercept = { sent: next.sent, received: next.received };
    const config = intercept;
    // In effect once the page's hook and every worker's hook answered.
    const sessions = [...workers.allSessions()];
    let left = sessions.length + 1;
    const answered = () => void (--left === 0 && link.armed(config));
    const command = (id: number) => ({ k: 'intercept', id, socket: -1, sent: config.sent, received: config.received, ...(releaseAll ? { releaseAll: true } : {}) });
    const id = nextCommandId++;
    pendingCommands.set(id, answered);
    page.command(command(id));
    for (const session of sessions) {
      const workerId = nextCommandId++;
      pendingCommands.set(workerId, answered);
      sendToWorker(session, command(workerId));
    }
  };


  function runCommand(message: Extract<BackgroundToRelay, { type: 'command' }>): Promise<CommandResult> {
    if (message.doc !== info.doc) return Promise.resolve({ ok: false, error: 'The page navigated away; its sockets are gone.' });
    const id = nextCommandId++;
    return new Promise((resolve) => {
      pendingCommands.set(id, resolve);
      hook.command(toHookCommand(id, message));
      later(() => {
        if (pendingCommands.delete(id)) resolve({ ok: false, error: 'The page did not answer.' });
      }, COMMAND_TIMEOUT_MS);
    });
  }

  function onBackgroundMessage(message: Exclude<BackgroundToRelay, { type: 'command' }>): void {
    switch (message.type) {
      case 'watch':
        link.watch(message.panelId, message.cursors[info.doc] ?? 0);
        askServiceWorkers();
        break;
      case 'unwatch':
        link.unwatch();
        // The panel went away: nothing stays held, nothing is lost.
        configureHook({ sent: false, received: false }, true);
        break;
      case 'intercept':
        configureHook(message);
        break;
      case 'clear':
        history.clear();
        link.forgetDeferred();
        break;
      case 'fill':
        if (message.doc === info.doc) link.fill(message.seqs);
        break;
      case 'worker':
        fromWorker(message);
        break;
      case 'worker-channel':
        if (__BROWSER__ !== 'firefox' || workerChannels.has(message.channel)) break;
        workerChannels.set(message.channel, message.context);
        page.command({ k: 'worker-channel', id: 0, socket: -1, channel: message.channel, bye: WorkerSockets.request(message.channel, { ...LEAVING, by: info.doc }).command });
        break;
      case 'handshake': {
        const events: StoredEvent[] = [];
        appendFacts((message.outside ? outsideHandshakes : handshakes).fact(readHandshakeFact(message.fact)!), events);
        link.live(events);
        break;
      }
    }
  }

  // Payloads a flood deferred leave with the document, or never. A shared worker stops waiting on
  // this document for what it holds (it would wait for ever); one restored from the back-forward cache asks again.
  addEventListener('pagehide', () => {
    link.fillAll();
    // Firefox: the page hook says it for this document (see `bye`): a message to it now would come too late.
    if (__BROWSER__ === 'chrome') for (const session of workers.allSessions()) sendToWorker(session, LEAVING);
  });
  addEventListener('pageshow', (e) => void (e.persisted && (intercept.sent || intercept.received) && configureHook(intercept)));

  ext.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (sender.id !== ext.runtime.id || sender.tab || !isBackgroundToRelay(message)) return;
    if (message.type === 'handshake' || message.type === 'worker') {
      onBackgroundMessage(message);
      return void sendResponse(true);
    }
    if (message.type !== 'command') return onBackgroundMessage(message);
    // sendResponse, not a returned promise: Chrome's listeners cannot answer with one.
    void runCommand(message).then(sendResponse);
    return true;
  });

  history.ask();
  ext.runtime
    .sendMessage({ type: 'hello', probe: new Uint8Array([1]), blobProbe: new Blob() } satisfies HelloRequest)
    .then((response: unknown) => {
      const hello = response as HelloResponse | undefined;
      if (hello?.binary === 'blob' || hello?.binary === 'clone') link.binary = hello.binary;
      if (hello?.watch) {
        link.watch(undefined, 0);
        askServiceWorkers();
      }
      if (hello?.watch && hello.intercept) configureHook(hello.intercept);
      else history.unwatched();
    })
    .catch(() => history.unwatched());

  /** Records from the hook, in order; Blob payloads are read first (their order kept). */
  function records(batch: unknown[]): void {
    for (const raw of batch) {
      const data = (raw as { data?: unknown } | null)?.data;
      if (isBlob(data)) {
        conversion.push(readBlob(data).then((buffer) => (buffer ? { ...(raw as object), data: buffer } : null)));
      } else conversion.push(raw);
    }
  }
  /** A message the hook holds for the panel: it leaves after the records before it. */
  function hold(request: unknown): void {
    const h = validHold(request);
    if (!h) return;
    if (isBlob(h.data)) conversion.push(readBlob(h.data).then((buffer) => new HoldMarker({ ...h, data: buffer ?? new ArrayBuffer(0) })));
    else conversion.push(new HoldMarker(h));
  }
  /** What a worker's hook reported (records, a hold request), in order. */
  function fromWorker(message: WorkerRecords): void {
    const known = workers.knows(message.session);
    const read = workers.read(message);
    // A worker heard from for the first time holds what the panel asks, from now on.
    if (!known && read && (intercept.sent || intercept.received)) sendToWorker(message.session, { k: 'intercept', id: 0, socket: -1, sent: intercept.sent, received: intercept.received });
    if (read && 'records' in read) records(read.records);
    else if (read && 'resend' in read) sendToWorker(message.session, { k: 'resend', id: 0, socket: -1, after: read.resend });
    else if (read) hold(read.hold);
  }
  function onReply(reply: unknown): void {
    const r = reply as { k?: unknown; id?: unknown; ok?: unknown; error?: unknown; channel?: unknown; payload?: unknown };
    // Firefox: a worker's report or answer, passed on by the page hook from a channel the background named.
    if (r?.k === 'worker') {
      const context = typeof r.channel === 'string' ? workerChannels.get(r.channel) : undefined;
      if (!context || typeof r.payload !== 'string') return;
      if (r.payload[0] !== 'a') return fromWorker({ type: 'worker', session: r.channel as string, context, payload: r.payload });
      try {
        return onReply(JSON.parse(r.payload.slice(1)));
      } catch {
        return;
      }
    }
    const resolve = typeof r?.id === 'number' ? pendingCommands.get(r.id) : undefined;
    if (r?.k !== 'result' || !resolve) return;
    pendingCommands.delete(r.id as number);
    resolve({ ok: r.ok === true, ...(typeof r.error === 'string' ? { error: r.error } : {}) });
  }

  return { records, hold, reply: onReply };
}
