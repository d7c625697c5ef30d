import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { parsePayload, type ComposerFormat, type ParsedPayload } from '../../core/composer/payload';
import { base64ToBytes, bytesToBase64, bytesToHex } from '../../core/encoding';
import type { BackgroundToPanel, CommandResult, PanelToBackground } from '../../core/protocol';
import type { SessionEvent, SocketRecord } from '../../core/session';
import type { CaptureState } from './capture';

export interface ComposedMessage {
  format: ComposerFormat;
  text: string;
  name?: string;
  socketUrl?: string;
  at?: number;
}

/** The extension storage the composer keeps history and saved messages in (the panel passes storage.local). */
export interface ComposerStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const HISTORY_MAX = 50;
const historyKey = (origin: string) => `composer.history:${origin}`;
const SAVED_KEY = 'composer.saved';

const originOf = (s: SocketRecord | undefined) => {
  try {
    return s ? new URL(s.frameUrl).origin : '';
  } catch {
    return '';
  }
};

/** Why a socket cannot take a message now, or null when it can. */
export function unavailableReason(s: SocketRecord): string | null {
  if (s.imported) return 'imported from a HAR file';
  if (s.state === 'connecting') return 'still connecting';
  if (s.state !== 'open') return `socket is ${s.state}`;
  return null;
}

/**
 * The composer: which socket, which format, the payload, and sending it through the page's own
 * socket (or delivering it to the page as if the server had sent it). Results come back by id.
 */
/** Message types a JSON message can be encoded as, and the encoding (the panel passes its Protobuf schemas). */
export interface ComposerEncoders {
  types: ReadonlySignal<string[]>;
  encode(type: string, json: unknown): Uint8Array;
}

export function createComposerStore(capture: CaptureState, send: (m: PanelToBackground) => void, tabId: number, storage: ComposerStorage, encoders?: ComposerEncoders) {
  const socketKey = signal<string | null>(null);
  const format = signal<ComposerFormat>('text');
  const text = signal('');
  /** Bumped when the text is replaced from outside the editor (the editor follows it then only). */
  const revision = signal(0);
  const replaceText = (next: string) => {
    text.value = next;
    revision.value++;
  };
  const status = signal<{ kind: 'idle' | 'ok' | 'error' | 'busy'; message: string }>({ kind: 'idle', message: '' });
  const history = signal<ComposedMessage[]>([]);
  const saved = signal<ComposedMessage[]>([]);
  const repeating = signal<{ done: number; total: number } | null>(null);
  /** A JSON message goes as this Protobuf type, encoded; '' = as JSON text. */
  const protobufType = signal('');
  const parsed = computed((): ParsedPayload => {
    const p = parsePayload(format.value, text.value);
    const type = protobufType.value;
    if (!p.ok || format.value !== 'json' || !type || !encoders) return p;
    try {
      const bytes = encoders.encode(type, JSON.parse(text.value));
      return { ok: true, payload: { base64: bytesToBase64(bytes) }, size: bytes.length, binary: true };
    } catch (e) {
      return { ok: false, error: `Not a ${type}: ${(e as Error).message}` };
    }
  });
  let stopRepeat: (() => void) | null = null;
  const pending = new Map<number, (r: CommandResult) => void>();
  let nextRequest = 1;

  const socket = () => (socketKey.value ? capture.store.sockets.get(socketKey.value) : undefined);

  const loadHistory = async () => {
    const origin = originOf(socket());
    const stored = await storage.get([historyKey(origin), SAVED_KEY]);
    history.value = (stored[historyKey(origin)] as ComposedMessage[] | undefined) ?? [];
    saved.value = (stored[SAVED_KEY] as ComposedMessage[] | undefined) ?? [];
  };

  const remember = async (entry: ComposedMessage) => {
    const origin = originOf(socket());
    const next = [entry, ...history.value.filter((h) => h.text !== entry.text || h.format !== entry.format)].slice(0, HISTORY_MAX);
    history.value = next;
    await storage.set({ [historyKey(origin)]: next });
  };

  const sendOnce = (action: 'send' | 'simulate'): Promise<CommandResult> => {
    const s = socket();
    if (!s) return Promise.resolve({ ok: false, error: 'Pick a socket first.' });
    const reason = unavailableReason(s);
    if (reason) return Promise.resolve({ ok: false, error: `Cannot send: ${reason}.` });
    const p = parsed.value;
    if (!p.ok) return Promise.resolve({ ok: false, error: p.error });
    const requestId = nextRequest++;
    return new Promise<CommandResult>((resolve) => {
      pending.set(requestId, resolve);
      send({ type: 'command', tabId, frameId: s.frameId, doc: s.doc, requestId, action, socket: s.socket, payload: p.payload });
    });
  };

  /** Closes one of the page's sockets, as the page would with `close(code, reason)`. */
  const closeSocket = (s: SocketRecord, code: number, reason: string): Promise<CommandResult> => {
    const requestId = nextRequest++;
    return new Promise<CommandResult>((resolve) => {
      pending.set(requestId, resolve);
      send({ type: 'command', tabId, frameId: s.frameId, doc: s.doc, requestId, action: 'close', socket: s.socket, payload: { text: reason }, code });
    });
  };

  const report = (action: 'send' | 'simulate', r: CommandResult) => {
    status.value = r.ok
      ? { kind: 'ok', message: action === 'send' ? 'Sent through the page\'s socket.' : 'Delivered to the page as an incoming message.' }
      : { kind: 'error', message: r.error ?? 'Failed.' };
  };

  return {
    socketKey, format, text, revision, status, history, saved, repeating, parsed, protobufType,
    protobufTypes: encoders?.types,
    replaceText,
    socket,
    closeSocket,
    loadHistory,
    receive(m: BackgroundToPanel) {
      if (m.type !== 'command-result') return;
      const resolve = pending.get(m.requestId);
      pending.delete(m.requestId);
      resolve?.({ ok: m.ok, error: m.error });
    },
    async submit(action: 'send' | 'simulate') {
      status.value = { kind: 'busy', message: 'Sending…' };
      const r = await sendOnce(action);
      report(action, r);
      if (r.ok) await remember({ format: format.value, text: text.value, socketUrl: socket()?.url, at: Date.now() });
    },
    /** Sends `times` times, `intervalMs` apart, until done, stopped or failed. */
    repeat(action: 'send' | 'simulate', times: number, intervalMs: number) {
      let stopped = false;
      stopRepeat = () => (stopped = true);
      repeating.value = { done: 0, total: times };
      const step = async (i: number) => {
        if (stopped || i >= times) {
          repeating.value = null;
          return;
        }
        const r = await sendOnce(action);
        report(action, r);
        if (!r.ok) {
          repeating.value = null;
          return;
        }
        // A repeat goes into the history once, like a single send.
        if (i === 0) await remember({ format: format.value, text: text.value, socketUrl: socket()?.url, at: Date.now() });
        repeating.value = { done: i + 1, total: times };
        setTimeout(() => void step(i + 1), intervalMs);
      };
      void step(0);
    },
    stop() {
      stopRepeat?.();
      repeating.value = null;
    },
    /** Opens a captured message in the composer: same socket, same format, same bytes. */
    loadRow(row: SessionEvent) {
      const e = row.event;
      if (e.kind !== 'message') return;
      socketKey.value = row.socketKey;
      if (e.opcode === 2) {
        format.value = 'hex';
        replaceText(bytesToHex(e.data, ' '));
      } else {
        let isJson = false;
        try {
          const t = e.data.trimStart();
          isJson = (t.startsWith('{') || t.startsWith('[')) && (JSON.parse(e.data), true);
        } catch {
          isJson = false;
        }
        format.value = isJson ? 'json' : 'text';
        replaceText(e.data);
      }
      status.value = { kind: 'idle', message: '' };
      void loadHistory();
    },
    load(m: ComposedMessage) {
      format.value = m.format;
      replaceText(m.text);
    },
    async save(name: string) {
      const next = [{ name, format: format.value, text: text.value }, ...saved.value.filter((s) => s.name !== name)];
      saved.value = next;
      await storage.set({ [SAVED_KEY]: next });
    },
    async removeSaved(name: string) {
      saved.value = saved.value.filter((s) => s.name !== name);
      await storage.set({ [SAVED_KEY]: saved.value });
    },
    async clearHistory() {
      history.value = [];
      await storage.remove(historyKey(originOf(socket())));
    },
    /** Converts the payload between hex and base64 when switching binary formats. */
    switchFormat(next: ComposerFormat) {
      const p = parsed.value;
      if (p.ok && 'base64' in p.payload && (next === 'hex' || next === 'base64')) {
        const bytes = base64ToBytes(p.payload.base64);
        replaceText(next === 'hex' ? bytesToHex(bytes, ' ') : bytesToBase64(bytes));
      }
      format.value = next;
    },
  };
}

export type ComposerStore = ReturnType<typeof createComposerStore>;
