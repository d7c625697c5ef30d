/**
 * Byte sizes and counts in words, Chrome DevTools' way: 1 kB = 1000 B, one decimal below 100 of a
 * unit (`1.5 kB`, `195 kB`, `1.0 MB`), whole bytes below 1000.
 */
const UNITS = ['kB', 'MB', 'GB', 'TB'];

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '–';
  if (n < 1000) return `${Math.round(n)} B`;
  let v = n / 1000;
  let u = 0;
  while (v >= 999.5 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v < 99.95 ? v.toFixed(1) : v.toFixed(0)} ${UNITS[u]}`;
}

/** `1 socket`, `2 sockets`, `1,000 messages` (the plural is `one + "s"` unless given). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
