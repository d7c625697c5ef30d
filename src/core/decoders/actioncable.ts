import { payloadText } from './payload';
import type { Decoded, DecodeFn, DecoderDef, Payload } from './types';
import { isRecord, preview, str, tryJson } from './values';

/** The channel name inside an identifier (itself JSON text, e.g. '{"channel":"ChatChannel","room":"1"}'). */
function channelOf(identifier: unknown): { channel?: string; params?: unknown } {
  if (typeof identifier !== 'string') return {};
  const params = tryJson(identifier);
  return { channel: isRecord(params) ? str(params.channel) : undefined, params: params ?? identifier };
}

function decodeActionCable(p: Payload): Decoded {
  const msg = JSON.parse(payloadText(p)) as unknown;
  if (!isRecord(msg)) throw new Error('not an Action Cable message (a JSON object)');
  const { channel, params } = channelOf(msg.identifier);
  // Client commands carry `command`; server messages carry `type`, or just `identifier` + `message`.
  const command = str(msg.command);
  const type = command ?? str(msg.type) ?? (msg.message !== undefined ? 'message' : 'unknown');
  let data: unknown = msg.data;
  if (typeof data === 'string') data = tryJson(data) ?? data;
  const action = isRecord(data) ? str(data.action) : undefined;

  let summary = `ActionCable ${type}`;
  if (channel) summary += ` ${channel}`;
  if (action) summary += ` ${action}`;
  if (type === 'ping') summary += ` ${String(msg.message)}`;
  else if (type === 'disconnect') summary += ` reason=${String(msg.reason)} reconnect=${String(msg.reconnect)}`;
  else if (msg.message !== undefined) summary += ' ' + preview(msg.message, 60);
  else if (command === 'message' && isRecord(data)) {
    const rest = Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'action'));
    if (Object.keys(rest).length) summary += ' ' + preview(rest, 60);
  }
  const value: Record<string, unknown> = { ...msg };
  if (params !== undefined) value.identifier = params;
  if (data !== undefined) value.data = data;
  return {
    decoder: 'actioncable',
    summary,
    value,
    fields: { type, channel, action, command },
  };
}

export const actionCable: DecoderDef = {
  id: 'actioncable',
  label: 'Action Cable',
  create: (): DecodeFn => decodeActionCable,
  sniff: (p) => {
    const m = p.opcode === 1 && /^\{/.test(p.text ?? '') ? tryJson(p.text ?? '') : undefined;
    return isRecord(m) && (m.type === 'welcome' || m.type === 'confirm_subscription' || (m.command === 'subscribe' && typeof m.identifier === 'string'));
  },
};
