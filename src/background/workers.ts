/**
 * Chrome: sockets of the tab's workers, through the debugger (an optional permission the user turns
 * on in the panel; Chrome shows its "started debugging this browser" bar while attached). While a
 * Sockets panel watches a tab, the tab is attached with auto-attach; each dedicated, nested or
 * service worker is held before its first line, handed the worker hook (evaluated in its global,
 * with a binding it takes off the global at once), and let go. What the hook reports goes at once
 * to the relay of the tab's top frame, which keeps it with the page's history: nothing of it stays
 * here. Commands for a worker's sockets come back from that relay and run through the hook's
 * command runner (held by the debugger as a remote object: nothing page-visible).
 */
import type { WorkerCommandRequest, WorkerContext, WorkerKind } from '../core/protocol';
import { hookExpression, keepSession, keptSessions, PROTOCOL, randomName, runInWorker, send } from './worker-debugger';
import { deliver, forgetDeliveries, forgetTaking } from './worker-delivery';
import { adoptShared, captureSharedWorkers, leaveSharedTab, onSharedBinding, onSharedDetached, onSharedNetwork, releaseAllShared, runSharedCommand } from './shared-workers';
import { CdpHandshakes } from '../core/cdp-handshake';
import { offerOutside } from './handshakes';

/** What worker capture needs: the debugger, and `scripting` to start a top frame's relay for a worker's first socket. */
export const WORKER_CAPTURE = { permissions: ['debugger', 'scripting'] } as chrome.permissions.Permissions;
const KINDS: Record<string, WorkerKind> = { worker: 'worker', shared_worker: 'shared-worker', service_worker: 'service-worker' };
/** Targets auto-attach offers: the tab's workers only (frames and the rest are left alone). */
const FILTER = [{ type: 'worker' }, { type: 'service_worker' }, { type: 'shared_worker' }, { exclude: true }];
/** How long a tab stays attached after its last panel went away. */
const RELEASE_GRACE_MS = 3000;
const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true, filter: FILTER };

interface WorkerSession {
  tabId: number;
  sessionId: string;
  binding: string;
  kind: WorkerKind;
  url: string;
  /** The hook's command runner in the worker (a remote object id). */
  runner?: Promise<string | undefined>;
  /** A service worker's socket handshakes, which Chrome's webRequest does not see: from the debugger's Network domain. */
  handshakes?: CdpHandshakes;
}

const tabs = new Set<number>();
const sessions = new Map<string, WorkerSession>();

function onAttached(tabId: number, params: { sessionId: string; targetInfo: { type: string; url: string }; waitingForDebugger: boolean }): void {
  const target = { tabId, sessionId: params.sessionId };
  const kind = KINDS[params.targetInfo.type];
  if (!kind) {
    void send(target, 'Runtime.runIfWaitingForDebugger').catch(() => {});
    return;
  }
  const session: WorkerSession = { tabId, sessionId: params.sessionId, binding: randomName(), kind, url: params.targetInfo.url };
  sessions.set(session.sessionId, session);
  void send(target, 'Runtime.addBinding', { name: session.binding }).catch(() => {});
  void send(target, 'Target.setAutoAttach', AUTO_ATTACH).catch(() => {});
  // Handshakes only once the user turned them on (webRequest, an optional permission, is granted then).
  if (kind === 'service-worker' && chrome.webRequest) {
    session.handshakes = new CdpHandshakes();
    void send(target, 'Network.enable').catch(() => {});
  }
  // Held at its start: the hook goes in now, before the first line (a pause at the first script
  // would show DevTools' own debugger as paused there and switch it to Sources).
  // Sent one after the other without waiting: the worker runs them in order, then its first line.
  session.runner = hookExpression(session.binding).then((expression) => {
    const evaluated = send<{ result?: { objectId?: string }; exceptionDetails?: unknown }>(target, 'Runtime.evaluate', { expression, silent: true });
    void send(target, 'Runtime.runIfWaitingForDebugger').catch(() => {});
    return evaluated.then((r) => (r.exceptionDetails ? undefined : r.result?.objectId), () => undefined);
  });
  void session.runner.then((objectId) => void (objectId && keepSession({ tabId, binding: session.binding, kind, url: session.url, objectId }, session.sessionId)));
}

function onBinding(source: chrome.debugger.DebuggerSession, params: { name: string; payload: string }): void {
  const session = source.sessionId ? sessions.get(source.sessionId) : undefined;
  if (!session || session.tabId !== source.tabId || params.name !== session.binding) return;
  deliver(session.tabId, { type: 'worker', session: session.sessionId, context: { kind: session.kind, url: session.url }, payload: params.payload });
}

/** Reports of a session this service worker did not attach (it started again since): kept, in order, while its kind is asked. */
const adopting = new Map<string, { source: chrome.debugger.DebuggerSession; params: { name: string; payload: string } }[]>();
function adopt(source: chrome.debugger.DebuggerSession, params: { name: string; payload: string }): void {
  const sessionId = source.sessionId!;
  const waiting = adopting.get(sessionId);
  if (waiting) return void waiting.push({ source, params });
  adopting.set(sessionId, [{ source, params }]);
  const target = { tabId: source.tabId, sessionId };
  void keptSessions()
    .then(async (all) => {
      const kept = all[sessionId];
      if (kept && kept.tabId === source.tabId && kept.binding === params.name) return kept;
      const info = await send<{ targetInfo?: { type: string; url: string } }>(target, 'Target.getTargetInfo').then((r) => r.targetInfo, () => undefined);
      const kind = info && KINDS[info.type];
      return kind ? { kind, url: info.url, objectId: undefined } : undefined;
    })
    .then((found) => {
      const reports = adopting.get(sessionId) ?? [];
      adopting.delete(sessionId);
      if (!found || source.tabId === undefined) return;
      tabs.add(source.tabId);
      sessions.set(sessionId, { tabId: source.tabId, sessionId, binding: params.name, kind: found.kind, url: found.url, runner: Promise.resolve(found.objectId) });
      for (const r of reports) onBinding(r.source, r.params);
    });
}

function forgetTab(tabId: number): void {
  tabs.delete(tabId);
  forgetTaking(tabId);
  leaveSharedTab(tabId);
  for (const [id, s] of sessions) if (s.tabId === tabId) sessions.delete(id);
}

/** Each tab's attach while it is under way. */
const attaching = new Map<number, Promise<void>>();
/** Attaches to the tab (once) if the user turned worker capture on. */
export function captureWorkers(tabId: number): Promise<void> {
  const running = attaching.get(tabId);
  if (running) return running;
  const attached = attachTab(tabId).finally(() => attaching.delete(tabId));
  attaching.set(tabId, attached);
  return attached;
}
async function attachTab(tabId: number): Promise<void> {
  if (tabs.has(tabId) || !chrome.debugger || !(await chrome.permissions.contains(WORKER_CAPTURE))) return;
  tabs.add(tabId);
  try {
    await chrome.debugger.attach({ tabId }, PROTOCOL);
  } catch (e) {
    // Attached already (this worker restarted while attached) is fine; anything else is not.
    if (!/already attached/i.test(String(e))) return forgetTab(tabId);
  }
  await send({ tabId }, 'Target.setAutoAttach', AUTO_ATTACH).catch(() => forgetTab(tabId));
}

/** A watched tab's page asked for these workers: its shared workers are hooked too, if worker capture is on. */
export async function captureSharedWorkersOf(tabId: number, workers: readonly WorkerContext[], watched: () => boolean): Promise<void> {
  const urls = workers.filter((w) => w.kind === 'shared-worker' && w.url).map((w) => w.url);
  if (urls.length === 0) return;
  // Only for a tab whose workers are captured (its attach may be under way; a tab the user let go stays so).
  await attaching.get(tabId);
  if (tabs.has(tabId)) await captureSharedWorkers(tabId, urls, watched);
}

/**
 * The tab's last panel went away: detach (Chrome's bar goes). Workers hooked so far keep their hook,
 * which reports nowhere; if a panel attaches again, a running worker gets a hook on top of it, which
 * captures its sockets from then on (the one before reports nowhere, the page sees natives either way).
 */
export function releaseWorkers(tabId: number, watched: () => boolean): void {
  if (!tabs.has(tabId)) return;
  // A while later: the relay first lets out what the workers hold for the panel (through this session).
  setTimeout(() => {
    if (watched() || !tabs.has(tabId)) return;
    forgetTab(tabId);
    void chrome.debugger.detach({ tabId }).catch(() => {});
  }, RELEASE_GRACE_MS);
}

/** A worker's relay asks to run a command on one of its sockets: only in a worker of its own tab. */
export async function runWorkerCommand(request: WorkerCommandRequest, tabId: number): Promise<string | undefined> {
  const session = sessions.get(request.session);
  if (!session) return runSharedCommand(request, tabId);
  if (session.tabId !== tabId) return undefined;
  const objectId = await session.runner;
  if (!objectId) return undefined;
  return runInWorker({ tabId, sessionId: session.sessionId }, objectId, request.command);
}

let listening = false;
/** Listens to the debugger's events once the API exists (Chrome adds it when the permission is granted). */
export function watchWorkerTargets(): void {
  if (!chrome.debugger) {
    chrome.permissions.onAdded.addListener(function retry(p) {
      if (!p.permissions?.includes('debugger')) return;
      chrome.permissions.onAdded.removeListener(retry);
      watchWorkerTargets();
    });
    return;
  }
  if (listening) return;
  listening = true;
  chrome.debugger.onEvent.addListener((source, method, params) => {
    if (source.targetId !== undefined && method === 'Runtime.bindingCalled') {
      const binding = params as Parameters<typeof onBinding>[1];
      if (!onSharedBinding(source.targetId, binding)) adoptShared(source.targetId, binding);
      return;
    }
    if (method.startsWith('Network.')) {
      if (source.targetId !== undefined) return onSharedNetwork(source.targetId, method, params as Record<string, unknown>);
      const session = source.sessionId ? sessions.get(source.sessionId) : undefined;
      if (session?.handshakes && session.tabId === source.tabId) for (const fact of session.handshakes.event(method, params as Record<string, unknown>)) offerOutside(session.tabId, fact);
      return;
    }
    if (source.tabId === undefined) return;
    // This service worker started again while its debugger sessions lived on: a worker's report
    // names a session it no longer knows; it adopts that session (kind and URL asked of it).
    if (method === 'Runtime.bindingCalled' && source.sessionId && !sessions.has(source.sessionId)) return adopt(source, params as Parameters<typeof onBinding>[1]);
    if (!tabs.has(source.tabId)) return;
    if (method === 'Target.attachedToTarget') onAttached(source.tabId, params as Parameters<typeof onAttached>[1]);
    else if (method === 'Runtime.bindingCalled') onBinding(source, params as Parameters<typeof onBinding>[1]);
    else if (method === 'Target.detachedFromTarget') sessions.delete((params as { sessionId: string }).sessionId);
  });
  chrome.debugger.onDetach.addListener((source) => {
    if (source.tabId !== undefined) forgetTab(source.tabId);
    else if (source.targetId !== undefined) onSharedDetached(source.targetId);
  });
  chrome.tabs.onRemoved.addListener((tabId) => {
    forgetTab(tabId);
    forgetDeliveries(tabId);
  });
  chrome.permissions.onRemoved.addListener((p) => {
    if (!p.permissions?.includes('debugger')) return;
    for (const tabId of [...tabs]) void chrome.debugger.detach({ tabId }).catch(() => {});
    releaseAllShared();
  });
}
