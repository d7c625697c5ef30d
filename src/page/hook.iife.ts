/**
 * The page hook: runs in the page's MAIN world at document_start, before any page script, as a
 * classic self-contained script, in every frame (about:blank and srcdoc included: Chrome injects it
 * synchronously when such a frame is created, before its creator can reach into it). It observes
 * WebSocket and WebSocketStream use, and the workers the page starts, and hands raw facts to the
 * relay in batches. It adds no global and keeps every native object; the few stand-ins it installs
 * look and behave like the natives.
 */
import type { HookCommand, HookCommandResult, WorkerLinkCommand } from '../core/raw';
import { adoptFrames } from './adopt';
import { openChannel } from './channel';
import { disguiseRealm, installDisguise } from './disguise';
import { wrapWebSocket } from './websocket';
import { wrapWebSocketStream } from './websocketstream';
import { linkWorkers } from './worker-link';
import { watchWorkerStarts } from './worker-starts';
import { ownValue } from './natives';

if (typeof WebSocket === 'function') {
  installDisguise(globalThis);
  let runCommand: ((c: HookCommand) => HookCommandResult) | undefined;
  let isStream: ((id: number) => boolean) | undefined;
  let workers: ReturnType<typeof linkWorkers> | undefined;
  const channel = openChannel((command) => {
    const link = command as WorkerLinkCommand;
    // Own values only: a page getter on Object.prototype must not see a command go by.
    if (__BROWSER__ === 'firefox' && typeof ownValue(link, 'channel') === 'string') {
      if (link.k === 'worker-channel') (workers ??= linkWorkers(channel.reply)).listen(link.channel, ownValue(link, 'bye'));
      else if (link.k === 'worker-command' && typeof link.json === 'string') workers?.command(link.channel, link.json);
      return;
    }
    const c = command as HookCommand;
    if (!runCommand || !c || typeof c !== 'object' || typeof c.id !== 'number') return;
    channel.reply(
      isStream?.(c.socket)
        ? { k: 'result', id: c.id, ok: false, error: 'DevTools cannot send on a WebSocketStream.' }
        : runCommand(c),
    );
  });
  runCommand = wrapWebSocket(globalThis, channel.emit, channel.nextSocketId, channel.hold).runCommand;
  isStream = wrapWebSocketStream(globalThis, channel.emit, channel.nextSocketId);
  watchWorkerStarts(globalThis, channel.emit);
  // A frame hooked from here reports through this realm's channel (DevTools cannot send on its
  // sockets). Only Chrome's relay asks (Firefox runs a hook in every frame that can run scripts).
  if (__BROWSER__ === 'chrome') adoptFrames((win) => {
    disguiseRealm(win);
    wrapWebSocket(win, channel.emit, channel.nextSocketId);
    wrapWebSocketStream(win, channel.emit, channel.nextSocketId);
    watchWorkerStarts(win, channel.emit);
  });
}
