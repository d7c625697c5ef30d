import { base64ToBytes } from '../core/encoding';
import type { CommandPayload } from '../core/protocol';
import type { HookCommand } from '../core/raw';

export function toHookCommand(id: number, action: 'send' | 'simulate' | 'close', socket: number, payload: CommandPayload, code = 1000): HookCommand {
  if (action === 'close') return { k: 'close', id, socket, code, reason: 'text' in payload ? payload.text : '' };
  const data = 'text' in payload ? payload.text : base64ToBytes(payload.base64).buffer as ArrayBuffer;
  return { k: action, id, socket, data };
}
