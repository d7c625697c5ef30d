import type { SocketRow } from './panel';

/**
 * Reads the panel's socket rows from the stable test hooks, in either browser's panel document
 * (serialized with toString: self-contained). The table is virtualized (only rows in view exist),
 * so a table taller than its view (of up to 500 sockets) is scrolled through and put back; a
 * table of more is read as it stands (tests of those read the rows in view themselves).
 */
export async function readSocketRows(doc: Document): Promise<(SocketRow & { title: string })[]> {
  const win = doc.defaultView!;
  const rows = new Map<string, SocketRow & { title: string; top: number }>();
  const read = () => {
    for (const el of Array.from(doc.querySelectorAll('[data-socket-url]')) as HTMLElement[]) {
      const key = el.getAttribute('data-socket-key') ?? '';
      rows.set(key, {
        url: el.getAttribute('data-socket-url') ?? '',
        state: el.getAttribute('data-state') ?? '',
        messages: Number(el.getAttribute('data-messages')),
        key,
        text: el.textContent ?? '',
        title: el.getAttribute('title') ?? '',
        top: parseFloat(el.style.top) || 0,
      });
    }
  };
  const painted = () => new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
  read();
  const table = doc.querySelector('[role=table][aria-label=Sockets]') as HTMLElement | null;
  if (table && table.scrollHeight > table.clientHeight + 1 && Number(table.getAttribute('aria-rowcount')) <= 500) {
    const start = table.scrollTop;
    for (let top = 0, views = 0; views < 100 && top < table.scrollHeight; top += Math.max(20, table.clientHeight - 40), views++) {
      table.scrollTop = top;
      await painted();
      read();
    }
    table.scrollTop = start;
    await painted();
  }
  return Array.from(rows.values()).sort((a, b) => a.top - b.top).map(({ top: _top, ...row }) => row);
}
