import { useEffect, useRef } from 'preact/hooks';
import type { CaptureState } from '../state/capture';
import type { FilterStore } from '../state/filter';
import type { JSX } from 'preact';
import { SavedFilters } from './SavedFilters';
import type { InterceptStore } from '../state/intercept';
import { plural } from '../model/format';
import styles from './Toolbar.module.css';

interface Props {
  capture: CaptureState;
  filter: FilterStore;
  intercept: InterceptStore;
  /** Opens the Intercept tab. */
  onIntercept: () => void;
  /** Whether the Group by bar shows, and its toggle. */
  grouping: boolean;
  onGroupBy: () => void;
  preserveLog: boolean;
  onPreserveLog: (on: boolean) => void;
  onClear: () => void;
  children?: JSX.Element | JSX.Element[];
}

function Toggle({ on, onClick, children, title, name }: { on: boolean; onClick: () => void; children: string; title: string; name: string }) {
  return (
    <button class={`${styles.toggle} ${on ? styles.on : ''}`} aria-pressed={on} title={title} data-toggle={name} onClick={onClick}>
      {children}
    </button>
  );
}

/** Record, clear, preserve log, the filter box and its toggles. */
export function Toolbar({ capture, filter, intercept, onIntercept, grouping, onGroupBy, preserveLog, onPreserveLog, onClear, children }: Props) {
  const rules = intercept.activeRules.value;
  const breakpoints = intercept.breakpoints.value.filter((b) => b.enabled).length;
  const input = useRef<HTMLInputElement>(null);
  const recording = capture.recording.value;
  const dirs = filter.directions.value;
  const kinds = filter.kinds.value;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Where DevTools routes its own search box to the panel (Chrome), that box is the filter.
      if (document.documentElement.dataset.devtoolsSearch === 'on') return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class={styles.toolbar} role="toolbar">
      <button
        class={`${styles.icon} ${recording ? styles.recording : ''}`}
        title={recording ? 'Stop recording' : 'Record'}
        aria-label={recording ? 'Stop recording' : 'Record'}
        data-action="record"
        onClick={() => (capture.recording.value = !recording)}
      >
        ●
      </button>
      <button class={styles.icon} title="Clear (frees the memory)" aria-label="Clear" data-action="clear" onClick={onClear}>⊘</button>
      <label class={styles.check} title="Keep sockets of earlier pages across navigations">
        <input type="checkbox" checked={preserveLog} data-action="preserve-log" onChange={(e) => onPreserveLog((e.target as HTMLInputElement).checked)} />
        Preserve log
      </label>
      <span class={styles.sep} />
      <input
        ref={input}
        class={`${styles.filter} ${filter.error.value ? styles.invalid : ''}`}
        type="search"
        placeholder="Filter: text, /regex/, field:value, -exclude"
        aria-label="Filter"
        aria-invalid={filter.error.value ? 'true' : 'false'}
        title={filter.error.value ?? 'Text (case-insensitive), /regex/flags, decoded field:value (e.g. event:chat), -term to exclude'}
        value={filter.input.value}
        onInput={(e) => filter.setInput((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') filter.setInput('');
        }}
      />
      <SavedFilters filter={filter} />
      {filter.error.value ? <span class={styles.error} role="alert" data-role="filter-error">{filter.error.value}</span> : null}
      <Toggle name="invert" on={filter.invert.value} title="Show rows that do not match" onClick={() => (filter.invert.value = !filter.invert.value)}>Invert</Toggle>
      <span class={styles.sep} />
      <Toggle name="sent" on={dirs.sent} title="Sent messages" onClick={() => (filter.directions.value = { ...dirs, sent: !dirs.sent })}>↑ Sent</Toggle>
      <Toggle name="received" on={dirs.received} title="Received messages" onClick={() => (filter.directions.value = { ...dirs, received: !dirs.received })}>↓ Received</Toggle>
      <span class={styles.sep} />
      <Toggle name="text" on={kinds.text} title="Text frames" onClick={() => (filter.kinds.value = { ...kinds, text: !kinds.text })}>Text</Toggle>
      <Toggle name="binary" on={kinds.binary} title="Binary frames" onClick={() => (filter.kinds.value = { ...kinds, binary: !kinds.binary })}>Binary</Toggle>
      <Toggle name="lifecycle" on={kinds.lifecycle} title="Open, close, error and other lifecycle events" onClick={() => (filter.kinds.value = { ...kinds, lifecycle: !kinds.lifecycle })}>Events</Toggle>
      <span class={styles.sep} />
      <Toggle name="group-by" on={grouping} title="Group the shown messages by a decoded field, with counts, bytes and rate" onClick={onGroupBy}>Group by</Toggle>
      <Toggle name="hide-heartbeats" on={filter.hideHeartbeats.value} title="Hide each protocol's keep-alives (Engine.IO ping/pong, Phoenix heartbeat, GraphQL ping/pong/ka, STOMP heart-beats, SignalR and MQTT pings, Action Cable pings)" onClick={() => filter.setHideHeartbeats(!filter.hideHeartbeats.value)}>Hide heartbeats</Toggle>
      <span class={styles.spacer} />
      {rules || breakpoints ? (
        <button
          class={styles.active}
          data-role="intercept-active"
          data-armed={intercept.inEffect.value ? 'true' : 'false'}
          title={intercept.inEffect.value ? 'In effect in every frame with a socket. Open the Intercept tab' : 'Taking effect in the page… Open the Intercept tab'}
          onClick={onIntercept}
        >
          {[rules ? `${plural(rules, 'rule')} active` : '', breakpoints ? `${plural(breakpoints, 'breakpoint')} on` : ''].filter(Boolean).join(', ')}
        </button>
      ) : null}
      {children}
    </div>
  );
}
