import { useState } from 'preact/hooks';
import { parsePayload, type ComposerFormat } from '../../core/composer/payload';
import { base64ToBytes, bytesToBase64, bytesToHex } from '../../core/encoding';
import type { EditablePayload } from '../../core/intercept/rewrite';
import type { CaptureState } from '../state/capture';
import type { HeldItem, InterceptStore } from '../state/intercept';
import { visibleText } from '../model/visible-text';
import { socketIoForm, fromSocketIoForm } from '../model/held-forms';
import styles from './Intercept.module.css';

type EditFormat = ComposerFormat | 'socket.io';
const FORMAT_LABELS: Record<EditFormat, string> = { text: 'Text', json: 'JSON', hex: 'Hex', base64: 'Base64', 'socket.io': 'Socket.IO event' };

/** What the editor starts with for a held payload, in a format. */
function textIn(p: EditablePayload, format: EditFormat): string {
  if ('bytes' in p) return format === 'base64' ? bytesToBase64(p.bytes) : bytesToHex(p.bytes, ' ');
  if (format === 'json') {
    try {
      return JSON.stringify(JSON.parse(p.text), null, 2);
    } catch {
      return p.text;
    }
  }
  if (format === 'socket.io') return socketIoForm(p.text) ?? p.text;
  return p.text;
}

/** The edited payload, or why it is not valid. */
function parseEdit(format: EditFormat, text: string, original: EditablePayload): { ok: true; payload: EditablePayload } | { ok: false; error: string } {
  if (format === 'socket.io') {
    const packet = fromSocketIoForm(text, 'text' in original ? original.text : '');
    return packet === null ? { ok: false, error: 'Expected a JSON array: ["event", ...args].' } : { ok: true, payload: { text: packet } };
  }
  const p = parsePayload(format, text);
  if (!p.ok) return p;
  if ('base64' in p.payload) return { ok: true, payload: { bytes: base64ToBytes(p.payload.base64) } };
  // JSON is sent as the user laid it out, minus the editor's pretty-printing.
  return { ok: true, payload: { text: format === 'json' ? JSON.stringify(JSON.parse(p.payload.text)) : p.payload.text } };
}

function HeldRow({ item, intercept, url }: { item: HeldItem; intercept: InterceptStore; url: string }) {
  const shown = item.decision.payload ?? item.original;
  const binary = 'bytes' in shown;
  const formats: EditFormat[] = binary ? ['hex', 'base64'] : socketIoForm('text' in shown ? shown.text : '') !== null ? ['text', 'json', 'socket.io'] : ['text', 'json'];
  const [format, setFormat] = useState<EditFormat>(binary ? 'hex' : 'text');
  const [text, setText] = useState(() => textIn(shown, binary ? 'hex' : 'text'));
  const parsed = parseEdit(format, text, shown);
  const arrow = item.dir === 'sent' ? '↑' : '↓';
  return (
    <div class={styles.item} role="row" data-held="true" data-held-direction={item.dir} data-socket={item.socketKey}>
      <div class={styles.line}>
        <span title={item.dir === 'sent' ? 'Sent by the page, held before the server got it' : 'From the server, held before the page saw it'}>{arrow} {item.dir}</span>
        <span class={styles.url} title={url}>{visibleText(url)}</span>
        <select aria-label="Edit as" data-role="held-format" value={format} onChange={(e) => {
          const next = (e.target as HTMLSelectElement).value as EditFormat;
          const current = parseEdit(format, text, shown);
          setText(textIn(current.ok ? current.payload : shown, next));
          setFormat(next);
        }}>
          {formats.map((f) => <option key={f} value={f}>{FORMAT_LABELS[f]}</option>)}
        </select>
        <button data-action="forward" onClick={() => void intercept.forward(item)}>Forward</button>
        <button data-action="forward-edited" disabled={!parsed.ok} onClick={() => parsed.ok && void intercept.forwardEdited(item, parsed.payload)}>Forward edited</button>
        <button data-action="drop" onClick={() => void intercept.drop(item)}>Drop</button>
      </div>
      <textarea class={styles.editor} aria-label="Held message" spellcheck={false} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      {parsed.ok ? null : <span class={styles.error} role="alert">{parsed.error}</span>}
    </div>
  );
}

/** The messages breakpoints hold, oldest first, each with its actions; nothing when none is held. */
export function HeldMessages({ intercept, capture }: { intercept: InterceptStore; capture: CaptureState }) {
  const items = intercept.held.value;
  if (items.length === 0) return null;
  return (
    <div class={styles.held} role="grid" aria-label="Held messages" data-role="held">
      <div class={styles.heldHead}>
        <span>Paused on a breakpoint: {items.length} held</span>
        <button data-action="forward-all" onClick={() => intercept.forwardAllAndDisable()}>Forward all and disable</button>
      </div>
      {items.map((item) => <HeldRow key={item.key} item={item} intercept={intercept} url={capture.store.sockets.get(item.socketKey)?.url ?? ''} />)}
    </div>
  );
}
