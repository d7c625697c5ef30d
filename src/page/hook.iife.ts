/**
 * The page hook: runs in the page's MAIN world at document_start, before any page script, as a
 * classic self-contained script, in every frame (about:blank and srcdoc included: Chrome injects it
 * synchronously when such a frame is created, before its creator can reach into it). It observes
 * WebSocket and WebSocketStream use and hands raw facts to the relay in batches. It adds no global
 * and keeps every native object; the few stand-ins it installs look and behave like the natives.
 */
import type { HookCommand, HookCommandResult } from '../core/raw';
import { adoptFrames } from './adopt';
import { openChannel } from './channel';
import { disguiseRealm, installDisguise } from './disguise';
import { wrapWebSocket } from './websocket';
import { wrapWebSocketStream } from './websocketstream';

if (typeof WebSocket === 'function') {
  installDisguise(globalThis);
  let runCommand: ((c: HookCommand) => HookCommandResult) | undefined;
  let isStream: ((id: number) => boolean) | undefined;
  const channel = openChannel((command) => {
    const c = command as HookCommand;
    if (!runCommand || !c || typeof c !== 'object' || typeof c.id !== 'number') return;
    channel.reply(
      isStream?.(c.socket)
        ? { k: 'result', id: c.id, ok: false, error: 'DevTools cannot send on a WebSocketStream.' }
        : runCommand(c),
    );
  });
  runCommand = wrapWebSocket(globalThis, channel.emit, channel.nextSocketId, channel.hold);
  isStream = wrapWebSocketStream(globalThis, channel.emit, channel.nextSocketId);
  // A frame hooked from here reports through this realm's channel (DevTools cannot send on its sockets).
  adoptFrames((win) => {
    disguiseRealm(win);
    wrapWebSocket(win, channel.emit, channel.nextSocketId);
    wrapWebSocketStream(win, channel.emit, channel.nextSocketId);
  });
}
