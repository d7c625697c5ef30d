import type { GapEvent } from '../../core/model';

const clock = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour12: false });

/** "1,234 messages between 10:02:11 and 10:41:57 were not kept: DevTools was closed" */
export function gapText(gap: Pick<GapEvent, 'count' | 'time' | 'until'>): string {
  const n = gap.count === 1 ? '1 message' : `${gap.count.toLocaleString()} messages`;
  const when = clock(gap.time) === clock(gap.until) ? `at ${clock(gap.time)}` : `between ${clock(gap.time)} and ${clock(gap.until)}`;
  return `${n} ${when} ${gap.count === 1 ? 'was' : 'were'} not kept: DevTools was closed`;
}
