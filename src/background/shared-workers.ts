/**
 * Chrome: sockets of shared workers, through the debugger. A shared worker is no target of a tab's
 * session (auto-attach never offers it) and nothing can hold it at its start, so it is attached on
 * its own (`chrome.debugger.attach({ targetId })`) once a watched tab's page hook saw the page ask
 * for it (`new SharedWorker`, named in the tab's worker list): the hook goes into the running
 * worker, which has the debugger list its live WebSocket objects (`Runtime.queryObjects`) and
 * tracks them from then on (what they did before is not seen). Its reports go to the top-frame
 * relay of every watched tab connected to it; a tab that joins later (or whose document changed)
 * is told its live sockets first. Detached a while after no watched tab is connected.
 */
import { CdpHandshakes } from '../core/cdp-handshake';
import type { WorkerCommandRequest } from '../core/protocol';
import { offerOutside } from './handshakes';
import { forgetKeptSession, hookExpression, keepSession, keptSessions, PROTOCOL, randomName, runInWorker, send, type KeptSession } from './worker-debugger';
import { deliver, deliverInTurn } from './worker-delivery';

interface SharedSession {
  targetId: string;
  /** The session name the relays know this hook by (each hook numbers its reports and sockets from 1). */
  key: string;
  binding: string;
  url: string;
  /** The watched tabs connected to it, and the reports each waits with while it is told the live sockets. */
  tabs: Map<number, string[] | undefined>;
  /** The remote object of the hook's configuration (its command runner), once hooked. */
  runner: Promise<string | undefined>;
  /** Set while no tab is connected: the detach to come. */
  leaving?: ReturnType<typeof setTimeout>;
  /** Its sockets' handshakes, which Chrome's webRequest does not see: from the debugger's Network domain. */
  handshakes: CdpHandshakes;
}

const byTarget = new Map<string, SharedSession>();
/** The (tab, script URL) pairs being looked for among the targets. */
const looking = new Set<string>();
/** How long, and how often, to look for the target of a shared worker a page just asked for. */
const FIND_TRIES = 50;
const FIND_EVERY_MS = 100;
/** How long a shared worker stays attached once no watched tab is connected (a reloading page asks again). */
const LEAVE_GRACE_MS = 3000;

const KEY_PREFIX = 'target:';
const keyOf = (targetId: string, binding: string) => `${KEY_PREFIX}${targetId}:${binding}`;
const contextOf = (s: SharedSession) => ({ kind: 'shared-worker' as const, url: s.url });
/** Kept in session storage (with its tabs as they are now), for a service worker that starts again. */
function keep(s: SharedSession): void {
  void s.runner.then((objectId) => {
    if (objectId && byTarget.get(s.targetId) === s) void keepSession({ tabId: -1, tabIds: [...s.tabs.keys()], binding: s.binding, kind: 'shared-worker', url: s.url, objectId }, s.key);
  });
}

/** The shared workers running this script (the debugger lists service workers as `worker` too: told apart once attached). */
async function candidates(url: string): Promise<chrome.debugger.TargetInfo[]> {
  const targets = await chrome.debugger.getTargets().catch(() => [] as chrome.debugger.TargetInfo[]);
  return targets.filter((t) => t.type === 'worker' && t.url === url && t.tabId === undefined && !t.extensionId);
}

/** A session this service worker kept before it stopped, for a worker still attached: hooked already. */
async function restored(targetId: string): Promise<SharedSession | undefined> {
  const all = await keptSessions();
  const key = Object.keys(all).find((k) => k.startsWith(`${KEY_PREFIX}${targetId}:`));
  const kept: KeptSession | undefined = key === undefined ? undefined : all[key];
  if (!kept || byTarget.has(targetId)) return byTarget.get(targetId);
  const s: SharedSession = { targetId, key: key!, binding: kept.binding, url: kept.url, tabs: new Map((kept.tabIds ?? []).map((t) => [t, undefined])), runner: Promise.resolve(kept.objectId), handshakes: new CdpHandshakes() };
  byTarget.set(targetId, s);
  return s;
}

function detach(s: SharedSession): void {
  if (byTarget.get(s.targetId) === s) byTarget.delete(s.targetId);
  clearTimeout(s.leaving);
  void forgetKeptSession(s.key);
  void chrome.debugger.detach({ targetId: s.targetId }).catch(() => {});
}

/** Hooks the running worker: the hook first, then the sockets it had before. Undefined (and let go) if it is no shared worker or the hook failed. */
async function hook(s: SharedSession): Promise<string | undefined> {
  const target = { targetId: s.targetId };
  try {
    await chrome.debugger.attach(target, PROTOCOL);
  } catch (e) {
    if (!/already attached/i.test(String(e))) return undefined;
  }
  const info = await send<{ targetInfo?: { type?: string } }>(target, 'Target.getTargetInfo').catch(() => undefined);
  if (info?.targetInfo?.type !== 'shared_worker') return void detach(s);
  // Handshakes only once the user turned them on (webRequest, an optional permission, is granted then).
  if (chrome.webRequest) await send(target, 'Network.enable').catch(() => {});
  await send(target, 'Runtime.addBinding', { name: s.binding }).catch(() => {});
  const r = await send<{ result?: { objectId?: string }; exceptionDetails?: unknown }>(target, 'Runtime.evaluate', { expression: await hookExpression(s.binding), silent: true }).catch(() => undefined);
  const objectId = r && !r.exceptionDetails ? r.result?.objectId : undefined;
  if (!objectId) return void detach(s);
  const group = randomName();
  const proto = await send<{ result?: { objectId?: string } }>(target, 'Runtime.callFunctionOn', { objectId, functionDeclaration: 'function () { return this.sockets; }', objectGroup: group, silent: true }).catch(() => undefined);
  if (proto?.result?.objectId) {
    const live = await send<{ objects?: { objectId?: string } }>(target, 'Runtime.queryObjects', { prototypeObjectId: proto.result.objectId, objectGroup: group }).catch(() => undefined);
    if (live?.objects?.objectId) {
      await send(target, 'Runtime.callFunctionOn', { objectId, functionDeclaration: 'function (list) { this.command(list); }', arguments: [{ objectId: live.objects.objectId }], silent: true }).catch(() => {});
    }
  }
  void send(target, 'Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => {});
  return objectId;
}

/**
 * A tab joins a hooked worker (again, if its document changed): it hears the live sockets first,
 * numbered as the worker's last report (its relay drops the reports that told them), then the rest.
 */
function join(s: SharedSession, tabId: number): void {
  clearTimeout(s.leaving);
  s.leaving = undefined;
  if (s.tabs.get(tabId)) return; // joining already
  const waiting: string[] = [];
  s.tabs.set(tabId, waiting);
  void s.runner.then(async (objectId) => {
    const live = objectId ? await runInWorker({ targetId: s.targetId }, objectId, '{"k":"joined","id":0}') : undefined;
    if (s.tabs.get(tabId) !== waiting) return;
    s.tabs.set(tabId, undefined);
    // One after the other (a report must not overtake what tells its socket).
    if (live) deliverInTurn(tabId, { type: 'worker', session: s.key, context: contextOf(s), payload: live });
    for (const payload of waiting) deliverInTurn(tabId, { type: 'worker', session: s.key, context: contextOf(s), payload });
    keep(s);
  });
}

async function lookFor(tabId: number, url: string, watched: () => boolean): Promise<void> {
  const looked = `${tabId} ${url}`;
  if (looking.has(looked)) return;
  looking.add(looked);
  try {
    let targets: chrome.debugger.TargetInfo[] = [];
    // The page asked for it a moment ago: its target may not be there yet.
    for (let i = 0; i < FIND_TRIES && targets.length === 0 && watched(); i++) {
      targets = await candidates(url);
      if (targets.length === 0) await new Promise((r) => setTimeout(r, FIND_EVERY_MS));
    }
    for (const { id: targetId, attached } of targets) {
      if (!watched()) return;
      // Attached and kept: hooked before this service worker started again (a second hook would count its reports anew).
      const s = byTarget.get(targetId) ?? (attached ? await restored(targetId) : undefined);
      if (s) {
        join(s, tabId);
        continue;
      }
      const binding = randomName();
      const session: SharedSession = { targetId, key: keyOf(targetId, binding), binding, url, tabs: new Map([[tabId, undefined]]), runner: Promise.resolve(undefined), handshakes: new CdpHandshakes() };
      session.runner = hook(session);
      byTarget.set(targetId, session);
      keep(session);
    }
  } finally {
    looking.delete(looked);
  }
}

/**
 * The page in a watched tab asked for these shared workers: each is attached and hooked (once),
 * and the tab hears its sockets. `watched` says whether a panel still watches the tab.
 */
export async function captureSharedWorkers(tabId: number, urls: string[], watched: () => boolean): Promise<void> {
  await Promise.all(urls.map((url) => lookFor(tabId, url, watched)));
}

/** A hooked shared worker reported: to each of its tabs (held for a tab still hearing the live sockets). */
export function onSharedBinding(targetId: string, params: { name: string; payload: string }): boolean {
  const s = byTarget.get(targetId);
  if (!s) return false;
  if (params.name !== s.binding) return true;
  for (const [tabId, waiting] of s.tabs) {
    if (waiting) waiting.push(params.payload);
    else deliver(tabId, { type: 'worker', session: s.key, context: contextOf(s), payload: params.payload });
  }
  return true;
}

/** The debugger's Network event of a hooked shared worker: its sockets' handshakes, to each of its tabs. */
export function onSharedNetwork(targetId: string, method: string, params: Record<string, unknown>): void {
  const s = byTarget.get(targetId);
  if (!s) return;
  for (const fact of s.handshakes.event(method, params)) for (const tabId of s.tabs.keys()) offerOutside(tabId, fact);
}

/** This service worker started again while a shared worker stayed attached: its session, from what was kept. */
const adopting = new Map<string, { name: string; payload: string }[]>();
export function adoptShared(targetId: string, params: { name: string; payload: string }): void {
  const waiting = adopting.get(targetId);
  if (waiting) return void waiting.push(params);
  adopting.set(targetId, [params]);
  void restored(targetId).then(() => {
    const reports = adopting.get(targetId) ?? [];
    adopting.delete(targetId);
    for (const r of reports) onSharedBinding(targetId, r);
  });
}

/**
 * The tab is no longer connected (no longer watched, gone, or showing a new document, which joins
 * again if its page asks): a shared worker no tab is connected to is let go a while later.
 */
export function leaveSharedTab(tabId: number): void {
  for (const s of byTarget.values()) {
    if (!s.tabs.delete(tabId)) continue;
    keep(s);
    if (s.tabs.size === 0 && !s.leaving) s.leaving = setTimeout(() => s.tabs.size === 0 && detach(s), LEAVE_GRACE_MS);
  }
}

export function onSharedDetached(targetId: string): void {
  const s = byTarget.get(targetId);
  if (s) detach(s);
}

/** A relay's command for a shared worker's socket: only from a tab connected to it. */
export async function runSharedCommand(request: WorkerCommandRequest, tabId: number): Promise<string | undefined> {
  if (!request.session.startsWith(KEY_PREFIX)) return undefined;
  const s = byTarget.get(request.session.slice(KEY_PREFIX.length).split(':')[0]);
  if (!s || s.key !== request.session || !s.tabs.has(tabId)) return undefined;
  const objectId = await s.runner;
  return objectId ? runInWorker({ targetId: s.targetId }, objectId, request.command) : undefined;
}

/** Detaches every shared worker (worker capture was turned off). */
export function releaseAllShared(): void {
  for (const s of [...byTarget.values()]) detach(s);
}
