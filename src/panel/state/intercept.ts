import { computed, effect, signal } from '@preact/signals';
import { compileFilter, EMPTY_FILTER } from '../../core/filter/filter';
import { createSocketDecoder, payloadFromEvent } from '../../core/decoders';
import { base64ToBytes, bytesToBase64, utf8Length } from '../../core/encoding';
import { decide, type Decision } from '../../core/intercept/decide';
import type { EditablePayload } from '../../core/intercept/rewrite';
import { parseRulesFile, rulesFile, type Breakpoint, type Rule } from '../../core/intercept/rules';
import type { InterceptMark, MessageEvent } from '../../core/model';
import type { BackgroundToPanel, CommandPayload, CommandResult, PanelCommand, PanelToBackground, RelayHeld } from '../../core/protocol';
import type { ControlOp } from '../../core/raw';
import { socketKey, type SessionEvent, type SocketRecord } from '../../core/session';
import { rowText } from '../model/row-text';
import type { CaptureState } from './capture';
import type { DecodeState } from './decode';
import type { ComposerStorage } from './composer';

/** A message the page's socket holds until the user (or a rule) settles it. */
export interface HeldItem {
  key: string;
  frameId: number;
  doc: string;
  socket: number;
  socketKey: string;
  hold: number;
  dir: 'sent' | 'received';
  time: number;
  /** What the page sent or the server delivered. */
  original: EditablePayload;
  /** What the rules made of it (it leaves so when forwarded unchanged). */
  decision: Decision;
}

export interface ReplayProgress {
  done: number;
  total: number;
}

const rulesKey = (origin: string) => `intercept.rules:${origin}`;
/** Commands of this store take ids far from the composer's, which share the result channel. */
let nextRequest = 1_000_000_000;
const newId = () => crypto.randomUUID();

const toPayload = (p: EditablePayload): CommandPayload => ('text' in p ? { text: p.text } : { base64: bytesToBase64(p.bytes) });
const fromHeld = (opcode: 1 | 2, data: string): EditablePayload => (opcode === 1 ? { text: data } : { bytes: base64ToBytes(data) });

/**
 * Breakpoints, rules, held messages, connection controls and replays. Only this panel can create or
 * trigger any of them: what it asks goes to the page's hook through the extension's own channels.
 */
export function createInterceptStore(capture: CaptureState, decode: DecodeState, send: (m: PanelToBackground) => void, tabId: number, storage: ComposerStorage) {
  const breakpoints = signal<Breakpoint[]>([]);
  const rules = signal<Rule[]>([]);
  const held = signal<HeldItem[]>([]);
  const replay = signal<ReplayProgress | null>(null);
  const origin = signal('');
  /** Per socket: incoming paused, and the latency added to incoming messages. */
  const controls = signal<Map<string, { paused: boolean; latency: number }>>(new Map());
  const pending = new Map<number, (r: CommandResult) => void>();
  let stopReplay: (() => void) | null = null;

  const activeRules = computed(() => rules.value.filter((r) => r.enabled).length);
  const config = computed(() => {
    const on = [...breakpoints.value.filter((b) => b.enabled), ...rules.value.filter((r) => r.enabled)];
    return { sent: on.some((x) => x.dir !== 'received'), received: on.some((x) => x.dir !== 'sent') };
  });
  const announce = () => send({ type: 'intercept', tabId, ...config.value });
  /** What each document's hook last said it holds. */
  const armed = signal<Map<string, { sent: boolean; received: boolean }>>(new Map());
  /** Whether every document with a live socket holds what the rules and breakpoints need (they are in effect). */
  const inEffect = computed(() => {
    capture.version.value;
    const want = config.value;
    const docs = new Set<string>();
    for (const s of capture.store.sockets.values()) if (!s.imported && !s.unloaded && s.state !== 'closed') docs.add(s.doc);
    for (const doc of docs) {
      const a = armed.value.get(doc);
      if (!a || a.sent !== want.sent || a.received !== want.received) return false;
    }
    return true;
  });
  effect(announce);

  const saveRules = (next: Rule[]) => {
    rules.value = next;
    void storage.set({ [rulesKey(origin.value)]: next });
  };

  const command = (target: { frameId: number; doc: string; socket: number }, rest: Pick<PanelCommand, 'action' | 'payload'> & Partial<PanelCommand>): Promise<CommandResult> => {
    const requestId = nextRequest++;
    return new Promise((resolve) => {
      pending.set(requestId, resolve);
      send({ type: 'command', tabId, frameId: target.frameId, doc: target.doc, socket: target.socket, requestId, ...rest });
    });
  };

  /** Compiled filter expressions, by text: a breakpoint's query is compiled once. */
  const compiled = new Map<string, ReturnType<typeof compileFilter>>();
  const matcher = (key: string, dir: 'sent' | 'received') => {
    const id = decode.decoderOf(key);
    return (query: string, p: EditablePayload): boolean => {
      let f = compiled.get(query);
      if (!f) {
        f = compileFilter({ ...EMPTY_FILTER, query }, {
          text: rowText,
          fields: (row) => (id && row.event.kind === 'message' ? createSocketDecoder(id).decode(payloadFromEvent(row.event), row.event.dir)?.fields : undefined),
          socket: (row) => capture.store.sockets.get(row.socketKey),
          // A held message has no reply yet.
          latency: () => undefined,
          unanswered: () => false,
        });
        compiled.set(query, f);
      }
      if (!f.ok) return false;
      const base = { kind: 'message', seq: -1, socket: -1, time: 0, dir } as const;
      const event: MessageEvent = 'text' in p ? { ...base, opcode: 1, size: utf8Length(p.text), data: p.text } : { ...base, opcode: 2, size: p.bytes.length, data: p.bytes };
      const row: SessionEvent = { socketKey: key, event };
      return f.test(row);
    };
  };

  /** Sends the release; then a rule's reply, if any, as an incoming message marked mocked. */
  const release = async (item: Pick<HeldItem, 'frameId' | 'doc' | 'socket' | 'hold'>, how: { drop?: boolean; payload?: EditablePayload; mark?: InterceptMark; delay?: number }, reply?: string) => {
    const r = await command(item, {
      action: 'release',
      payload: how.payload ? toPayload(how.payload) : { text: '' },
      release: {
        hold: item.hold,
        ...(how.drop ? { drop: true as const } : {}),
        ...(how.payload ? { edited: true as const } : {}),
        ...(how.mark ? { mark: how.mark } : {}),
        ...(how.delay ? { delay: how.delay } : {}),
      },
    });
    if (reply !== undefined) await command(item, { action: 'simulate', payload: { text: reply }, mark: 'mocked' });
    return r;
  };

  const onHeld = (m: RelayHeld & { frameId: number }) => {
    const key = socketKey(m.doc, m.socket);
    const original = fromHeld(m.opcode, m.data);
    const url = capture.store.sockets.get(key)?.url ?? '';
    const d = decide({ dir: m.dir, payload: original, socketUrl: url }, rules.value, breakpoints.value, matcher(key, m.dir));
    // Asked again (after the panel re-subscribed): it is held here already.
    if (held.value.some((h) => h.key === `${m.doc}:${m.hold}`)) return;
    const item: HeldItem = { key: `${m.doc}:${m.hold}`, frameId: m.frameId, doc: m.doc, socket: m.socket, socketKey: key, hold: m.hold, dir: m.dir, time: m.time, original, decision: d };
    if (d.hold) held.value = [...held.value, item];
    else void release(item, { drop: d.drop, payload: d.payload, mark: d.mark, delay: d.delay }, d.reply);
  };

  const settle = (item: HeldItem) => (held.value = held.value.filter((h) => h.key !== item.key));

  return {
    breakpoints, rules, held, replay, origin, activeRules, config, controls, inEffect,
    /** After each (re)subscription: the relays hear what to hold again (a restarted worker forgot). */
    resubscribed: announce,
    receive(m: BackgroundToPanel) {
      if (m.type === 'held') return onHeld(m);
      if (m.type === 'armed') {
        armed.value = new Map(armed.value).set(m.doc, { sent: m.sent, received: m.received });
        return;
      }
      if (m.type !== 'command-result') return;
      const resolve = pending.get(m.requestId);
      pending.delete(m.requestId);
      resolve?.({ ok: m.ok, error: m.error });
    },
    async loadRules(pageOrigin: string) {
      origin.value = pageOrigin;
      const stored = await storage.get([rulesKey(pageOrigin)]);
      rules.value = (stored[rulesKey(pageOrigin)] as Rule[] | undefined) ?? [];
    },
    addBreakpoint(dir: Breakpoint['dir'], query: string) {
      breakpoints.value = [...breakpoints.value, { id: newId(), enabled: true, dir, query }];
    },
    toggleBreakpoint(id: string) {
      breakpoints.value = breakpoints.value.map((b) => (b.id === id ? { ...b, enabled: !b.enabled } : b));
    },
    removeBreakpoint(id: string) {
      breakpoints.value = breakpoints.value.filter((b) => b.id !== id);
    },
    addRule(rule: Omit<Rule, 'id' | 'enabled'>) {
      saveRules([...rules.value, { ...rule, id: newId(), enabled: true }]);
    },
    toggleRule(id: string) {
      saveRules(rules.value.map((r) => (r.id === id ? { ...r, enabled: !r.enabled } : r)));
    },
    removeRule(id: string) {
      saveRules(rules.value.filter((r) => r.id !== id));
    },
    moveRule(id: string, by: -1 | 1) {
      const list = [...rules.value];
      const i = list.findIndex((r) => r.id === id);
      const j = i + by;
      if (i < 0 || j < 0 || j >= list.length) return;
      [list[i], list[j]] = [list[j], list[i]];
      saveRules(list);
    },
    exportRules: () => JSON.stringify(rulesFile(rules.value), null, 2),
    /** Adds the file's rules after the current ones, switched off; the error when the file is not valid. */
    importRules(text: string): string | null {
      const parsed = parseRulesFile(text, newId);
      if (!parsed.ok) return parsed.error;
      saveRules([...rules.value, ...parsed.rules]);
      return null;
    },
    forward(item: HeldItem) {
      settle(item);
      const d = item.decision;
      return release(item, { payload: d.payload, mark: d.mark ?? 'held', delay: d.delay }, d.reply);
    },
    forwardEdited(item: HeldItem, payload: EditablePayload) {
      settle(item);
      return release(item, { payload, mark: 'edited', delay: item.decision.delay }, item.decision.reply);
    },
    drop(item: HeldItem) {
      settle(item);
      return release(item, { drop: true, mark: 'dropped' });
    },
    /** Every held message leaves as the rules made it, and every breakpoint goes off. */
    forwardAllAndDisable() {
      breakpoints.value = breakpoints.value.map((b) => ({ ...b, enabled: false }));
      const items = held.value;
      held.value = [];
      for (const item of items) void release(item, { payload: item.decision.payload, mark: item.decision.mark ?? 'held', delay: item.decision.delay }, item.decision.reply);
    },
    async control(s: SocketRecord, op: ControlOp): Promise<CommandResult> {
      const r = await command(s, { action: 'control', payload: { text: '' }, control: op });
      if (r.ok && (op.op === 'pause' || op.op === 'resume' || op.op === 'latency')) {
        const next = new Map(controls.value);
        const now = next.get(s.key) ?? { paused: false, latency: 0 };
        next.set(s.key, op.op === 'latency' ? { ...now, latency: op.ms } : { ...now, paused: op.op === 'pause' });
        controls.value = next;
      }
      return r;
    },
    /**
     * Delivers the received messages of `source` (captured or imported) to the live `target` as
     * incoming messages, with their original spacing × `speed` (0: one after the other, at once).
     */
    startReplay(source: SocketRecord, target: SocketRecord, speed: number) {
      stopReplay?.();
      const messages = capture.store.events.filter((r) => r.socketKey === source.key && r.event.kind === 'message' && r.event.dir === 'received').map((r) => r.event as MessageEvent);
      let stopped = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      stopReplay = () => {
        stopped = true;
        clearTimeout(timer);
        replay.value = null;
      };
      replay.value = { done: 0, total: messages.length };
      const step = async (i: number) => {
        if (stopped) return;
        if (i >= messages.length) return void (replay.value = null);
        const e = messages[i];
        const r = await command(target, { action: 'simulate', payload: e.opcode === 1 ? { text: e.data } : { base64: bytesToBase64(e.data) }, mark: 'replayed' });
        if (stopped) return;
        if (!r.ok) return void (replay.value = null);
        replay.value = { done: i + 1, total: messages.length };
        const next = messages[i + 1];
        const wait = next && speed > 0 ? Math.max(0, (next.time - e.time) / speed) : 0;
        timer = setTimeout(() => void step(i + 1), wait);
      };
      void step(0);
    },
    stopReplay() {
      stopReplay?.();
    },
  };
}

export type InterceptStore = ReturnType<typeof createInterceptStore>;
