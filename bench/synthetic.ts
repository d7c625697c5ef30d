/**
 * Section 2b, pipeline ceiling: synthetic relay batches, in the relay's wire format, posted from the content-script world (see
 * in-browser/synthetic-feed.js) through the real service worker to the real Sockets panel, at
 * fixed rates. Tells whether background + panel can take ≥ 50k msg/s, which real traffic cannot
 * show on a machine whose page + server alone do less.
 */
import type { CDPSession } from 'puppeteer-core';
import type { StoredEvent } from '../src/core/normalize';
import { packEvents } from '../src/core/wire';
import type { Harness } from './configs';
import { waitForPanelMessages } from './panel';
import { snippet } from './snippet';

export interface SyntheticTrial {
  /** Target rate, msg/s (0: unpaced). */
  rate: number;
  messages: number;
  shown: number;
  lost: number;
  /** Rate the feeder achieved (messages ÷ posting time). */
  postedPerSec: number;
  /** From the first post until the panel showed all; messages per second over that. */
  endToEndMs: number;
  msgPerSec: number;
  /** ms the panel needed after the last post. */
  lagMs: number;
}

/** At most this many messages per batch, as the relay (content/background-link.ts MAX_BATCH_EVENTS). */
const MAX_BATCH_EVENTS = 4096;

/**
 * The feed's batch bodies, built by the relay's own packEvents: the socket's opening, and a
 * template of MAX_BATCH_EVENTS text messages (alternately sent and received) whose seq, time and
 * data the feed fills in per batch.
 */
export function feedBodies(url: string, size: number) {
  const opening: StoredEvent[] = [
    { kind: 'created', seq: 1, socket: 1, time: 0, url, protocols: [], binaryType: 'blob', frameUrl: '', api: 'websocket' },
    { kind: 'open', seq: 2, socket: 1, time: 0, protocol: '', extensions: '' },
  ];
  const messages: StoredEvent[] = Array.from({ length: MAX_BATCH_EVENTS }, (_, i) => (
    { kind: 'message', seq: i + 3, socket: 1, time: 0, dir: i % 2 ? 'received' : 'sent', opcode: 1, size, data: '' }
  ));
  return { opening: packEvents(opening, 'clone'), template: packEvents(messages, 'clone') };
}

/** The content-script world of the page's main frame, in a session of its own (Runtime enabled there only). */
export async function contentScriptWorld(e: Harness): Promise<{ session: CDPSession; contextId: number }> {
  const session = await e.page.createCDPSession();
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  session.on('Runtime.executionContextCreated', (ev: { context: (typeof contexts)[number] }) => contexts.push(ev.context));
  await session.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${e.b.extensionId}`);
  if (!world) throw new Error('content-script world not found');
  return { session, contextId: world.id };
}

/** Posts `messages` synthetic messages at `rate` msg/s from the content-script world; resolves when all are posted. */
export async function runFeed(session: CDPSession, contextId: number, messages: number, size: number, rate: number): Promise<{ startEpoch: number; endEpoch: number }> {
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression: snippet('synthetic-feed', { n: messages, size, rate, ...feedBodies('wss://synthetic.invalid/', size) }),
    contextId, awaitPromise: true, returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`synthetic feed failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as { startEpoch: number; endEpoch: number };
}

export async function measureSynthetic(
  e: Harness, messages: number, rates: number[], size: number, timeoutMs: number, log: (line: string) => void,
): Promise<SyntheticTrial[]> {
  const trials: SyntheticTrial[] = [];
  for (const rate of rates) {
    await e.freshPage();
    const { session, contextId } = await contentScriptWorld(e);
    try {
      const done = waitForPanelMessages(e.panel!, messages, timeoutMs);
      const fed = await runFeed(session, contextId, messages, size, rate);
      const shown = await done;
      const endToEndMs = shown.epoch - fed.startEpoch;
      const trial: SyntheticTrial = {
        rate, messages, shown: shown.messages, lost: Math.max(0, messages - shown.messages),
        postedPerSec: messages / ((fed.endEpoch - fed.startEpoch) / 1000),
        endToEndMs, msgPerSec: shown.messages / (endToEndMs / 1000), lagMs: shown.epoch - fed.endEpoch,
      };
      log(`synthetic ${rate || 'unpaced'} msg/s: posted at ${Math.round(trial.postedPerSec)}/s, panel ${trial.shown}/${messages} after ${Math.round(endToEndMs)} ms (lag ${Math.round(trial.lagMs)} ms) = ${Math.round(trial.msgPerSec)} msg/s`);
      trials.push(trial);
    } finally {
      await session.detach().catch(() => {});
    }
  }
  return trials;
}
