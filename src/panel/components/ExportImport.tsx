import { useEffect, useRef, useState } from 'preact/hooks';
import { exportHar, harFileName } from '../../core/har/export';
import { DEFAULT_MAX_IMPORT_BYTES, importHar } from '../../core/har/import';
import type { SessionSnapshot } from '../../core/session';
import type { CaptureState } from '../state/capture';
import type { ConversationState } from '../state/conversation';
import type { FilterStore } from '../state/filter';
import type { SelectionStore } from '../state/selection';
import { snapshotOf, type ExportScope } from '../model/snapshot';
import { formatBytes, plural } from '../model/format';
import { download } from '../dom/download';
import styles from './ExportImport.module.css';

const VERSION = '0.1.0';

/** Saves a snapshot as a HAR file, once the payloads a flood deferred are whole (any still missing are exported cut, `_truncated`). */
export async function exportSockets(capture: CaptureState, conversation: ConversationState, snapshot: SessionSnapshot, onMessage: (kind: 'ok' | 'error', text: string) => void) {
  if (snapshot.sockets.length === 0) return onMessage('error', 'Nothing to export.');
  if (!(await capture.whole(snapshot.events))) onMessage('error', 'Some payloads could not be fetched from the page; they are exported in part.');
  conversation.catchUp();
  const har = exportHar(snapshot, { creatorVersion: VERSION, pairOf: conversation.harPair });
  download(harFileName(snapshot, new Date()), JSON.stringify(har, null, 2));
}

/** Export HAR (all, selected socket, filtered rows) and import HAR (file picker or drop on the panel). */
export function ExportImport({ capture, conversation, filter, selection, onMessage }: { capture: CaptureState; conversation: ConversationState; filter: FilterStore; selection: SelectionStore; onMessage: (kind: 'ok' | 'error', text: string) => void }) {
  const file = useRef<HTMLInputElement>(null);
  const [menu, setMenu] = useState(false);

  const exportScope = (scope: ExportScope) => {
    setMenu(false);
    return exportSockets(capture, conversation, snapshotOf(capture.store, scope, selection.socket.value, filter.visible.value), onMessage);
  };

  const importFile = async (f: File) => {
    // Checked before reading: a file's text costs the panel about twice its size in memory.
    if (f.size > DEFAULT_MAX_IMPORT_BYTES) return onMessage('error', `Could not import ${f.name}: it is too large (${formatBytes(f.size)}; the import limit is ${formatBytes(DEFAULT_MAX_IMPORT_BYTES)}).`);
    const started = performance.now();
    const result = importHar(await f.text(), { label: f.name });
    performance.measure('sockets:import', { start: started });
    if (!result.ok) return onMessage('error', `Could not import ${f.name}: ${result.error}`);
    capture.store.addImported(result.snapshot.sockets, result.snapshot.events);
    capture.changed();
    const messages = result.snapshot.events.filter((e) => e.event.kind === 'message').length;
    onMessage('ok', `Imported ${plural(result.snapshot.sockets.length, 'socket')}, ${plural(messages, 'message')} from ${f.name}${result.warnings.length ? ` (${plural(result.warnings.length, 'warning')}: ${result.warnings[0]})` : ''}.`);
  };

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      const f = e.dataTransfer?.files[0];
      if (!f) return;
      e.preventDefault();
      void importFile(f);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <span class={styles.wrap}>
      <button class={styles.button} data-action="export" title="Export as HAR" onClick={() => setMenu(!menu)}>Export HAR ▾</button>
      {menu ? (
        <span class={styles.menu} role="menu">
          <button role="menuitem" data-export="all" onClick={() => void exportScope('all')}>All sockets</button>
          <button role="menuitem" data-export="selected" disabled={!selection.socket.value} onClick={() => void exportScope('selected')}>Selected socket</button>
          <button role="menuitem" data-export="filtered" onClick={() => void exportScope('filtered')}>What the filter shows</button>
        </span>
      ) : null}
      <button class={styles.button} data-action="import" title="Import a HAR file (or drop one on the panel)" onClick={() => file.current?.click()}>Import HAR</button>
      <input
        ref={file}
        type="file"
        accept=".har,application/json"
        data-role="import-file"
        hidden
        onChange={(e) => {
          const f = (e.target as HTMLInputElement).files?.[0];
          if (f) void importFile(f);
          (e.target as HTMLInputElement).value = '';
        }}
      />
    </span>
  );
}
