import browser from 'webextension-polyfill';
import { PANEL_PORT, type BackgroundToPanel, type PanelToBackground } from '../../core/protocol';

/**
 * The panel's port to the background. Reconnects by itself when the service worker stops, and
 * re-subscribes with the cursors of what it already has, so the relays resend only what is missing.
 */
export function connectToBackground(opts: {
  tabId: number;
  cursors: () => Record<string, number>;
  onMessage: (message: BackgroundToPanel) => void;
  /** After each (re)subscription. */
  onSubscribed?: () => void;
}) {
  const panelId = crypto.randomUUID();
  let port: browser.Runtime.Port | undefined;
  let retries = 0;
  let closed = false;

  const connect = () => {
    if (closed) return;
    const p = browser.runtime.connect({ name: PANEL_PORT });
    port = p;
    p.onMessage.addListener((message: unknown) => {
      retries = 0;
      opts.onMessage(message as BackgroundToPanel);
    });
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = undefined;
      setTimeout(connect, Math.min(1000, 20 * 2 ** retries++));
    });
    p.postMessage({ type: 'subscribe', tabId: opts.tabId, panelId, cursors: opts.cursors() } satisfies PanelToBackground);
    opts.onSubscribed?.();
  };
  connect();

  return {
    panelId,
    send(message: PanelToBackground) {
      port?.postMessage(message);
    },
    close() {
      closed = true;
      port?.disconnect();
    },
  };
}
