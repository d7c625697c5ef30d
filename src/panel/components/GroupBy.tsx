import { useMemo } from 'preact/hooks';
import type { DecodeState } from '../state/decode';
import type { FilterStore } from '../state/filter';
import { fieldNames, groupRows, rateOf } from '../model/group-by';
import { formatBytes } from '../model/format';
import { visibleText } from '../model/visible-text';
import styles from './GroupBy.module.css';

/**
 * The shown messages grouped by a decoded field (a Socket.IO event, a STOMP destination, a JSON
 * `type`…): messages, bytes and rate per value. A click on a group filters on it.
 */
export function GroupBy({ field, onField, filter, decode }: { field: string; onField: (f: string | null) => void; filter: FilterStore; decode: DecodeState }) {
  const shown = filter.visible.value;
  decode.version.value;
  const names = useMemo(() => fieldNames(shown, decode.fields), [shown, shown.count]);
  const grouping = useMemo(() => (field ? groupRows(shown, field, decode.fields) : null), [shown, shown.count, field]);
  return (
    <div class={styles.bar} data-role="group-by">
      <div class={styles.head}>
        <label>
          Group by{' '}
          <input aria-label="Group by field" list="group-by-fields" placeholder="field, e.g. event or type" value={field} onInput={(e) => onField((e.target as HTMLInputElement).value.trim())} />
        </label>
        <datalist id="group-by-fields">{names.map((n) => <option key={n} value={n} />)}</datalist>
        {grouping ? <span class={styles.muted}>{grouping.groups.length} groups{grouping.without ? `, ${grouping.without.toLocaleString()} messages without ${field}` : ''}</span> : null}
        <button aria-label="Close group by" onClick={() => onField(null)}>×</button>
      </div>
      {grouping && grouping.groups.length ? (
        <table class={styles.table} aria-label="Groups">
          <thead>
            <tr><th>{visibleText(field)}</th><th>Messages</th><th>Size</th><th>Rate</th></tr>
          </thead>
          <tbody>
            {grouping.groups.slice(0, 200).map((g) => {
              const rate = rateOf(g);
              return (
                <tr key={g.value} data-group={g.value} data-count={g.count} data-bytes={g.bytes} title={`Filter on ${field}:${g.value}`} onClick={() => filter.setInput(/\s/.test(g.value) ? filter.input.value : `${field}:${g.value}`)}>
                  <td class={styles.value}>{visibleText(g.value)}</td>
                  <td>{g.count.toLocaleString()}</td>
                  <td>{formatBytes(g.bytes)}</td>
                  <td>{rate === undefined ? '' : `${rate < 10 ? rate.toFixed(2) : Math.round(rate).toLocaleString()}/s`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
