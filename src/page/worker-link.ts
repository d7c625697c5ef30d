import { addListener, apply, BroadcastChannelNative, broadcastPost, messageEventData, privateMap } from './natives';


/**
 * Firefox: the page's side of its workers' channels (see the worker hook's `broadcastTransport`).
 * The relay names a channel once the background prepended the hook to a worker's script; the page
 * hook then listens on it and hands what the worker reports to the relay, through its private port.
 */
export function linkWorkers(toRelay: (message: unknown) => void) {
  const channels = privateMap<string, BroadcastChannel>();
  /** What each worker hears when the page goes (its relay's last word: what it held, it holds no more). */
  const byes = privateMap<string, string>();
  let saysBye = false;
  const post = (bc: BroadcastChannel, s: string) => {
    try {
      apply(broadcastPost!, bc, [s]);
    } catch {
      // closed
    }
  };
  return {
    listen(name: string, bye: unknown): void {
      if (!BroadcastChannelNative || channels.has(name)) return;
      const bc = new BroadcastChannelNative(name);
      channels.set(name, bc);
      if (typeof bye === 'string') byes.set(name, 'c' + bye);
      // A message the relay sends while the page goes would reach this hook too late: posted from here, in the event's own task.
      if (!saysBye) {
        saysBye = true;
        apply(addListener, globalThis, ['pagehide', () => byes.forEach((said, channel) => void (channels.has(channel) && post(channels.get(channel)!, said)))]);
      }
      apply(addListener, bc, ['message', (e: MessageEvent) => {
        const data: unknown = apply(messageEventData, e, []);
        if (typeof data !== 'string') return;
        if (data === 'hello') post(bc, 'ready');
        else if (data !== 'ready' && data[0] !== 'c') toRelay({ __proto__: null, k: 'worker', channel: name, payload: data });
      }]);
      // The worker may be waiting for its first listener (ready), or have others already (joined: it tells its live sockets again).
      post(bc, 'ready');
      post(bc, 'joined');
    },
    command(name: string, json: string): void {
      const bc = channels.get(name);
      if (bc) post(bc, 'c' + json);
    },
  };
}
