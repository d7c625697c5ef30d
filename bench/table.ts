/** Plain-text tables: left-aligned first column(s), right-aligned numbers. */
export function table(head: string[], rows: string[][], leftColumns = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    r.map((cell, i) => (i < leftColumns ? (cell ?? '').padEnd(widths[i]) : (cell ?? '').padStart(widths[i]))).join('  ').trimEnd();
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

export const int = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
export const fixed = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '—');
export const mib = (bytes: number): string => (Number.isFinite(bytes) ? (bytes / 1048576).toFixed(1) + ' MiB' : '—');
export const mark = (pass: boolean): string => (pass ? 'ok' : 'MISS');
