import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DEFAULT_LIMITS, LIMITS_KEY, readLimits, type Limits } from '../../core/limits';
import type { CaptureState } from '../state/capture';
import { formatBytes } from '../model/format';
import styles from './Settings.module.css';

const MIB = 1024 * 1024;

/** Each bound as the form shows it: a count, or bytes in MiB. */
const FIELDS: { key: keyof Limits; label: string; mib?: true; group: 'unwatched' | 'watched' }[] = [
  { key: 'unwatchedHead', label: 'First messages kept per socket', group: 'unwatched' },
  { key: 'unwatchedMessages', label: 'Recent messages kept per document', group: 'unwatched' },
  { key: 'unwatchedBytes', label: 'Memory per document (MiB)', mib: true, group: 'unwatched' },
  { key: 'maxEvents', label: 'Events kept per document and in this panel', group: 'watched' },
  { key: 'maxBytes', label: 'Memory per document and for this panel (MiB)', mib: true, group: 'watched' },
  { key: 'maxPayloadBytes', label: 'Largest payload kept whole (MiB)', mib: true, group: 'watched' },
];

const shown = (limits: Limits) => Object.fromEntries(FIELDS.map((f) => [f.key, String(f.mib ? limits[f.key] / MIB : limits[f.key])])) as Record<keyof Limits, string>;

/** The memory bounds (a setting in extension storage), and what this tab's documents use now. */
export function Settings({ capture }: { capture: CaptureState }) {
  const [form, setForm] = useState(shown(DEFAULT_LIMITS));
  const [status, setStatus] = useState('');
  // The stored bounds replace the defaults shown, unless the user has started editing them.
  const edited = useRef(false);
  useEffect(() => {
    void browser.storage.local.get(LIMITS_KEY).then((s) => edited.current || setForm(shown(readLimits(s[LIMITS_KEY]))));
  }, []);
  capture.version.value;

  const parsed = (): Limits => {
    const raw = Object.fromEntries(FIELDS.map((f) => [f.key, Math.round(Number(form[f.key]) * (f.mib ? MIB : 1))]));
    return readLimits(raw);
  };
  const save = async (limits: Limits | undefined) => {
    if (limits) await browser.storage.local.set({ [LIMITS_KEY]: limits });
    else await browser.storage.local.remove(LIMITS_KEY);
    const applied = limits ?? DEFAULT_LIMITS;
    capture.setLimits(applied);
    setForm(shown(applied));
    setStatus('Saved. Pages apply the new bounds from their next load.');
  };

  const field = (f: (typeof FIELDS)[number]) => (
    <label class={styles.field} key={f.key}>
      <span>{f.label}</span>
      <input type="number" min={f.key === 'unwatchedHead' ? 0 : 1} step="any" value={form[f.key]} data-setting={f.key}
        onInput={(e) => {
          edited.current = true;
          setForm({ ...form, [f.key]: (e.target as HTMLInputElement).value });
        }} />
    </label>
  );
  const docs = [...capture.store.docs.values()];

  return (
    <div class={styles.settings} data-role="settings">
      <h3>While DevTools is closed</h3>
      <p class={styles.hint}>Until a Sockets panel watches a page, each socket keeps its lifecycle and first messages, plus the page's most recent messages.</p>
      {FIELDS.filter((f) => f.group === 'unwatched').map(field)}
      <h3>Once the Sockets panel watches</h3>
      {FIELDS.filter((f) => f.group === 'watched').map(field)}
      <div class={styles.actions}>
        <button data-action="save-settings" onClick={() => void save(parsed())}>Save</button>
        <button data-action="reset-settings" onClick={() => void save(undefined)}>Reset to defaults</button>
        <span class={styles.status} role="status">{status}</span>
      </div>
      <h3>Memory in use</h3>
      <table class={styles.usage}>
        <tbody>
          <tr data-role="panel-memory"><td class={styles.url}>This panel</td><td>{formatBytes(capture.store.bytes)}</td></tr>
          {docs.map((d) => (
            <tr key={d.doc} data-role="document-memory">
              <td class={styles.url} title={d.docUrl}>{d.top ? 'Page' : 'Frame'}: {d.docUrl}</td>
              <td>{d.memory === undefined ? '—' : formatBytes(d.memory)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
