import { useState } from 'preact/hooks';
import type { ComposerFormat } from '../../core/composer/payload';
import { prettyJson } from '../../core/composer/payload';
import type { CaptureState } from '../state/capture';
import { unavailableReason, type ComposerStore } from '../state/composer';
import { CodeEditor } from './CodeEditor';
import styles from './Composer.module.css';

const FORMATS: { id: ComposerFormat; label: string }[] = [
  { id: 'text', label: 'Text' },
  { id: 'json', label: 'JSON' },
  { id: 'hex', label: 'Binary (hex)' },
  { id: 'base64', label: 'Binary (base64)' },
];

/** Sends, re-sends and simulates messages through the page's own sockets. */
export function Composer({ composer, capture, dark }: { composer: ComposerStore; capture: CaptureState; dark: boolean }) {
  capture.version.value;
  const [times, setTimes] = useState(5);
  const [interval, setIntervalMs] = useState(1000);
  const [name, setName] = useState('');
  const sockets = [...capture.store.sockets.values()];
  const selected = composer.socket();
  const reason = selected ? unavailableReason(selected) : 'pick a socket';
  const parsed = composer.parsed.value;
  const status = composer.status.value;
  const repeating = composer.repeating.value;
  const canSend = !reason && parsed.ok && !repeating;

  return (
    <div class={styles.composer} data-role="composer">
      <div class={styles.row}>
        <label>
          Socket{' '}
          <select
            data-role="composer-socket"
            value={composer.socketKey.value ?? ''}
            onChange={(e) => {
              composer.socketKey.value = (e.target as HTMLSelectElement).value || null;
              void composer.loadHistory();
            }}
          >
            <option value="">— pick a socket —</option>
            {sockets.map((s) => {
              const why = unavailableReason(s);
              return (
                <option key={s.key} value={s.key} disabled={!!why}>
                  {s.url}{why ? ` (${why})` : ''}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          Format{' '}
          <select data-role="composer-format" value={composer.format.value} onChange={(e) => composer.switchFormat((e.target as HTMLSelectElement).value as ComposerFormat)}>
            {FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
          </select>
        </label>
        {composer.format.value === 'json' ? <button onClick={() => composer.replaceText(prettyJson(composer.text.value))}>Pretty-print</button> : null}
        {composer.format.value === 'json' && composer.protobufTypes?.value.length ? (
          <label>
            Encode as{' '}
            <select data-role="composer-protobuf-type" value={composer.protobufType.value} onChange={(e) => (composer.protobufType.value = (e.target as HTMLSelectElement).value)}>
              <option value="">JSON text</option>
              {composer.protobufTypes.value.map((t) => <option key={t} value={t}>Protobuf {t}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      <div class={styles.editor}>
        <CodeEditor value={composer.text.value} revision={composer.revision.value} language={composer.format.value === 'json' ? 'json' : 'plain'} dark={dark} label="Message to send" onChange={(v) => (composer.text.value = v)} />
      </div>
      <div class={styles.row}>
        {!parsed.ok && composer.text.value !== '' ? (
          <span class={styles.error} data-role="composer-validation">{parsed.error}{parsed.position !== undefined ? ` (at ${parsed.position})` : ''}</span>
        ) : (
          <span class={styles.muted}>{parsed.ok ? `${parsed.size} bytes, ${parsed.binary ? 'binary frame' : 'text frame'}` : ''}</span>
        )}
      </div>
      <div class={styles.row}>
        <button class={styles.primary} data-action="composer-send" disabled={!canSend} title={reason ?? ''} onClick={() => void composer.submit('send')}>Send</button>
        <button data-action="composer-simulate" disabled={!canSend} title="Deliver to the page as if the server had sent it; nothing goes to the server" onClick={() => void composer.submit('simulate')}>
          Simulate incoming
        </button>
        <span class={styles.sep} />
        {repeating ? (
          <>
            <span data-role="composer-repeat">{repeating.done}/{repeating.total}</span>
            <button data-action="composer-stop" onClick={() => composer.stop()}>Stop</button>
          </>
        ) : (
          <>
            <input type="number" min={1} max={100000} value={times} aria-label="Times" onInput={(e) => setTimes(Number((e.target as HTMLInputElement).value))} /> times every
            <input type="number" min={0} value={interval} aria-label="Interval in ms" onInput={(e) => setIntervalMs(Number((e.target as HTMLInputElement).value))} /> ms
            <button data-action="composer-repeat" disabled={!canSend} onClick={() => composer.repeat('send', times, interval)}>Repeat</button>
          </>
        )}
      </div>
      {selected && reason ? <div class={styles.error} data-role="composer-unavailable">Cannot send: {reason}.</div> : null}
      {status.message ? <div class={status.kind === 'error' ? styles.error : styles.ok} data-role="composer-status" data-status={status.kind}>{status.message}</div> : null}
      <div class={styles.lists}>
        <div>
          <div class={styles.listHead}>
            <b>History</b>
            <button onClick={() => void composer.clearHistory()} disabled={composer.history.value.length === 0}>Clear</button>
          </div>
          {composer.history.value.map((h, i) => (
            <button key={i} class={styles.item} onClick={() => composer.load(h)} title={h.text}>{h.format}: {h.text.slice(0, 80)}</button>
          ))}
        </div>
        <div>
          <div class={styles.listHead}>
            <b>Saved</b>
            <input placeholder="name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            <button disabled={!name} onClick={() => void composer.save(name).then(() => setName(''))}>Save</button>
          </div>
          {composer.saved.value.map((s) => (
            <div key={s.name} class={styles.savedRow}>
              <button class={styles.item} onClick={() => composer.load(s)} title={s.text}>{s.name}</button>
              <button onClick={() => void composer.removeSaved(s.name!)} aria-label={`Delete ${s.name}`}>×</button>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
