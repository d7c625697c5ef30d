import { useState } from 'preact/hooks';
import { visibleText } from '../model/visible-text';
import styles from './JsonTree.module.css';

interface NodeProps {
  name?: string;
  value: unknown;
  depth: number;
}

function Leaf({ value }: { value: unknown }) {
  if (value === null) return <span class={styles.null}>null</span>;
  switch (typeof value) {
    case 'string':
      return <span class={styles.string}>{visibleText(JSON.stringify(value))}</span>;
    case 'number':
    case 'bigint':
      return <span class={styles.number}>{String(value)}</span>;
    case 'boolean':
      return <span class={styles.boolean}>{String(value)}</span>;
    default:
      return <span>{String(value)}</span>;
  }
}

function JsonNode({ name, value, depth }: NodeProps) {
  const isContainer = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < 3);
  const label = name !== undefined ? <span class={styles.key}>{visibleText(name)}: </span> : null;
  if (!isContainer) {
    return (
      <div class={styles.node} role="treeitem">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
  const summary = Array.isArray(value) ? `Array(${entries.length})` : `{${entries.length} keys}`;
  return (
    <div class={styles.node} role="treeitem" aria-expanded={open}>
      <span class={styles.toggle} onClick={() => setOpen(!open)} data-role="json-toggle">
        {open ? '▾' : '▸'} {label}
        <span class={styles.summary}>{summary}</span>
      </span>
      {open ? (
        <div class={styles.children} role="group">
          {entries.slice(0, 1000).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {entries.length > 1000 ? <div class={styles.summary}>… {entries.length - 1000} more</div> : null}
        </div>
      ) : null}
    </div>
  );
}

/** A collapsible tree of a JSON value; page data is rendered as text nodes only. */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <div class={styles.tree} role="tree" data-role="json-tree">
      <JsonNode value={value} depth={0} />
    </div>
  );
}
