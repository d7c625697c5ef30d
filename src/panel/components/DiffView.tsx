import { useMemo } from 'preact/hooks';
import { compareMessages, type DiffSide } from '../../core/diff/message-diff';
import { bytesOf } from '../../core/payload';
import type { MessageEvent } from '../../core/model';
import type { SessionEvent } from '../../core/session';
import type { DecodeState } from '../state/decode';
import { formatClock } from '../model/format';
import { visibleText } from '../model/visible-text';
import styles from './DiffView.module.css';

/** Larger messages are not compared: a diff of megabytes would hold the panel for seconds. */
const MAX_COMPARED = 1 << 20;
const VALUE_SHOWN = 300;

const sideOf = (row: SessionEvent, decode: DecodeState): DiffSide => {
  const e = row.event as MessageEvent;
  const binary = e.opcode === 2;
  return { binary, text: e.opcode === 1 ? e.data : '', bytes: bytesOf(e), decoded: decode.detail(row) };
};

const shown = (v: unknown) => {
  const s = v === undefined ? '' : JSON.stringify(v) ?? String(v);
  return visibleText(s.length > VALUE_SHOWN ? `${s.slice(0, VALUE_SHOWN - 1)}…` : s);
};

const label = (e: MessageEvent) => `${e.dir === 'sent' ? '↑' : '↓'} ${formatClock(e.time)}`;

/** How the second of two messages differs from the first: changed paths for decoded or JSON messages, else the text or bytes. */
export function DiffView({ a, b, decode, onClose }: { a: SessionEvent; b: SessionEvent; decode: DecodeState; onClose: () => void }) {
  const ea = a.event as MessageEvent;
  const eb = b.event as MessageEvent;
  const tooBig = ea.size > MAX_COMPARED || eb.size > MAX_COMPARED;
  const diff = useMemo(() => (tooBig ? null : compareMessages(sideOf(a, decode), sideOf(b, decode))), [a, b, decode.version.value]);
  const basis = diff?.kind === 'json' ? diff.basis : diff?.kind;
  return (
    <div class={styles.view} data-role="diff-view" data-basis={basis ?? ''}>
      <div class={styles.head}>
        <span>{label(ea)} → {label(eb)}</span>
        {basis && basis !== 'too-different' ? <span>compared as {basis}</span> : null}
        <button data-action="close-diff" onClick={onClose}>Close</button>
      </div>
      {tooBig ? <div class={styles.none}>Messages over {MAX_COMPARED / (1 << 20)} MiB are not compared.</div> : null}
      {diff?.kind === 'too-different' ? <div class={styles.none}>The messages differ too much to show their differences.</div> : null}
      {diff?.kind === 'json' && diff.changes.length === 0 ? <div class={styles.none} data-role="diff-none">No differences.</div> : null}
      {diff?.kind === 'json' && diff.changes.length > 0 ? (
        <table class={styles.table}>
          <thead>
            <tr><th>Path</th><th>Before</th><th>After</th></tr>
          </thead>
          <tbody>
            {diff.changes.map((c) => (
              <tr key={c.path} data-role="diff-entry" data-change={c.change} data-path={c.path} class={c.change === 'added' ? styles.added : c.change === 'removed' ? styles.removed : ''}>
                <td>{visibleText(c.path || '(whole value)')}</td>
                <td>{c.change === 'added' ? '—' : shown(c.before)}</td>
                <td>{c.change === 'removed' ? '—' : shown(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {diff?.kind === 'text' || diff?.kind === 'hex' ? (
        <pre class={styles.text} data-role="diff-text">
          {diff.parts.map((p, i) => {
            const t = visibleText(diff.kind === 'hex' ? `${p.value} ` : p.value, true);
            return p.change === 'added' ? <ins key={i}>{t}</ins> : p.change === 'removed' ? <del key={i}>{t}</del> : <span key={i}>{t}</span>;
          })}
        </pre>
      ) : null}
    </div>
  );
}
