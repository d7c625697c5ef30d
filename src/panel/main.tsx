import { render } from 'preact';
import { effect, signal } from '@preact/signals';
import browser from 'webextension-polyfill';
import { App } from './App';
import { connectToBackground } from './connection/background-connection';
import { createCaptureState } from './state/capture';
import { createComposerStore } from './state/composer';
import { createDecodeState } from './state/decode';
import { createProtobufSchemas } from './state/protobuf-schemas';
import { createFilterStore } from './state/filter';
import { createSelectionStore } from './state/selection';
import { createSocketTableStore } from './state/socket-table';
import { followDevToolsSearch } from './devtools-search';
import { followDevToolsTheme } from './theme';
import { LIMITS_KEY, readLimits } from '../core/limits';

const tabId = browser.devtools.inspectedWindow.tabId;
const dark = followDevToolsTheme();

const capture = createCaptureState(undefined, tabId);
void browser.storage.local.get(LIMITS_KEY).then((s) => capture.setLimits(readLimits(s[LIMITS_KEY])));
const schemas = createProtobufSchemas(browser.storage.local);
const decode = createDecodeState(capture, schemas);
const filter = createFilterStore(capture, decode);
void schemas.ready.then(() => {
  decode.redecode();
  filter.refresh();
});
const selection = createSelectionStore();
// The grid shows the selected socket's rows, or every socket's.
effect(() => {
  const key = selection.socket.value;
  filter.sockets.value = key ? new Set([key]) : null;
});
const table = createSocketTableStore(localStorage);
followDevToolsSearch(filter, selection);
const preserveLog = signal(localStorage.getItem('sockets.preserveLog') === 'true');
capture.setPreserveLog(preserveLog.value);

const connection = connectToBackground({
  tabId,
  cursors: () => capture.store.cursors(),
  onMessage: (m) => {
    capture.receive(m);
    composer.receive(m);
  },
  onSubscribed: () => capture.askAllFills(),
});
capture.sendWith(connection.send);
const composer = createComposerStore(capture, connection.send, tabId, browser.storage.local, schemas);
// The composer targets the socket selected in the list, when it is one it can send through.
effect(() => {
  const s = selection.socket.value ? capture.store.sockets.get(selection.socket.value) : undefined;
  if (s && !s.imported && s.state === 'open' && composer.socketKey.peek() !== s.key) {
    composer.socketKey.value = s.key;
    void composer.loadHistory();
  }
});
// A page that opens no socket has no relay to announce it: the earlier page's sockets go anyway.
browser.devtools.network.onNavigated.addListener(() => capture.navigatedTo(performance.timeOrigin + performance.now()));

function Root() {
  return (
    <App
      capture={capture}
      filter={filter}
      selection={selection}
      decode={decode}
      composer={composer}
      schemas={schemas}
      table={table}
      dark={dark.value}
      preserveLog={preserveLog.value}
      onPreserveLog={(on) => {
        preserveLog.value = on;
        localStorage.setItem('sockets.preserveLog', String(on));
        capture.setPreserveLog(on);
      }}
      onClear={() => {
        capture.clear();
        selection.row.value = null;
        connection.send({ type: 'clear', tabId });
      }}
    />
  );
}

render(<Root />, document.getElementById('app')!);
