/**
 * Section 3, memory and panel scale.
 *
 * Measured here through real traffic:
 *  - page renderer JS heap after a flood, per configuration (the extension's relay keeps the
 *    document's history in the page's renderer, in its isolated world: that is counted here);
 *  - panel JS heap after 100k / 200k captured messages: see capture.ts (panelHeap).
 */
import type { OverheadFigures } from './overhead';

export interface PageHeapFigure {
  workload: string;
  config: string;
  label: string;
  /** Used JS heap after the flood, GC'd (bytes), and the growth over the fresh page. */
  after: number;
  growth: number;
  /** Growth per message of the flood (sent + received). */
  perMessage: number;
  /** Renderer private memory (RssAnon) growth over the flood, and per message. */
  rssGrowth: number;
  rssPerMessage: number;
}

export function pageHeapFigures(overhead: OverheadFigures[]): PageHeapFigure[] {
  const out: PageHeapFigure[] = [];
  for (const f of overhead) {
    for (const c of Object.values(f.configs)) {
      const h = c.pageHeap;
      if (!h) continue;
      const growth = h.after - h.before;
      const rssGrowth = h.rssAfter - h.rssBefore;
      const messages = 2 * f.workload.n;
      out.push({ workload: f.workload.name, config: c.id, label: c.label, after: h.after, growth, perMessage: growth / messages, rssGrowth, rssPerMessage: rssGrowth / messages });
    }
  }
  return out;
}
