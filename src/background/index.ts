/**
 * The background router. Stateless by design: it may be stopped at any moment and restart empty.
 * It stamps every relay message with the sender's tab and frame (never the message's own claim)
 * and forwards it to the panels inspecting that tab; it forwards panel commands to the tab.
 */
import browser from 'webextension-polyfill';
import {
  FRAME_PORT,
  PANEL_PORT,
  PANELS_OPEN_KEY,
  isPanelToBackground,
  isRelayToBackground,
  isWorkerCommandRequest,
  type BackgroundToPanel,
  type BackgroundToRelay,
  type CommandResult,
  type HelloResponse,
  type InterceptConfig,
} from '../core/protocol';
import { PanelRegistry } from './panel-registry';
import { observeHandshakes } from './handshakes';
import { captureSharedWorkersOf, captureWorkers, releaseWorkers, runWorkerCommand, watchWorkerTargets } from './workers';
import { announceKnownWorkers, filterWorkerScripts } from './worker-scripts';
import { leaveSharedTab } from './shared-workers';

const panels = new PanelRegistry();
/** What each tab's panel wants held. Lost when the worker stops: panels send it again as they re-subscribe. */
const intercepts = new Map<number, InterceptConfig>();
const GONE: CommandResult = { ok: false, error: 'The page that owned this socket is gone (navigated away or closed).' };
const extensionOrigin = browser.runtime.getURL('');

// Chrome holds webRequest only once the user turned handshakes on (an optional permission).
const watchedTabs = () => [...panels.tabs()];
if (browser.webRequest) observeHandshakes(watchedTabs);
else browser.permissions.onAdded.addListener((p) => void (p.permissions?.includes('webRequest') && browser.webRequest && observeHandshakes(watchedTabs)));
// Chrome: worker sockets through the debugger, once the user turned them on (attached while a panel watches).
if (__BROWSER__ === 'chrome') {
  watchWorkerTargets();
  chrome.permissions.onAdded.addListener((p) => {
    if (p.permissions?.includes('debugger')) for (const tabId of panels.tabs()) void captureWorkers(tabId);
  });
}

/** Frames that started a worker read this rather than wake the background (see the relay stub). */
let panelsOpen: boolean | undefined;
const setPanelsOpen = (open: boolean) => {
  if (open === panelsOpen) return;
  panelsOpen = open;
  void browser.storage.local.set({ [PANELS_OPEN_KEY]: open });
};
// Started afresh (the panels still open subscribe again), and at every browser start: a crash
// must not leave the flag set.
setPanelsOpen(false);
browser.runtime.onStartup.addListener(() => undefined);

const toTab = (tabId: number, message: BackgroundToRelay, frameId?: number) =>
  browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }).catch(() => {});

function onPanelPort(port: browser.Runtime.Port): void {
  // Only the extension's own pages (the DevTools panel) may subscribe or command.
  if (port.sender?.tab || !port.sender?.url?.startsWith(extensionOrigin)) return port.disconnect();
  port.onMessage.addListener((message: unknown) => {
    if (!isPanelToBackground(message)) return;
    switch (message.type) {
      case 'subscribe':
        panels.add(message.tabId, message.panelId, port);
        setPanelsOpen(true);
        void toTab(message.tabId, { type: 'watch', panelId: message.panelId, cursors: message.cursors });
        if (__BROWSER__ === 'chrome') void captureWorkers(message.tabId);
        else {
          filterWorkerScripts(watchedTabs);
          void announceKnownWorkers(message.tabId);
        }
        break;
      case 'clear':
        void toTab(message.tabId, { type: 'clear' });
        break;
      case 'intercept': {
        const subscription = panels.subscriptionOf(port);
        if (!subscription) return;
        const config = { sent: message.sent, received: message.received };
        intercepts.set(subscription.tabId, config);
        void toTab(subscription.tabId, { type: 'intercept', ...config });
        break;
      }
      case 'fill': {
        // Like commands: only into the tab this panel subscribed to.
        const subscription = panels.subscriptionOf(port);
        if (subscription) void toTab(subscription.tabId, { type: 'fill', doc: message.doc, seqs: message.seqs }, message.frameId);
        break;
      }
      case 'command': {
        // A panel commands only the tab it subscribed to, whatever the message says.
        const subscription = panels.subscriptionOf(port);
        if (!subscription) return;
        const { tabId: _claimed, frameId, ...command } = message;
        void browser.tabs
          .sendMessage(subscription.tabId, command, { frameId })
          .then((r: unknown) => (r && typeof r === 'object' ? (r as CommandResult) : GONE), () => GONE)
          .then((result) => port.postMessage({ type: 'command-result', requestId: message.requestId, ok: result.ok === true, ...(result.error ? { error: String(result.error) } : {}) }));
        break;
      }
    }
  });
  port.onDisconnect.addListener(() => {
    const tabId = panels.remove(port);
    if ([...panels.tabs()].length === 0) setPanelsOpen(false);
    if (__BROWSER__ === 'firefox') filterWorkerScripts(watchedTabs);
    if (tabId !== undefined && !panels.watching(tabId)) {
      intercepts.delete(tabId);
      if (__BROWSER__ === 'chrome') releaseWorkers(tabId, () => panels.watching(tabId));
      void toTab(tabId, { type: 'unwatch' });
    }
  });
}

/** Whether a script URL is of this origin (a blob: URL's is its creator's; a data: URL's is none). */
function sameOrigin(url: string, origin: string | undefined): boolean {
  try {
    return origin !== undefined && origin !== 'null' && new URL(url).origin === origin;
  } catch {
    return false;
  }
}

function onFramePort(port: browser.Runtime.Port): void {
  const tabId = port.sender?.tab?.id;
  const frameId = port.sender?.frameId ?? 0;
  if (tabId === undefined || port.sender?.id !== browser.runtime.id) return port.disconnect();
  // Chrome: a top document's relay connects (a new document, or this worker started again): the
  // tab joins its shared workers again as its page asks for them.
  if (__BROWSER__ === 'chrome' && frameId === 0) leaveSharedTab(tabId);
  port.onMessage.addListener((message: unknown) => {
    if (!isRelayToBackground(message)) return;
    const stamped = { ...message, tabId, frameId } as BackgroundToPanel;
    // Chrome: a watched page asked for shared workers, which its debugger session does not reach.
    // Only the frame's own origin's: a page cannot have another site's shared worker shown as its own.
    if (__BROWSER__ === 'chrome' && message.type === 'batch' && message.workers && panels.watching(tabId)) {
      void captureSharedWorkersOf(tabId, message.workers.filter((w) => sameOrigin(w.url, (port.sender as { origin?: string } | undefined)?.origin)), () => panels.watching(tabId));
    }
    for (const [panelId, panelPort] of panels.of(tabId)) {
      if (message.type !== 'batch' || message.to === undefined || message.to === panelId) panelPort.postMessage(stamped);
    }
  });
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name === PANEL_PORT) onPanelPort(port);
  else if (port.name === FRAME_PORT) onFramePort(port);
});

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  const tabId = sender.tab?.id;
  // A relay's command for one of its tab's workers (the tab is the sender's, never the message's).
  if (__BROWSER__ === 'chrome' && isWorkerCommandRequest(message) && tabId !== undefined && sender.id === browser.runtime.id) {
    return runWorkerCommand(message, tabId).then((result) => result ?? null);
  }
  if ((message as { type?: unknown })?.type !== 'hello' || tabId === undefined) return;
  const { probe, blobProbe } = message as { probe?: unknown; blobProbe?: unknown };
  const binary = !(probe instanceof Uint8Array) ? 'base64' : blobProbe instanceof Blob ? 'blob' : 'clone';
  const intercept = intercepts.get(tabId);
  // Firefox: a watched tab's new top document (a reload, a navigation) hears its origin's running
  // shared and service workers, as a panel that opens does.
  if (__BROWSER__ === 'firefox' && sender.frameId === 0 && panels.watching(tabId)) setTimeout(() => void announceKnownWorkers(tabId), 0);
  return Promise.resolve<HelloResponse>({ watch: panels.watching(tabId), binary, ...(intercept ? { intercept } : {}) });
});
