/** Tables of the Firefox section: page loads, floods and an unwatched tab, DevTools closed. */
import type { FirefoxFigures } from './firefox';
import { median } from './stats';
import { fixed, int, mark, mib, table } from './table';
import type { Workload } from './types';

export function firefoxTable(f: FirefoxFigures, loads: Workload[]): string {
  const of = (what: 'loads' | 'floods', id: string, key: string) => median(f[what][id]?.[key] ?? []);
  const loadRows: string[][] = [];
  for (const kind of ['plain', 'frames']) {
    for (const c of f.configs) {
      const ms = of('loads', c.id, kind);
      const ratio = of('loads', 'floor', kind) / ms;
      loadRows.push([loadRows.at(-1)?.[0] === kind || loadRows.some((r) => r[0] === kind) ? '' : kind, c.label, fixed(ms, 1), c.id === 'sockets' ? `${fixed(ratio)} (goal >= 0.98 ${mark(ratio >= 0.98)})` : '']);
    }
  }
  const floodRows: string[][] = [];
  for (const w of loads) {
    for (const c of f.configs) {
      const ms = of('floods', c.id, w.name);
      const vsNone = of('floods', 'none', w.name) / ms;
      const vsObserver = of('floods', 'observer', w.name) / ms;
      floodRows.push([
        floodRows.some((r) => r[0] === w.name) ? '' : w.name, c.label, fixed(ms, 0), int((2 * w.n * 1000) / ms),
        c.id === 'sockets' ? `${fixed(vsNone)} (goal >= ${w.goal} ${mark(vsNone >= w.goal)})` : '',
        c.id === 'sockets' ? `${fixed(vsObserver)} (goal >= ${w.floorGoal} ${mark(vsObserver >= w.floorGoal)})` : '',
      ]);
    }
  }
  const sendRows = f.configs.map((c) => {
    const us = median(f.sends?.[c.id] ?? []);
    return [c.label, fixed(us, 2), c.id === 'none' ? '' : fixed(us - median(f.sends?.none ?? []), 2)];
  });
  const idle = Object.entries(f.unwatched).map(([id, u]) => {
    const label = f.configs.find((c) => c.id === id)?.label ?? id;
    const last = u.samples.at(-1);
    const mid = u.samples[Math.floor((u.samples.length - 1) / 2)];
    return `${label}: content process ${mib(u.before)} before; ${u.samples.map(([t, b, n]) => `${t} s ${mib(b)} (${int(n)} msgs)`).join(', ')}; growth ${mid?.[0]} s → ${last?.[0]} s ${last && mid ? mib(last[1] - mid[1]) : '—'}`;
  });
  return [
    `8. Firefox ESR, DevTools closed — one browser per configuration, interleaved rounds, medians (${f.rounds} page-load rounds).`,
    table(['page', 'configuration', 'load event ms', 'floor ÷ Sockets load'], loadRows, 2),
    '',
    table(['flood', 'configuration', 'page ms', 'msg/s', 'none ÷ Sockets', 'observer ÷ Sockets'], floodRows, 2),
    '',
    table(['send burst (20,000 short texts, one loop)', 'µs per send', 'more than none, µs'], sendRows, 1),
    '',
    `Unwatched tab, 5,000 msg/s of 200 B (memory: the tab's content process, ChromeUtils.requestProcInfo):`,
    ...idle,
  ].join('\n');
}
