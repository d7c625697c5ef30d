import { describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from '../../core/normalize';
import type { BackgroundToPanel, PanelToBackground } from '../../core/protocol';
import { packEvents } from '../../core/wire';
import { createCaptureState } from './capture';
import { createComposerStore, type ComposerStorage } from './composer';

vi.stubGlobal('requestAnimationFrame', () => 0);
vi.stubGlobal('cancelAnimationFrame', () => {});

function memoryStorage(): ComposerStorage & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    get: async (keys) => Object.fromEntries(keys.filter((k) => items.has(k)).map((k) => [k, structuredClone(items.get(k))])),
    set: async (next) => void Object.entries(next).forEach(([k, v]) => items.set(k, structuredClone(v))),
    remove: async (key) => void items.delete(key),
  };
}

const events: StoredEvent[] = [
  { kind: 'created', seq: 1, socket: 1, time: 1, url: 'ws://h/chat', protocols: [], binaryType: 'blob', frameUrl: 'http://h/page', api: 'websocket' },
  { kind: 'open', seq: 2, socket: 1, time: 2, protocol: '', extensions: '' },
];
const batch: BackgroundToPanel = { type: 'batch', doc: 'd', docStart: 1, docUrl: 'http://h/page', top: true, firstSeq: 1, dropped: 0, tabId: 7, frameId: 0, ...packEvents(events, 'base64') };

describe('composer store: history and saved messages in the storage it is given', () => {
  it('remembers a sent message per origin, keeps saved ones, and reads both back in a new store', async () => {
    const storage = memoryStorage();
    const capture = createCaptureState(undefined, 7);
    capture.receive(batch);
    const key = capture.store.events[0].socketKey;
    const sent: PanelToBackground[] = [];
    const composer = createComposerStore(capture, (m) => sent.push(m), 7, storage);
    composer.socketKey.value = key;
    composer.replaceText('hello');
    const submitted = composer.submit('send');
    expect(sent).toMatchObject([{ type: 'command', action: 'send', payload: { text: 'hello' } }]);
    composer.receive({ type: 'command-result', requestId: (sent[0] as { requestId: number }).requestId, ok: true });
    await submitted;
    await composer.save('greeting');
    expect(storage.items.get('composer.history:http://h')).toMatchObject([{ format: 'text', text: 'hello', socketUrl: 'ws://h/chat' }]);

    const again = createComposerStore(capture, () => {}, 7, storage);
    again.socketKey.value = key;
    await again.loadHistory();
    expect(again.history.value.map((h) => h.text)).toEqual(['hello']);
    expect(again.saved.value).toMatchObject([{ name: 'greeting', text: 'hello' }]);

    await again.clearHistory();
    expect(storage.items.has('composer.history:http://h')).toBe(false);
  });
});
