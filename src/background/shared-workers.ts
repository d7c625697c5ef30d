/**
 * Chrome: sockets of shared workers, through the debugger. A shared worker is no target of a tab's
 * session (auto-attach never offers it) and nothing can hold it at its start, so it is attached on
 * its own (`chrome.debugger.attach({ targetId })`) once a watched tab's page hook saw the page ask
 * for it (`new SharedWorker`, named in the tab's worker list): the hook goes into the running
 * worker, which has the debugger list its live WebSocket objects (`Runtime.queryObjects`) and
 * tracks them from then on (what they did before is not seen). Its reports go to the top-frame
 * relay of every watched tab connected to it; a tab that joins later is told its live sockets
 * first. Detached when no watched tab is left.
 */
import type { WorkerCommandRequest } from '../core/protocol';
import { hookExpression, keepSession, keptSessions, PROTOCOL, randomName, runInWorker, send, type KeptSession } from './worker-debugger';
import { deliver } from './worker-delivery';

interface SharedSession {
  targetId: string;
  /** The session name the relays know it by. */
  key: string;
  binding: string;
  url: string;
  /** The watched tabs connected to it, and the reports each waits with while it is told the live sockets. */
  tabs: Map<number, string[] | undefined>;
  /** The remote object of the hook's configuration (its command runner), once hooked. */
  runner?: Promise<string | undefined>;
}

const byTarget = new Map<string, SharedSession>();
/** How long, and how often, to look for the target of a shared worker a page just asked for. */
const FIND_TRIES = 50;
const FIND_EVERY_MS = 100;

const keyOf = (targetId: string) => `target:${targetId}`;
const keep = (s: SharedSession, objectId: string) =>
  keepSession({ tabId: -1, tabIds: [...s.tabs.keys()], binding: s.binding, kind: 'shared-worker', url: s.url, objectId }, s.key);

async function sharedTargets(url: string): Promise<chrome.debugger.TargetInfo[]> {
  const targets = await chrome.debugger.getTargets().catch(() => [] as chrome.debugger.TargetInfo[]);
  return targets.filter((t) => t.type === 'worker' && t.url === url && t.tabId === undefined && !t.extensionId);
}

/** A session this service worker kept before it stopped, for a worker still attached: hooked already. */
async function restored(targetId: string): Promise<SharedSession | undefined> {
  const kept: KeptSession | undefined = (await keptSessions())[keyOf(targetId)];
  if (!kept || byTarget.has(targetId)) return byTarget.get(targetId);
  const s: SharedSession = { targetId, key: keyOf(targetId), binding: kept.binding, url: kept.url, tabs: new Map((kept.tabIds ?? []).map((t) => [t, undefined])), runner: Promise.resolve(kept.objectId) };
  byTarget.set(targetId, s);
  return s;
}

/** Hooks the running worker: the hook first, then the sockets it had before. */
async function hook(s: SharedSession): Promise<string | undefined> {
  const target = { targetId: s.targetId };
  try {
    await chrome.debugger.attach(target, PROTOCOL);
  } catch (e) {
    if (!/already attached/i.test(String(e))) return undefined;
  }
  await send(target, 'Runtime.addBinding', { name: s.binding }).catch(() => {});
  const r = await send<{ result?: { objectId?: string }; exceptionDetails?: unknown }>(target, 'Runtime.evaluate', { expression: await hookExpression(s.binding), silent: true }).catch(() => undefined);
  const objectId = r && !r.exceptionDetails ? r.result?.objectId : undefined;
  if (!objectId) return undefined;
  const group = randomName();
  const proto = await send<{ result?: { objectId?: string } }>(target, 'Runtime.callFunctionOn', { objectId, functionDeclaration: 'function () { return this.sockets; }', objectGroup: group, silent: true }).catch(() => undefined);
  if (proto?.result?.objectId) {
    const live = await send<{ objects?: { objectId?: string } }>(target, 'Runtime.queryObjects', { prototypeObjectId: proto.result.objectId, objectGroup: group }).catch(() => undefined);
    if (live?.objects?.objectId) {
      await send(target, 'Runtime.callFunctionOn', { objectId, functionDeclaration: 'function (list) { this.command(list); }', arguments: [{ objectId: live.objects.objectId }], silent: true }).catch(() => {});
    }
  }
  void send(target, 'Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => {});
  void keep(s, objectId);
  return objectId;
}

/** A tab that joins a hooked worker hears its live sockets first, then its reports. */
function join(s: SharedSession, tabId: number): void {
  s.tabs.set(tabId, []);
  void (s.runner ?? Promise.resolve(undefined)).then(async (objectId) => {
    const live = objectId ? await runInWorker({ targetId: s.targetId }, objectId, '{"k":"joined","id":0}') : undefined;
    const waiting = s.tabs.get(tabId);
    if (!waiting) return;
    if (live) deliver(tabId, { type: 'worker', session: s.key, context: { kind: 'shared-worker', url: s.url }, payload: live });
    for (const payload of waiting) deliver(tabId, { type: 'worker', session: s.key, context: { kind: 'shared-worker', url: s.url }, payload });
    s.tabs.set(tabId, undefined);
    if (objectId) void keep(s, objectId);
  });
}

/**
 * The page in a watched tab asked for these shared workers: each is attached and hooked (once),
 * and the tab hears its sockets. `watched` says whether a panel still watches the tab.
 */
export async function captureSharedWorkers(tabId: number, urls: string[], watched: () => boolean): Promise<void> {
  for (const url of urls) {
    let targets: chrome.debugger.TargetInfo[] = [];
    // The page asked for it a moment ago: its target may not be there yet.
    for (let i = 0; i < FIND_TRIES && targets.length === 0 && watched(); i++) {
      targets = await sharedTargets(url);
      if (targets.length === 0) await new Promise((r) => setTimeout(r, FIND_EVERY_MS));
    }
    if (!watched()) return;
    for (const { id: targetId, attached } of targets) {
      // Attached and kept: hooked before this service worker started again (a second hook would count its reports anew).
      let s = byTarget.get(targetId) ?? (attached ? await restored(targetId) : undefined);
      if (s?.tabs.has(tabId)) continue;
      if (!s) {
        s = { targetId, key: keyOf(targetId), binding: randomName(), url, tabs: new Map() };
        byTarget.set(targetId, s);
        s.tabs.set(tabId, undefined);
        const session = s;
        s.runner = hook(session).then((objectId) => {
          if (!objectId && byTarget.get(targetId) === session) byTarget.delete(targetId);
          return objectId;
        });
      } else join(s, tabId);
    }
  }
}

/** A hooked shared worker reported: to each of its tabs (held for a tab still hearing the live sockets). */
export function onSharedBinding(targetId: string, params: { name: string; payload: string }): boolean {
  const s = byTarget.get(targetId);
  if (!s) return false;
  if (params.name !== s.binding) return true;
  for (const [tabId, waiting] of s.tabs) {
    if (waiting) waiting.push(params.payload);
    else deliver(tabId, { type: 'worker', session: s.key, context: { kind: 'shared-worker', url: s.url }, payload: params.payload });
  }
  return true;
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

/** The tab is no longer watched (or gone): a shared worker no watched tab is connected to is let go. */
export function forgetSharedTab(tabId: number): void {
  for (const [targetId, s] of byTarget) {
    if (!s.tabs.delete(tabId) || s.tabs.size > 0) continue;
    byTarget.delete(targetId);
    void chrome.debugger.detach({ targetId }).catch(() => {});
  }
}

export function onSharedDetached(targetId: string): void {
  byTarget.delete(targetId);
}

/** A relay's command for a shared worker's socket: only from a tab connected to it. */
export async function runSharedCommand(request: WorkerCommandRequest, tabId: number): Promise<string | undefined> {
  if (!request.session.startsWith('target:')) return undefined;
  const s = byTarget.get(request.session.slice('target:'.length));
  if (!s || !s.tabs.has(tabId)) return undefined;
  const objectId = await s.runner;
  return objectId ? runInWorker({ targetId: s.targetId }, objectId, request.command) : undefined;
}

/** Detaches every shared worker (worker capture was turned off). */
export function releaseAllShared(): void {
  for (const targetId of [...byTarget.keys()]) {
    byTarget.delete(targetId);
    void chrome.debugger.detach({ targetId }).catch(() => {});
  }
}
