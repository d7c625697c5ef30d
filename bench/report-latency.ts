/** The input-latency table (input-latency.ts). */
import { goals } from './config';
import type { LatencyFigures } from './input-latency';
import { p95 } from './input-latency';
import { median } from './stats';
import { int, mark, table } from './table';

export function latencyTable(f: LatencyFigures): string {
  const row = (name: string, xs: number[]) => {
    const ok = xs.filter(Number.isFinite);
    return [name, int(ok.length), int(xs.length - ok.length), int(median(ok)), int(p95(ok)), int(Math.max(...ok)), `<= ${goals.inputLatencyMs} ${mark(p95(ok) <= goals.inputLatencyMs)}`];
  };
  return [
    `2c. Input latency while ingesting — E: ${int(f.rate)} synthetic msg/s into the Sockets panel (${int(f.rowsAtStart)} → ${int(f.rowsAtEnd)} rows during the trials);`,
    '    from the input event to the first frame whose DOM shows its effect.',
    table(['input', 'n', 'no effect in 10 s', 'median ms', 'p95 ms', 'max ms', 'goal (p95)'], [
      row("filter key ('x' / Backspace)", f.key),
      row('click on a message row', f.click),
    ]),
  ].join('\n');
}
