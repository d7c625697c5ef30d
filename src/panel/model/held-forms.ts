/**
 * A Socket.IO event packet (`42["event",...args]`, optionally with a namespace and ack id) as the
 * held-message editor shows it: the JSON array alone; and back, with the packet's own prefix kept.
 */
const EVENT = /^(4[2-3](?:\/[^,]*,)?\d*)(\[.*\])$/s;

export function socketIoForm(text: string): string | null {
  const m = EVENT.exec(text);
  if (!m) return null;
  try {
    return JSON.stringify(JSON.parse(m[2]), null, 2);
  } catch {
    return null;
  }
}

/** The packet for an edited `["event", ...args]`, with `original`'s prefix; null when it is no such array. */
export function fromSocketIoForm(edited: string, original: string): string | null {
  const prefix = EVENT.exec(original)?.[1] ?? '42';
  try {
    const v: unknown = JSON.parse(edited);
    if (!Array.isArray(v) || typeof v[0] !== 'string') return null;
    return `${prefix}${JSON.stringify(v)}`;
  } catch {
    return null;
  }
}
