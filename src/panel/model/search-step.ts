/** The visible position after `current` (or before it, `step` -1), wrapping around; -1 when nothing is visible. */
export function stepVisible(visible: { indices: ArrayLike<number>; count: number }, currentEventIndex: number, step: 1 | -1): number {
  const { indices, count } = visible;
  if (count === 0) return -1;
  // First visible position at or after the current event (indices ascend).
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (indices[mid] < currentEventIndex) lo = mid + 1;
    else hi = mid;
  }
  if (currentEventIndex < 0) return step === 1 ? 0 : count - 1;
  const onIt = lo < count && indices[lo] === currentEventIndex;
  const next = step === 1 ? (onIt ? lo + 1 : lo) : lo - 1;
  return (next + count) % count;
}
