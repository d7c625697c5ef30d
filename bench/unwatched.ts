/**
 * An unwatched tab: 5,000 msg/s of 200 B for 60 s with DevTools closed, then 60 s more; the page's
 * heap is read every 10 s (it must plateau at the unwatched bound, not grow with time). Then DevTools
 * and the Sockets panel open: the socket's first messages and the last window are shown, the gap
 * between them marked.
 */
import { launch, mainTab, showSocketsPanel } from './browser';
import { usedHeap } from './heap';
import { snippet } from './snippet';

export interface UnwatchedFigures {
  rate: number;
  size: number;
  seconds: number;
  /** Page heap before the stream, and [seconds since start, heap bytes, messages received] every 10 s. */
  before: number;
  samples: [number, number, number][];
  received: number;
  panel: { messages: number; notKept: number; gapText: string; openMs: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureUnwatched(origin: string, seconds: number, log: (line: string) => void): Promise<UnwatchedFigures> {
  const rate = 5000;
  const size = 200;
  const b = await launch({ extension: true, devtools: false });
  try {
    const page = await mainTab(b, `${origin}/plain?unwatched`);
    const session = await page.createCDPSession();
    const before = await usedHeap(session);
    const t0 = Date.now();
    const done = page.evaluate(snippet('stream', { rate, size, seconds })) as Promise<number>;
    const samples: [number, number, number][] = [];
    for (let t = 10; t <= seconds; t += 10) {
      await sleep(t0 + t * 1000 - Date.now());
      samples.push([t, await usedHeap(session), (await page.evaluate('window.received')) as number]);
      log(`unwatched stream ${t} s: page heap ${(samples.at(-1)![1] / 1048576).toFixed(1)} MiB, ${samples.at(-1)![2]} messages`);
    }
    const received = await done;
    const opened = Date.now();
    let panel: UnwatchedFigures['panel'];
    try {
      const devtools = await page.openDevTools();
      const panelFrame = await showSocketsPanel(devtools, b.extensionId, 120_000);
      panel = (await panelFrame.evaluate(snippet('panel-gap', 60_000))) as UnwatchedFigures['panel'];
      panel.openMs = Date.now() - opened;
    } catch (error) {
      panel = { messages: NaN, notKept: NaN, gapText: `(the panel did not open: ${String(error).split('\n')[0]})`, openMs: Date.now() - opened };
    }
    return { rate, size, seconds, before, samples, received, panel };
  } finally {
    await b.close();
  }
}
