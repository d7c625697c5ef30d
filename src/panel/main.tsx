import { render } from 'preact';
import { effect, signal } from '@preact/signals';
import browser from 'webextension-polyfill';
import { App } from './App';
import { connectToBackground } from './connection/background-connection';
import { createCaptureState } from './state/capture';
import { createComposerStore } from './state/composer';
import { createInterceptStore } from './state/intercept';
import { createConversationState } from './state/conversation';
import { createDecodeState } from './state/decode';
import { createProtobufSchemas } from './state/protobuf-schemas';
import { createFilterStore } from './state/filter';
import { createSelectionStore } from './state/selection';
import { createSocketTableStore } from './state/socket-table';
import { followDevToolsSearch } from './devtools-search';
import { followDevToolsTheme } from './theme';
import { LIMITS_KEY, readLimits } from '../core/limits';
import type { StackFrame } from '../core/model';

const tabId = browser.devtools.inspectedWindow.tabId;
const dark = followDevToolsTheme();

const capture = createCaptureState(undefined, tabId);
void browser.storage.local.get(LIMITS_KEY).then((s) => capture.setLimits(readLimits(s[LIMITS_KEY])));
const schemas = createProtobufSchemas(browser.storage.local);
const decode = createDecodeState(capture, schemas);
const conversation = createConversationState(capture, decode);
const filter = createFilterStore(capture, decode, conversation, localStorage);
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

/** Unset at the first subscription, which comes before the intercept store (it announces itself). */
let announceIntercept: (() => void) | undefined;
const connection = connectToBackground({
  tabId,
  cursors: () => capture.store.cursors(),
  onMessage: (m) => {
    capture.receive(m);
    composer.receive(m);
    intercept.receive(m);
  },
  onSubscribed: () => {
    capture.askAllFills();
    announceIntercept?.();
  },
});
capture.sendWith(connection.send);
const composer = createComposerStore(capture, connection.send, tabId, browser.storage.local, schemas);
const intercept = createInterceptStore(capture, decode, connection.send, tabId, browser.storage.local);
announceIntercept = intercept.resubscribed;
// Rules are kept per origin of the inspected page.
const loadRules = () =>
  void browser.devtools.inspectedWindow.eval('location.origin').then(
    ([origin]) => (typeof origin === 'string' && origin !== intercept.origin.peek() ? intercept.loadRules(origin) : undefined),
    () => undefined,
  );
loadRules();
// The composer targets the socket selected in the list, when it is one it can send through.
effect(() => {
  const s = selection.socket.value ? capture.store.sockets.get(selection.socket.value) : undefined;
  if (s && !s.imported && s.state === 'open' && composer.socketKey.peek() !== s.key) {
    composer.socketKey.value = s.key;
    void composer.loadHistory();
  }
});
// DevTools' own log of the page's handshakes has what extensions are not shown (Chrome: a 403, the Sec-WebSocket-* request headers).
browser.devtools.network.onRequestFinished.addListener((entry) => capture.networkEntry(entry));
// A page that opens no socket has no relay to announce it: the earlier page's sockets go anyway.
browser.devtools.network.onNavigated.addListener(() => {
  const seen = performance.timeOrigin + performance.now();
  // The new page's own start: DevTools' word can come after a cross-origin frame of that page reported.
  void browser.devtools.inspectedWindow.eval('performance.timeOrigin').then(
    ([began]) => capture.navigatedTo(seen, typeof began === 'number' && Number.isFinite(began) ? began : undefined),
    () => capture.navigatedTo(seen),
  );
  loadRules();
  startTopRelay(40);
});

type OpenResource = (url: string, line: number, column: number, done?: () => void) => void;
const openResource = (browser.devtools.panels as unknown as { openResource?: OpenResource }).openResource;
/** DevTools counts lines and columns from 0, stacks from 1. */
const openSource = typeof openResource === 'function'
  ? (f: StackFrame) => openResource.call(browser.devtools.panels, f.url, Math.max(0, f.line - 1), Math.max(0, f.column - 1))
  : undefined;

/** Whether the network's view of handshakes is on (Chrome: an optional permission the user grants). */
const WEB_REQUEST: browser.Permissions.Permissions = { permissions: ['webRequest'] };
const handshakesOn = signal(true);
// Firefox holds the permission from the start (and gives a DevTools panel no permissions API).
if (__BROWSER__ === 'chrome') void browser.permissions.contains(WEB_REQUEST).then((on) => (handshakesOn.value = on), () => undefined);
const captureHandshakes = () =>
  // In the click: the browser asks only during a user gesture.
  void browser.permissions.request(WEB_REQUEST).then((on) => (handshakesOn.value = on), () => undefined);

/** Chrome: worker sockets through the debugger (optional permissions; the background attaches while a panel watches). */
const WORKER_CAPTURE = { permissions: ['debugger', 'scripting'] } as unknown as browser.Permissions.Permissions;
const workersOn = signal(false);
if (__BROWSER__ === 'chrome') {
  void browser.permissions.contains(WORKER_CAPTURE).then((on) => (workersOn.value = on), () => undefined);
  browser.permissions.onAdded.addListener(() => void browser.permissions.contains(WORKER_CAPTURE).then((on) => (workersOn.value = on)));
  browser.permissions.onRemoved.addListener(() => void browser.permissions.contains(WORKER_CAPTURE).then((on) => (workersOn.value = on)));
}
/**
 * Chrome: starts the relay of the inspected page's top frame (in the content script's world; the page
 * sees nothing), so that a page whose only sockets live in its service worker names that worker too.
 * Right after a navigation the eval may still reach the document that is going away, or find the new
 * one without its content script yet: asked again (every 250 ms, for up to 10 s) until a newer document answers.
 */
let startedIn = 0;
const startTopRelay = (tries = 1) => {
  if (__BROWSER__ !== 'chrome' || workersOn.peek()) return;
  const expression = "typeof socketsStartRelay === 'function' ? (socketsStartRelay(), performance.timeOrigin) : 0";
  const again = () => void (tries > 1 && setTimeout(() => startTopRelay(tries - 1), 250));
  void browser.devtools.inspectedWindow.eval(expression, { useContentScriptContext: true } as never).then(([origin]) => {
    if (typeof origin === 'number' && origin > startedIn) startedIn = origin;
    else again();
  }, again);
};
startTopRelay();
const setWorkerCapture = (on: boolean) =>
  void (on ? browser.permissions.request(WORKER_CAPTURE) : browser.permissions.remove(WORKER_CAPTURE)).then(
    () => browser.permissions.contains(WORKER_CAPTURE).then((granted) => (workersOn.value = granted)),
    () => undefined,
  );

function Root() {
  return (
    <App
      capture={capture}
      filter={filter}
      selection={selection}
      decode={decode}
      conversation={conversation}
      composer={composer}
      intercept={intercept}
      schemas={schemas}
      table={table}
      dark={dark.value}
      preserveLog={preserveLog.value}
      openSource={openSource}
      onCaptureHandshakes={handshakesOn.value ? undefined : captureHandshakes}
      workerCapture={__BROWSER__ === 'chrome' ? { on: workersOn.value, onChange: setWorkerCapture } : undefined}
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
