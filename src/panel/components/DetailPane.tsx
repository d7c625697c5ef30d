import type { JSX } from 'preact';
import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { bytesToBase64 } from '../../core/encoding';
import { bytesOf } from '../../core/payload';
import type { SessionEvent } from '../../core/session';
import { isPartial, type MessageEvent } from '../../core/model';
import type { ConversationState } from '../state/conversation';
import type { DecodeState } from '../state/decode';
import type { Decoded } from '../../core/decoders';
import { copyText } from '../dom/clipboard';
import { formatBytes, formatClock, formatDuration, formatLatency } from '../model/format';
import { hexDump, toHex } from '../model/hexdump';
import { lifecycleText, rowText } from '../model/row-text';
import { visibleText } from '../model/visible-text';
import { INTERCEPT_MARK_TEXT } from '../model/intercept-marks';
import { JsonTree } from './JsonTree';
import { ProtobufView } from './ProtobufView';
import type { PbMessage } from '../../core/decoders/protobuf-tree';
import styles from './DetailPane.module.css';

type View = 'text' | 'json' | 'hex' | 'base64' | 'utf8' | 'decoded';

/** Above this size a payload opens as capped text; its JSON tree is built when asked for. */
const BIG_PAYLOAD = 1 << 20;
/** What each view shows at first; "Show more" shows four times as much each time. */
const FIRST_SHOWN: Record<'text' | 'hex' | 'base64', number> = { text: 256 * 1024, hex: 64 * 1024, base64: 256 * 1024 };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text);

/**
 * The decoded message's headline: its decoder and fields (type, event, channel…), whole. The
 * grid's one-line summary previews the payload cut short; here the tree below shows all of it.
 */
const headline = (d: Decoded) =>
  [d.decoder, ...Object.entries(d.fields).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [`${k} ${String(v)}`]))].join(' · ');

interface Props {
  row: SessionEvent | null;
  decode: DecodeState;
  conversation: ConversationState;
  /** Selects the row's response or request. */
  onGoToPair: (row: SessionEvent) => void;
  onResend?: (row: SessionEvent) => void;
  /** Asks for the rest of a partial payload. */
  onPartial?: (row: SessionEvent) => void;
  /** The capture's version: a fill completes the selected row in place, so a partial row follows it. */
  captured: ReadonlySignal<number>;
}

/** The selected row in full: text, JSON tree, hex dump, base64, UTF-8, decoded; copy actions. */

export function DetailPane({ row, decode, conversation, onGoToPair, onResend, onPartial, captured }: Props) {
  const [chosen, setChosen] = useState<View | null>(null);
  const partial = row !== null && isPartial(row.event);
  // Only while waiting: a whole row needs no render per batch.
  if (partial) void captured.value;
  useEffect(() => {
    if (row && partial) onPartial?.(row);
  }, [row, partial]);
  if (!row) return <div class={styles.empty}>Select a message to see its payload.</div>;
  const e = row.event;
  if (e.kind !== 'message') {
    return (
      <div class={styles.pane} data-role="detail">
        <div class={styles.meta}>{formatClock(e.time)} · {e.kind}</div>
        <pre class={styles.text}>{visibleText(lifecycleText(e), true)}</pre>
      </div>
    );
  }
  // One message's state (what is shown of it, what was copied) goes with it.
  return <MessageDetail key={`${row.socketKey}#${e.seq}#${e.data.length}`} row={row} e={e} decode={decode} pair={<PairLine row={row} conversation={conversation} onGoToPair={onGoToPair} />} chosen={chosen} onChoose={setChosen} partial={partial} onResend={onResend} />;
}

/** The row's place in a request↔response pair: the latency and a way to the other half. */
function PairLine({ row, conversation, onGoToPair }: { row: SessionEvent; conversation: ConversationState; onGoToPair: (row: SessionEvent) => void }) {
  conversation.version.value;
  conversation.catchUp();
  const info = conversation.info(row);
  if (!info) return null;
  const request = info.role === 'request';
  let text: string;
  if (info.latency !== undefined) text = request ? `answered after ${formatLatency(info.latency)}` : `answers a request sent ${formatLatency(info.latency)} before`;
  else text = conversation.unanswered(row) ? 'request: no response' : info.cancelled ? 'request: cancelled without a response' : 'request: awaiting its response';
  return (
    <span data-role="pair" data-latency={info.latency}>
      {text}
      {info.pair ? <button class={styles.link} data-action="go-to-pair" onClick={() => onGoToPair(row)}>{request ? 'Go to response' : 'Go to request'}</button> : null}
    </span>
  );
}

interface DetailProps {
  row: SessionEvent;
  e: MessageEvent;
  decode: DecodeState;
  pair: JSX.Element;
  chosen: View | null;
  onChoose: (v: View) => void;
  partial: boolean;
  onResend?: (row: SessionEvent) => void;
}

function MessageDetail({ row, e, decode, pair, chosen, onChoose, partial, onResend }: DetailProps) {
  const [copied, setCopied] = useState('');
  const [shown, setShown] = useState(FIRST_SHOWN);
  const binary = e.opcode === 2;
  const big = e.size > BIG_PAYLOAD;
  const bytes = useMemo(() => bytesOf(e), [e.data]);
  const text = binary ? rowText(row) : e.data;
  const jsonLike = looksLikeJson(text);
  const [jsonAsked, setJsonAsked] = useState(false);
  const json = useMemo(() => (jsonLike && (!big || jsonAsked) ? parseJson(text) : null), [text, jsonAsked]);
  const decoded = useMemo(() => (big ? null : decode.detail(row)), [e.data, decode.version.value]);
  const views: View[] = [
    ...(decoded ? (['decoded'] as View[]) : []),
    ...(jsonLike && json?.ok !== false ? (['json'] as View[]) : []),
    ...(binary ? (['hex', 'utf8', 'base64'] as View[]) : (['text', 'hex', 'base64'] as View[])),
  ];
  // A big payload opens as text; otherwise the JSON tree first, as before any choice.
  const opening = big ? views.find((v) => v !== 'json' && v !== 'decoded')! : views.includes('json') ? 'json' : views[0];
  const view = chosen && views.includes(chosen) ? chosen : opening;
  const copy = (label: string, value: () => string) => {
    copyText(value());
    setCopied(label);
  };
  const more = (kind: keyof typeof FIRST_SHOWN, length: number) =>
    length > shown[kind] ? (
      <button class={styles.more} data-action="show-more" onClick={() => setShown({ ...shown, [kind]: shown[kind] * 4 })}>
        Show more ({(length - shown[kind]).toLocaleString()} {kind === 'hex' ? 'bytes' : 'characters'} not shown)
      </button>
    ) : null;
  const base64 = view === 'base64' ? bytesToBase64(bytes.subarray(0, Math.ceil(shown.base64 / 4) * 3)) : '';
  const base64Length = Math.ceil(bytes.length / 3) * 4;

  return (
    <div class={styles.pane} data-role="detail">
      <div class={styles.meta}>
        <span data-role="detail-size">{formatBytes(e.size)} ({e.size} bytes{binary ? '' : `, ${e.data.length} characters`})</span>
        <span>{e.dir === 'sent' ? '↑ sent' : '↓ received'} at {formatClock(e.time)}</span>
        {e.partial ? <span class={styles.warn} data-role="partial">first {formatBytes(bytes.length)} so far; the rest is on its way</span> : null}
        {e.truncated ? <span class={styles.warn}>payload kept in part (first {formatBytes(binary ? bytes.length : e.data.length)})</span> : null}
        {e.origin ? <span>{e.origin === 'devtools' ? 'sent from DevTools' : 'simulated incoming'}</span> : null}
        {e.bufferedAmount !== undefined ? <span>bufferedAmount {e.bufferedAmount}</span> : null}
        {e.intercept ? <span class={styles.warn} data-role="detail-intercept">{INTERCEPT_MARK_TEXT[e.intercept].note}{e.delay ? `, held back ${formatDuration(e.delay)}` : ''}</span> : null}
        {pair}
      </div>
      {e.original ? (
        <details class={styles.original} open data-role="original">
          <summary>Before ({formatBytes(e.original.size)}) → after: the message below</summary>
          <pre class={styles.text}>{e.original.opcode === 1 ? visibleText(e.original.data, true) : hexDump(e.original.data, 4096)}</pre>
        </details>
      ) : null}
      <div class={styles.tabs} role="tablist">
        {views.map((v) => (
          <button key={v} role="tab" aria-selected={v === view} class={v === view ? styles.active : ''} data-view={v} onClick={() => onChoose(v)}>
            {v === 'utf8' ? 'UTF-8' : v === 'json' ? 'JSON' : v[0].toUpperCase() + v.slice(1)}
          </button>
        ))}
        <span class={styles.spacer} />
        <button data-copy="text" disabled={partial} onClick={() => copy('text', () => text)}>Copy text</button>
        {jsonLike && json?.ok !== false ? <button data-copy="json" disabled={partial} onClick={() => copy('JSON', () => JSON.stringify(JSON.parse(text), null, 2))}>Copy JSON</button> : null}
        <button data-copy="hex" disabled={partial} onClick={() => copy('hex', () => toHex(bytes))}>Copy hex</button>
        <button data-copy="base64" disabled={partial} onClick={() => copy('base64', () => bytesToBase64(bytes))}>Copy base64</button>
        {onResend ? <button data-action="resend" onClick={() => onResend(row)}>Resend…</button> : null}
        {copied ? <span class={styles.copied} data-role="copied">Copied {copied}</span> : null}
      </div>
      <div class={styles.body} data-role="detail-body" data-view={view}>
        {view === 'json' && json?.ok ? <JsonTree value={json.value} /> : null}
        {view === 'json' && !json ? (
          <div class={styles.onDemand}>
            <button data-action="parse-json" onClick={() => setJsonAsked(true)}>Show {formatBytes(e.size)} as a JSON tree</button>
          </div>
        ) : null}
        {view === 'decoded' && decoded ? (
          <div>
            <div class={styles.decodedSummary} data-role="decoded-headline">{visibleText(headline(decoded))}{decoded.note ? ` — ${decoded.note}` : ''}</div>
            {decoded.decoder === 'protobuf' && decoded.value ? <ProtobufView message={decoded.value as PbMessage} bytes={bytes} /> : <JsonTree value={decoded.value} />}
          </div>
        ) : null}
        {view === 'text' || view === 'utf8' ? <pre class={styles.text}>{visibleText(text.length > shown.text ? text.slice(0, shown.text) : text, true)}</pre> : null}
        {view === 'text' || view === 'utf8' ? more('text', text.length) : null}
        {view === 'hex' ? <pre class={styles.text} data-role="hexdump">{hexDump(bytes, shown.hex)}</pre> : null}
        {view === 'hex' ? more('hex', bytes.length) : null}
        {view === 'base64' ? <pre class={styles.text}>{base64.length > shown.base64 ? base64.slice(0, shown.base64) : base64}</pre> : null}
        {view === 'base64' ? more('base64', base64Length) : null}
      </div>
    </div>
  );
}
