/** Reads the Sockets panel through its stable test hooks (data-count, data-messages). */
import type { Frame } from 'puppeteer-core';
import { snippet } from './snippet';

export interface PanelCounts {
  /** Sum of the socket rows' `data-messages`. */
  messages: number;
  /** The status bar's captured count (messages plus created/open/close events). */
  total: number;
  dropped: number;
  /** Epoch ms (panel clock) when this was read. */
  epoch: number;
  /** Epoch ms (panel clock) when no payload deferred by the flood was still on its way. */
  wholeEpoch: number;
}

/**
 * Waits (polling inside the panel) until it shows at least `expected` messages, then until their
 * payloads are all whole, or time runs out.
 */
export function waitForPanelMessages(panel: Frame, expected: number, timeoutMs: number): Promise<PanelCounts> {
  return panel.evaluate(snippet('panel-wait', expected, timeoutMs)) as Promise<PanelCounts>;
}

/** Waits until the panel holds no captured event (after a navigation and its Clear). */
export async function waitForPanelEmpty(panel: Frame, timeoutMs: number): Promise<void> {
  const ok = await panel.evaluate(snippet('panel-empty', timeoutMs));
  if (!ok) throw new Error('the Sockets panel still holds events of the previous page');
}
