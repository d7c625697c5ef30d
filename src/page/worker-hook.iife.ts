/**
 * The worker hook: the page hook's WebSocket and WebSocketStream observers in a worker's global
 * (dedicated, shared or service worker), evaluated by the background through the debugger before
 * the worker's first line (Chrome, once the user turned worker capture on). The background wraps
 * this script in a function whose parameter `__SOCKETS_WORKER__` names the binding to report
 * through; the hook takes that binding off the global at once and leaves its command runner in
 * `__SOCKETS_WORKER__.command` (the background keeps a handle to it; nothing is left on the global).
 */
import type { HookCommand } from '../core/raw';
import { deleteProperty, ownValue } from './natives';
import { installDisguise } from './disguise';
import { wrapWebSocket } from './websocket';
import { wrapWebSocketStream } from './websocketstream';
import { decodeCommand, encodeRecord, openWorkerChannel } from './worker-channel';

declare const __SOCKETS_WORKER__: { binding: string; command?: (json: string) => string };

const config = __SOCKETS_WORKER__;
const binding = ownValue(globalThis, config.binding);
deleteProperty(globalThis, config.binding);
if (typeof WebSocket === 'function' && typeof binding === 'function') {
  installDisguise(globalThis);
  const channel = openWorkerChannel(binding as (payload: string) => void);
  const runCommand = wrapWebSocket(globalThis, channel.emit, channel.nextSocketId, channel.hold);
  const isStream = wrapWebSocketStream(globalThis, channel.emit, channel.nextSocketId);
  config.command = (json) => {
    const c = decodeCommand(json) as HookCommand;
    if (!c || typeof c !== 'object' || typeof c.id !== 'number') return '{"ok":false}';
    const result = isStream(c.socket) ? { k: 'result', id: c.id, ok: false, error: 'DevTools cannot send on a WebSocketStream.' } : runCommand(c);
    return encodeRecord(result);
  };
}
