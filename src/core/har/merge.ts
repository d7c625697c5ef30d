/**
 * Merges lists into one ordered by time; ties keep list order. Each list keeps its own order even
 * where its times go backwards (an item is placed by the latest time seen so far in its list).
 */
export function mergeByTime<T>(lists: T[][], time: (item: T) => number): T[] {
  const keyed: { at: number; list: number; index: number; item: T }[] = [];
  lists.forEach((list, l) => {
    let at = -Infinity;
    list.forEach((item, index) => {
      at = Math.max(at, time(item));
      keyed.push({ at, list: l, index, item });
    });
  });
  keyed.sort((a, b) => a.at - b.at || a.list - b.list || a.index - b.index);
  return keyed.map((k) => k.item);
}
