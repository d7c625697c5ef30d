/**
 * The page hook: runs in the page's MAIN world at document_start, before any page script, as a
 * classic self-contained script. It observes WebSocket use and hands raw facts to the relay.
 * It leaves no trace on the page's globals beyond the disguised stand-ins.
 */
import type { HookCommand } from '../core/raw';
import { openChannel } from './channel';
import { installToStringDisguise } from './disguise';
import { wrapWebSocket } from './websocket';

if (typeof WebSocket === 'function') {
  installToStringDisguise();
  let runCommand: ((c: HookCommand) => unknown) | undefined;
  const channel = openChannel((command) => {
    const c = command as HookCommand;
    if (runCommand && c && typeof c === 'object' && typeof c.id === 'number') channel.reply(runCommand(c));
  });
  runCommand = wrapWebSocket(globalThis, channel.emit);
}
