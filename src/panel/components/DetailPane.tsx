import { useEffect, useState } from 'preact/hooks';
import { base64ToBytes, bytesToBase64 } from '../../core/encoding';
import type { SessionEvent } from '../../core/session';
import { isPartial } from '../../core/model';
import type { DecodeState } from '../state/decode';
import { copyText } from '../model/clipboard';
import { formatBytes, formatClock } from '../model/format';
import { hexDump, toHex } from '../model/hexdump';
import { lifecycleText, rowText } from '../model/row-text';
import { JsonTree } from './JsonTree';
import styles from './DetailPane.module.css';

type View = 'text' | 'json' | 'hex' | 'base64' | 'utf8' | 'decoded';

const MAX_TEXT_VIEW = 1_000_000;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trimStart();
  if (!(t.startsWith('{') || t.startsWith('['))) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

interface Props {
  row: SessionEvent | null;
  decode: DecodeState;
  onResend?: (row: SessionEvent) => void;
  /** Asks for the rest of a partial payload. */
  onPartial?: (row: SessionEvent) => void;
}

/** The selected row in full: text, JSON tree, hex dump, base64, UTF-8, decoded; copy actions. */
export function DetailPane({ row, decode, onResend, onPartial }: Props) {
  const [preferred, setPreferred] = useState<View>('json');
  const [copied, setCopied] = useState('');
  const partial = row !== null && isPartial(row.event);
  useEffect(() => {
    if (row && partial) onPartial?.(row);
  }, [row, partial]);
  if (!row) return <div class={styles.empty}>Select a message to see its payload.</div>;
  const e = row.event;
  if (e.kind !== 'message') {
    return (
      <div class={styles.pane} data-role="detail">
        <div class={styles.meta}>{formatClock(e.time)} · {e.kind}</div>
        <pre class={styles.text}>{lifecycleText(e)}</pre>
      </div>
    );
  }
  const binary = e.opcode === 2;
  const bytes = binary ? base64ToBytes(e.data) : new TextEncoder().encode(e.data);
  const text = binary ? rowText(row) : e.data;
  const json = parseJson(text);
  const decoded = decode.detail(row);
  const views: View[] = [
    ...(decoded ? (['decoded'] as View[]) : []),
    ...(json.ok ? (['json'] as View[]) : []),
    ...(binary ? (['hex', 'utf8', 'base64'] as View[]) : (['text', 'hex', 'base64'] as View[])),
  ];
  const view = views.includes(preferred) ? preferred : views[0];
  const copy = (label: string, value: string) => {
    copyText(value);
    setCopied(label);
  };

  return (
    <div class={styles.pane} data-role="detail">
      <div class={styles.meta}>
        <span data-role="detail-size">{formatBytes(e.size)} ({e.size} bytes{binary ? '' : `, ${e.data.length} characters`})</span>
        <span>{e.dir === 'sent' ? '↑ sent' : '↓ received'} at {formatClock(e.time)}</span>
        {e.partial ? <span class={styles.warn} data-role="partial">first {formatBytes(bytes.length)} so far; the rest is on its way</span> : null}
        {e.truncated ? <span class={styles.warn}>payload kept in part (first {formatBytes(binary ? bytes.length : e.data.length)})</span> : null}
        {e.origin ? <span>{e.origin === 'devtools' ? 'sent from DevTools' : 'simulated incoming'}</span> : null}
        {e.bufferedAmount !== undefined ? <span>bufferedAmount {e.bufferedAmount}</span> : null}
      </div>
      <div class={styles.tabs} role="tablist">
        {views.map((v) => (
          <button key={v} role="tab" aria-selected={v === view} class={v === view ? styles.active : ''} data-view={v} onClick={() => setPreferred(v)}>
            {v === 'utf8' ? 'UTF-8' : v === 'json' ? 'JSON' : v[0].toUpperCase() + v.slice(1)}
          </button>
        ))}
        <span class={styles.spacer} />
        <button data-copy="text" disabled={partial} onClick={() => copy('text', text)}>Copy text</button>
        {json.ok ? <button data-copy="json" disabled={partial} onClick={() => copy('JSON', JSON.stringify(json.value, null, 2))}>Copy JSON</button> : null}
        <button data-copy="hex" disabled={partial} onClick={() => copy('hex', toHex(bytes))}>Copy hex</button>
        <button data-copy="base64" disabled={partial} onClick={() => copy('base64', binary ? e.data : bytesToBase64(bytes))}>Copy base64</button>
        {onResend ? <button data-action="resend" onClick={() => onResend(row)}>Resend…</button> : null}
        {copied ? <span class={styles.copied} data-role="copied">Copied {copied}</span> : null}
      </div>
      <div class={styles.body} data-role="detail-body" data-view={view}>
        {view === 'json' && json.ok ? <JsonTree value={json.value} /> : null}
        {view === 'decoded' && decoded ? (
          <div>
            <div class={styles.decodedSummary}>{decoded.summary}{decoded.note ? ` — ${decoded.note}` : ''}</div>
            <JsonTree value={decoded.value} />
          </div>
        ) : null}
        {view === 'text' || view === 'utf8' ? <pre class={styles.text}>{text.length > MAX_TEXT_VIEW ? text.slice(0, MAX_TEXT_VIEW) + '\n…' : text}</pre> : null}
        {view === 'hex' ? <pre class={styles.text} data-role="hexdump">{hexDump(bytes)}</pre> : null}
        {view === 'base64' ? <pre class={styles.text}>{binary ? e.data : bytesToBase64(bytes)}</pre> : null}
      </div>
    </div>
  );
}
