import { useState } from 'preact/hooks';
import type { PbMessage, PbNode } from '../../core/decoders/protobuf-tree';
import { visibleText } from '../model/visible-text';
import styles from './ProtobufView.module.css';

type Range = [number, number];

/** What the hex view shows of a message: Protobuf payloads are small, a big one shows its start. */
const HEX_SHOWN = 16 * 1024;

const show = (v: unknown): string => (Array.isArray(v) ? `[${v.map(show).join(', ')}]` : typeof v === 'string' ? JSON.stringify(v) : String(v));

function FieldRow({ node, path, selected, onSelect }: { node: PbNode; path: string; selected: string | null; onSelect: (path: string, at: Range) => void }) {
  const [open, setOpen] = useState(true);
  const readings = node.readings ? Object.entries(node.readings).map(([k, v]) => `${k} ${show(v)}`).join(' · ') : '';
  return (
    <div class={styles.field} role="treeitem" aria-selected={selected === path} aria-expanded={node.fields ? open : undefined} data-role="pb-field" data-path={path} data-no={node.no}>
      <div
        class={styles.row}
        tabIndex={0}
        onClick={() => onSelect(path, node.at)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onSelect(path, node.at);
          } else if (node.fields && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) setOpen(e.key === 'ArrowRight');
        }}
      >
        <span class={styles.toggle} onClick={() => setOpen(!open)}>{node.fields ? (open ? '▾' : '▸') : ''}</span>
        <span class={styles.no}>{node.no}</span>
        {node.name ? <span> {visibleText(node.name)}</span> : null}
        <span class={styles.type}> {visibleText(node.type)}</span>
        {node.value !== undefined ? <span class={typeof node.value === 'string' && node.type !== 'bytes' ? styles.string : styles.number}> {visibleText(show(node.value))}</span> : null}
        {readings ? <span class={styles.readings}> ({visibleText(readings)})</span> : null}
      </div>
      {node.fields && open ? (
        <div class={styles.children} role="group">
          {node.fields.map((f, i) => <FieldRow key={i} node={f} path={`${path}.${i}`} selected={selected} onSelect={onSelect} />)}
        </div>
      ) : null}
    </div>
  );
}

/** One hex dump line, the bytes of `range` marked (in the hex and the ASCII columns). */
function HexLine({ bytes, off, range }: { bytes: Uint8Array; off: number; range: Range | null }) {
  const end = Math.min(off + 16, bytes.length);
  const hex: (string | preact.JSX.Element)[] = [];
  const ascii: (string | preact.JSX.Element)[] = [];
  for (let i = 0; i < 16; i++) {
    const at = off + i;
    const h = at < end ? bytes[at].toString(16).padStart(2, '0') : '  ';
    const a = at < end ? (bytes[at] >= 0x20 && bytes[at] < 0x7f ? String.fromCharCode(bytes[at]) : '.') : '';
    const marked = range !== null && at >= range[0] && at < range[1];
    hex.push(marked ? <mark key={i} data-col="hex">{h}</mark> : h, i === 7 ? '  ' : ' ');
    ascii.push(marked ? <mark key={i}>{a}</mark> : a);
  }
  return <>{off.toString(16).padStart(8, '0')}  {hex}|{ascii}|{'\n'}</>;
}

/** A Protobuf message as a tree of fields; selecting one marks its bytes in the hex dump below. */
export function ProtobufView({ message, bytes }: { message: PbMessage; bytes: Uint8Array }) {
  const [selected, setSelected] = useState<{ path: string; at: Range } | null>(null);
  const shown = Math.min(bytes.length, HEX_SHOWN);
  const lines: number[] = [];
  for (let off = 0; off < shown; off += 16) lines.push(off);
  const range = selected?.at ?? null;
  return (
    <div class={styles.view}>
      <div class={styles.tree} role="tree" data-role="pb-tree">
        {message.type ? <div class={styles.type}>{visibleText(message.type)}</div> : null}
        {message.fields.map((f, i) => <FieldRow key={i} node={f} path={String(i)} selected={selected?.path ?? null} onSelect={(path, at) => setSelected({ path, at })} />)}
      </div>
      <pre class={styles.hex} data-role="pb-hex" data-range={range ? range.join('-') : ''}>
        {lines.map((off) => <HexLine key={off} bytes={bytes} off={off} range={range && range[0] < off + 16 && range[1] > off ? range : null} />)}
        {bytes.length > shown ? `… ${bytes.length - shown} more bytes` : null}
      </pre>
    </div>
  );
}
