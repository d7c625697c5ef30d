/**
 * Section 2, capture throughput (and the panel memory it leaves): in configuration E the page
 * sends N 100 B messages as fast as it can (all at once, 1000 per task); the echo doubles them.
 * Measured from the first send until the Sockets panel shows all 2N (polled inside the panel every
 * 10 ms). The same burst without the extension gives the ceilings: in A (DevTools closed) that of
 * page + server on this machine, in D (DevTools open) that left by Chrome's own DevTools capture.
 */
import type { Harness, MemoryReading } from './configs';
import { frameSession, usedHeap } from './heap';
import { privateMemory, processOf } from './process';
import { waitForPanelMessages } from './panel';

export interface CaptureTrial {
  sent: number;
  expected: number;
  /** What the panel showed at the end (socket rows' data-messages) and its dropped count. */
  shown: number;
  lost: number;
  dropped: number;
  /** Page-side ms from the first send to the last echo. */
  pageMs: number;
  /** ms from the first send until the panel showed everything (or gave up). */
  endToEndMs: number;
  /** Messages per second end to end (shown ÷ endToEndMs). */
  msgPerSec: number;
  /** Panel lag: ms the panel needed after the page saw its last echo. */
  panelLagMs: number;
  /** The same burst without the extension, page-side messages per second: DevTools closed (A), open (D). */
  pageOnlyMsgPerSec?: number;
  devtoolsOnlyMsgPerSec?: number;
  /**
   * Panel memory (bytes, heap.ts usedHeap): empty panel, before this trial, after it; growth per
   * message over the empty panel; and the panel process's private memory (RssAnon) before/after.
   */
  panelHeap: MemoryReading & { empty: number; perMessage: number };
  /** Page renderer memory (main world + content scripts, incl. the relay history), per message. */
  pageHeap: MemoryReading & { perMessage: number; rssPerMessage: number };
}

export async function measureCapture(
  e: Harness, refs: { a?: Harness; d?: Harness }, sizes: number[], textSize: number, panelTimeoutMs: number, log: (line: string) => void,
): Promise<CaptureTrial[]> {
  const panel = e.panel!;
  const panelSession = frameSession(panel);
  const panelPid = await processOf(panelSession, e.browserSession);
  const trials: CaptureTrial[] = [];
  for (const n of sizes) {
    const opts = { n, size: textSize, binary: false, inflight: n };
    const reference = async (h: Harness | undefined) => {
      if (!h) return undefined;
      await h.freshPage();
      const r = (2 * n) / ((await h.flood(opts)).elapsed / 1000);
      await h.catchUp();
      return r;
    };
    const pageOnlyMsgPerSec = await reference(refs.a);
    // D (DevTools open, no extension) only for the largest burst: it is slow.
    const devtoolsOnlyMsgPerSec = n === Math.max(...sizes) ? await reference(refs.d) : undefined;
    const pageBefore = await e.freshPage();
    const pagePid = await processOf(e.session, e.browserSession);
    const panelBefore = await usedHeap(panelSession);
    const [pageRssBefore, panelRssBefore] = [privateMemory(pagePid), privateMemory(panelPid)];
    await new Promise((r) => setTimeout(r, 300));
    const expected = 2 * n;
    const done = waitForPanelMessages(panel, expected, panelTimeoutMs);
    const flood = await e.flood(opts);
    const shown = await done;
    const endToEndMs = shown.epoch - flood.startEpoch;
    const panelAfter = await usedHeap(panelSession);
    const pageAfter = await usedHeap(e.session);
    const [pageRssAfter, panelRssAfter] = [privateMemory(pagePid), privateMemory(panelPid)];
    const trial: CaptureTrial = {
      sent: n, expected, shown: shown.messages, lost: Math.max(0, expected - shown.messages), dropped: shown.dropped,
      pageMs: flood.elapsed, endToEndMs, msgPerSec: shown.messages / (endToEndMs / 1000), panelLagMs: shown.epoch - flood.endEpoch,
      pageOnlyMsgPerSec, devtoolsOnlyMsgPerSec,
      panelHeap: {
        empty: e.emptyPanelHeap, before: panelBefore, after: panelAfter, perMessage: (panelAfter - e.emptyPanelHeap) / Math.max(1, shown.messages),
        rssBefore: panelRssBefore, rssAfter: panelRssAfter,
      },
      pageHeap: {
        before: pageBefore, after: pageAfter, perMessage: (pageAfter - pageBefore) / expected,
        rssBefore: pageRssBefore, rssAfter: pageRssAfter, rssPerMessage: (pageRssAfter - pageRssBefore) / expected,
      },
    };
    log(`capture ${n} sent: panel ${trial.shown}/${expected} in ${Math.round(endToEndMs)} ms (page ${Math.round(flood.elapsed)} ms) = ${Math.round(trial.msgPerSec)} msg/s` +
      `${pageOnlyMsgPerSec ? `; A ${Math.round(pageOnlyMsgPerSec)} msg/s` : ''}${devtoolsOnlyMsgPerSec ? `; D ${Math.round(devtoolsOnlyMsgPerSec)} msg/s` : ''}; panel +${Math.round(trial.panelHeap.perMessage)} B/msg`);
    trials.push(trial);
  }
  return trials;
}
