import { base64ToBytes } from '../core/encoding';
import type { CommandPayload } from '../core/protocol';
import type { HookCommand } from '../core/raw';

export function toHookCommand(id: number, action: 'send' | 'simulate', socket: number, payload: CommandPayload): HookCommand {
  const data = 'text' in payload ? payload.text : base64ToBytes(payload.base64).buffer as ArrayBuffer;
  return { k: action, id, socket, data };
}
