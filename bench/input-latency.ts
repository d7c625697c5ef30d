/**
 * Input latency while ingesting: the synthetic feed (synthetic.ts) streams `rate` msg/s in the
 * relay's wire format into the real Sockets panel; meanwhile the filter box gets key presses
 * ('x', which matches no row, then Backspace) and message rows get clicks. Each figure is the time
 * from the input event to the first frame whose DOM shows its effect (in-browser/latency-probe.js).
 * Run alone: BENCH_SECTIONS=latency.
 */
import type { Harness } from './configs';
import { snippet } from './snippet';
import { median } from './stats';
import { contentScriptWorld, runFeed } from './synthetic';

export interface LatencyFigures {
  rate: number;
  /** Rows the panel held when the first and the last measured input happened. */
  rowsAtStart: number;
  rowsAtEnd: number;
  key: number[];
  click: number[];
}

export const p95 = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] : NaN;
};

const totalRows = (e: Harness) => e.panel!.evaluate(() => Number(document.querySelector('[data-role=total-count]')?.getAttribute('data-count') ?? 0));

/** Clicks a message row; rows are re-rendered as messages arrive, so one may go before the click lands. */
async function clickSomeRow(e: Harness): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const row = await e.panel!.$('[role=row][data-kind=message]');
    try {
      if (row) return await row.click();
    } catch (err) {
      if (attempt >= 20) throw err;
    }
  }
}

async function measured(e: Harness, mode: 'key' | 'click', act: () => Promise<void>): Promise<number> {
  await e.panel!.evaluate(snippet('latency-probe', mode, 10_000));
  await act();
  return (await e.panel!.evaluate('window.__latency')) as number;
}

export async function measureInputLatency(e: Harness, rate: number, trials: number, size: number, log: (line: string) => void): Promise<LatencyFigures> {
  await e.freshPage();
  const { session, contextId } = await contentScriptWorld(e);
  const panel = e.panel!;
  // Long enough to outlast the trials; the next navigation ends it.
  const feeding = runFeed(session, contextId, rate * 600, size, rate).catch(() => undefined);
  try {
    const warm = Date.now();
    while ((await totalRows(e)) < rate * 2 && Date.now() - warm < 60_000) await new Promise((r) => setTimeout(r, 100));
    const rowsAtStart = await totalRows(e);
    const filter = (await panel.$('[aria-label=Filter]'))!;
    const key: number[] = [];
    const click: number[] = [];
    for (let i = 0; i < trials; i++) {
      await filter.click();
      key.push(await measured(e, 'key', () => filter.press('x')));
      key.push(await measured(e, 'key', () => filter.press('Backspace')));
      click.push(await measured(e, 'click', () => clickSomeRow(e)));
    }
    const rowsAtEnd = await totalRows(e);
    log(`latency at ${rate} msg/s (${rowsAtStart}–${rowsAtEnd} rows): key median ${median(key).toFixed(0)} ms, p95 ${p95(key).toFixed(0)} ms; click median ${median(click).toFixed(0)} ms, p95 ${p95(click).toFixed(0)} ms`);
    return { rate, rowsAtStart, rowsAtEnd, key, click };
  } finally {
    await e.page.goto('about:blank').catch(() => {});
    await feeding;
    await session.detach().catch(() => {});
  }
}
