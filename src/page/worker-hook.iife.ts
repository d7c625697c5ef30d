/**
 * The worker hook: the page hook's WebSocket and WebSocketStream observers in a worker's global
 * (dedicated, shared or service worker), before the worker's first line. The background wraps this
 * script in a function whose parameter `__SOCKETS_WORKER__` says how to report:
 * - Chrome (worker capture on): evaluated through the debugger; `binding` names the function the
 *   debugger added to the global, which the hook takes off at once. Its command runner is left in
 *   `__SOCKETS_WORKER__.command`, where the background keeps a handle to it.
 * - Firefox: prepended to the worker's script; `channel` names the BroadcastChannel on which the
 *   page hook of the frame that asked for the worker listens (commands come back on it).
 * Nothing is left on the global.
 */
import type { HookCommand } from '../core/raw';
import { deleteProperty, ownValue } from './natives';
import { installDisguise } from './disguise';
import { ownCodeEndsAt } from './initiator';
import { workerListeners } from './worker-listeners';
import { wrapWebSocket } from './websocket';
import { wrapWebSocketStream } from './websocketstream';
import { broadcastTransport, decodeCommand, encodeRecord, openWorkerChannel } from './worker-channel';

/**
 * `command` takes a command's JSON and answers the result's; given a list of sockets instead (Chrome:
 * the debugger's query of the live WebSocket objects, for a hook that came into a running shared
 * worker), it tracks them from then on. `sockets` is the prototype that query looks for.
 */
declare const __SOCKETS_WORKER__: { binding?: string; channel?: string; command?: (json: string | ArrayLike<unknown>) => string; sockets?: object; end?: Error };

const config = __SOCKETS_WORKER__;
// Firefox: made where the hook's code ends on the worker script's first line (see ownCodeEndsAt).
if (__BROWSER__ === 'firefox' && config.end) ownCodeEndsAt(config.end);
let report: ((payload: string) => void) | undefined;
let channel: ReturnType<typeof openWorkerChannel> | undefined;
if (config.binding !== undefined) {
  const binding = ownValue(globalThis, config.binding);
  deleteProperty(globalThis, config.binding);
  if (typeof binding === 'function') report = binding as (payload: string) => void;
} else if (config.channel !== undefined) {
  report = broadcastTransport(config.channel, (json) => config.command?.(json) ?? '{"ok":false}', () => channel?.identities());
}
if (typeof WebSocket === 'function' && report) {
  installDisguise(globalThis);
  channel = openWorkerChannel(report, config.binding !== undefined);
  const resend = channel.resend;
  const joined = channel.joined;
  const listeners = workerListeners();
  const hold = channel.hold;
  const { runCommand, adoptLive } = wrapWebSocket(globalThis, channel.emit, channel.nextSocketId, (request) => {
    listeners.held(request.hold, request.dir);
    hold(request);
  });
  const isStream = wrapWebSocketStream(globalThis, channel.emit, channel.nextSocketId);
  config.sockets = WebSocket.prototype;
  config.command = (json) => {
    if (typeof json !== 'string') {
      adoptLive(json);
      return '';
    }
    const c = decodeCommand(json) as HookCommand;
    if (!c || typeof c !== 'object' || typeof c.id !== 'number') return '{"ok":false}';
    // The relay missed reports (Chrome: they were in the hands of a service worker that stopped).
    if ((c as { k: string }).k === 'resend') {
      const after = (c as { after?: unknown }).after;
      if (typeof after === 'number') resend(after);
      return '{"k":"result","id":' + c.id + ',"ok":true}';
    }
    // A tab that connected to this (shared) worker later: what it needs to know of the live sockets.
    if ((c as { k: string }).k === 'joined') return joined();
    if (isStream(c.socket)) return encodeRecord({ k: 'result', id: c.id, ok: false, error: 'DevTools cannot send on a WebSocketStream.' });
    // Each relay connected to this worker says what it wants held and lets pass what it does not.
    const run = listeners.commands(c);
    // The first answers this command; the rest (releases of what waited only on a relay that left) answer no one.
    const result = run.length > 0 ? runCommand(run[0]) : { k: 'result', id: c.id, ok: true };
    for (let i = 1; i < run.length; i++) runCommand(run[i]);
    return encodeRecord(result);
  };
}
