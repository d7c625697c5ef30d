import { render } from 'preact';
import { signal } from '@preact/signals';
import browser from 'webextension-polyfill';
import { App } from './App';
import { connectToBackground } from './connection/background-connection';
import { createCaptureState } from './state/capture';
import { createDecodeState } from './state/decode';
import { createFilterStore } from './state/filter';
import { createSelectionStore } from './state/selection';
import { LIMITS_KEY, readLimits } from '../core/limits';

const tabId = browser.devtools.inspectedWindow.tabId;
const theme = (browser.devtools.panels as { themeName?: string }).themeName;
document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light';

const capture = createCaptureState();
void browser.storage.local.get(LIMITS_KEY).then((s) => capture.setLimits(readLimits(s[LIMITS_KEY])));
const decode = createDecodeState(capture);
const filter = createFilterStore(capture, decode);
const selection = createSelectionStore();
const preserveLog = signal(localStorage.getItem('sockets.preserveLog') === 'true');
capture.setPreserveLog(preserveLog.value);

const connection = connectToBackground({
  tabId,
  cursors: () => capture.store.cursors(),
  onMessage: (m) => capture.receive(m),
});

function Root() {
  return (
    <App
      capture={capture}
      filter={filter}
      selection={selection}
      decode={decode}
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
