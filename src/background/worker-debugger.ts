/**
 * Chrome: what hooking a worker through the debugger takes, for a tab's workers (workers.ts) and for
 * shared workers (shared-workers.ts): the hook as an expression, its command runner, and the runners
 * kept in session storage.
 */
import { workerHookSource, workerHookUrl } from './worker-hook-source';
import type { WorkerKind } from '../core/protocol';

export const PROTOCOL = '1.3';

export const randomName = () => '$' + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
export const send = <T = unknown>(target: chrome.debugger.DebuggerSession, method: string, params?: object) =>
  chrome.debugger.sendCommand(target, method, params) as Promise<T>;

/**
 * The hook as an expression that runs it in the worker's global and answers its configuration, where
 * the hook leaves its command runner (`command`). Null-prototype: a hook that comes into a running
 * worker sets its members without meeting the worker's accessors on Object.prototype.
 */
export async function hookExpression(binding: string): Promise<string> {
  // The extension URL names the hook's frames in stack traces (the hook removes them) and in DevTools' ignore list.
  return `(function (__SOCKETS_WORKER__) {\n${await workerHookSource((p) => chrome.runtime.getURL(p))}\n;return __SOCKETS_WORKER__;\n})({ __proto__: null, binding: ${JSON.stringify(binding)} })\n//# sourceURL=${workerHookUrl((p) => chrome.runtime.getURL(p))}`;
}
/** Runs a command (JSON) through a hook's runner (the remote object of its configuration); its answer, if any. */
export async function runInWorker(target: chrome.debugger.DebuggerSession, objectId: string, command: string): Promise<string | undefined> {
  const r = await send<{ result?: { value?: unknown } }>(target, 'Runtime.callFunctionOn', {
    objectId,
    functionDeclaration: 'function (command) { return this.command(command); }',
    arguments: [{ value: command }],
    returnByValue: true,
    silent: true,
  }).catch(() => undefined);
  return typeof r?.result?.value === 'string' ? r.result.value : undefined;
}

/**
 * The sessions' command runners outlive this service worker (the debugger keeps the sessions and
 * their remote objects): kept in session storage, so that one started again can still command the
 * workers (e.g. to have them send again the reports it lost when it stopped).
 */
const RUNNERS_KEY = 'workerRunners';
const MAX_KEPT_RUNNERS = 64;
export type KeptSession = {
  /** -1 for a shared worker, whose tabs are `tabIds`. */
  tabId: number;
  tabIds?: number[]; binding: string; kind: WorkerKind; url: string; objectId: string };
export async function keptSessions(): Promise<Record<string, KeptSession>> {
  const stored = await chrome.storage.session.get(RUNNERS_KEY).catch(() => ({} as Record<string, unknown>));
  return (stored[RUNNERS_KEY] ?? {}) as Record<string, KeptSession>;
}
let keeping = Promise.resolve();
/** One after the other: each reads and writes the whole record. */
export const keepSession = (kept: KeptSession, sessionId: string) => (keeping = keeping.then(() => writeKept(kept, sessionId)));
/** A session that ended (its worker detached): no longer taken up. */
export const forgetKeptSession = (sessionId: string) =>
  (keeping = keeping.then(async () => {
    const all = await keptSessions();
    if (!(sessionId in all)) return;
    delete all[sessionId];
    await chrome.storage.session.set({ [RUNNERS_KEY]: all }).catch(() => {});
  }));
async function writeKept(kept: KeptSession, sessionId: string): Promise<void> {
  const all = await keptSessions();
  delete all[sessionId];
  all[sessionId] = kept;
  const ids = Object.keys(all);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_KEPT_RUNNERS))) delete all[id];
  await chrome.storage.session.set({ [RUNNERS_KEY]: all }).catch(() => {});
}
