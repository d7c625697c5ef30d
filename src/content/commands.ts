import { base64ToBytes } from '../core/encoding';
import type { BackgroundToRelay, CommandPayload } from '../core/protocol';
import type { HookCommand } from '../core/raw';

type Command = Extract<BackgroundToRelay, { type: 'command' }>;

const dataOf = (payload: CommandPayload) => ('text' in payload ? payload.text : (base64ToBytes(payload.base64).buffer as ArrayBuffer));

export function toHookCommand(id: number, m: Command): HookCommand {
  const { socket, payload } = m;
  switch (m.action) {
    case 'close':
      return { k: 'close', id, socket, code: m.code ?? 1000, reason: 'text' in payload ? payload.text : '' };
    case 'release': {
      const r = m.release!;
      return { k: 'release', id, socket, hold: r.hold, drop: r.drop, mark: r.mark, delay: r.delay, data: r.edited ? dataOf(payload) : undefined };
    }
    case 'control':
      return { k: 'control', id, socket, ...m.control! };
    case 'simulate':
      return { k: 'simulate', id, socket, data: dataOf(payload), mark: m.mark };
    default:
      return { k: 'send', id, socket, data: dataOf(payload) };
  }
}
