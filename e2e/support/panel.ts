import type { Frame } from 'playwright-core';
import { readSocketRows } from './socket-rows';

export interface SocketRow {
  url: string;
  state: string;
  messages: number;
  key: string;
  text: string;
}
export interface GridRow {
  kind: string;
  direction: string | null;
  origin: string | null;
  intercept?: string | null;
  text: string;
  payload: string;
}

/** The panel's socket rows, read from the stable test hooks (scrolling through a virtualized table). */
export function socketRows(panel: Frame): Promise<SocketRow[]> {
  // The transpiler may name inner functions with a helper the panel does not have.
  return panel.evaluate(`(() => { var __name = (f) => f; return (${readSocketRows.toString()})(document); })()`) as Promise<SocketRow[]>;
}

/** Polls until a socket row satisfies `test`; answers it. */
export async function waitForSocket(panel: Frame, test: (row: SocketRow) => boolean, what = 'socket'): Promise<SocketRow> {
  const deadline = Date.now() + 30_000;
  let last: SocketRow[] = [];
  while (Date.now() < deadline) {
    last = await socketRows(panel);
    const hit = last.find(test);
    if (hit) return hit;
    await panel.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; sockets: ${JSON.stringify(last)}`);
}

/** The rendered grid rows (the grid is virtualized: only rows in view exist). */
export function gridRows(panel: Frame): Promise<GridRow[]> {
  return panel.$$eval('[role=row][data-kind]', (rows) =>
    rows
      .map((r) => r as HTMLElement)
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((el) => ({
        kind: el.dataset.kind!,
        direction: el.dataset.direction ?? null,
        origin: el.dataset.origin ?? null,
        text: el.textContent ?? '',
        payload: el.querySelector('[data-role=payload]')?.textContent ?? '',
      })),
  );
}

export async function selectSocket(panel: Frame, url: string): Promise<void> {
  await selectRow(panel, `[data-socket-url="${url}"]`);
}

/**
 * Clicks a socket row until it is the selected one: while traffic flows the table re-renders a few
 * times a second, and a click can land as its rows are replaced.
 */
export async function selectRow(panel: Frame, selector: string): Promise<void> {
  await until(
    async () => {
      await panel.click(selector);
      return panel.getAttribute(selector, 'aria-selected');
    },
    (selected) => selected === 'true',
    `${selector} selected`,
  );
}

export async function count(panel: Frame, role: 'shown-count' | 'total-count' | 'dropped-count'): Promise<number> {
  const el = await panel.$(`[data-role=${role}]`);
  return el ? Number(await el.getAttribute('data-count')) : 0;
}

/** Polls a value until it satisfies `test` (no fixed sleeps in tests). */
export async function until<T>(read: () => Promise<T>, test: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!test(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
