/**
 * What a test reads from the panel, the same in both browsers (through `Panel.query`): socket rows,
 * grid rows and status-bar counts, from the stable test hooks.
 */
import type { Panel } from './harness';
import { until, type GridRow, type SocketRow } from './panel';
import { readSocketRows } from './socket-rows';

export { until };
export type PanelSocketRow = SocketRow & { title: string };

export const socketRows = (panel: Pick<Panel, 'query'>): Promise<PanelSocketRow[]> => panel.query(readSocketRows);

/** Polls until a socket row satisfies `test`; answers it. */
export async function waitForSocket(panel: Pick<Panel, 'query'>, test: (row: PanelSocketRow) => boolean, what = 'socket', timeoutMs = 30_000): Promise<PanelSocketRow> {
  const rows = await until(() => socketRows(panel), (r) => r.some(test), what, timeoutMs);
  return rows.find(test)!;
}

/** The rendered grid rows in index order (the grid is virtualized: only rows in view exist). */
export const gridRows = (panel: Panel): Promise<(GridRow & { index: number; selected: boolean })[]> =>
  panel.query((doc) =>
    Array.from(doc.querySelectorAll('[role=row][data-kind]'))
      .map((el) => ({
        index: Number(el.getAttribute('data-index')),
        kind: el.getAttribute('data-kind') ?? '',
        direction: el.getAttribute('data-direction'),
        origin: el.getAttribute('data-origin'),
        intercept: el.getAttribute('data-intercept'),
        text: el.textContent ?? '',
        payload: el.querySelector('[data-role=payload]')?.textContent ?? '',
        selected: el.getAttribute('aria-selected') === 'true',
      }))
      .sort((a, b) => a.index - b.index),
  );

/** A status bar counter (0 when absent). */
export const count = (panel: Panel, role: 'shown-count' | 'total-count' | 'dropped-count' | 'skipped-count'): Promise<number> =>
  panel.query((doc, r) => Number(doc.querySelector(`[data-role=${r}]`)?.getAttribute('data-count') ?? 0), role);

/**
 * Clicks a socket row until it is the selected one: while traffic flows the table re-renders a few
 * times a second, and a click can land as its rows are replaced.
 */
export async function selectSocket(panel: Panel, url: string): Promise<void> {
  const selector = `[data-socket-url="${url}"]`;
  await until(
    async () => {
      await panel.click(selector);
      return panel.attribute(selector, 'aria-selected');
    },
    (selected) => selected === 'true',
    `${url} selected`,
  );
}

/**
 * Clicks a side-pane tab until it is the selected one: a panel that has just been shown can still
 * move under the first click (seen once in Chromium on the run's first panel).
 */
export const selectSideTab = (panel: Panel, tab: string) =>
  until(
    async () => {
      await panel.click(`[data-tab=${tab}]`);
      return panel.attribute(`[data-tab=${tab}]`, 'aria-selected');
    },
    (selected) => selected === 'true',
    `the ${tab} tab selected`,
  );

/** Records every copy the panel makes (the copied text); answers a reader of the copies so far. */
export async function watchCopies(panel: Pick<Panel, 'query'>): Promise<() => Promise<string[]>> {
  await panel.query((doc) => {
    const w = doc.defaultView as unknown as { __copies?: string[]; __copyWatch?: boolean };
    w.__copies = [];
    if (!w.__copyWatch) {
      w.__copyWatch = true;
      doc.addEventListener('copy', (e) => w.__copies!.push((e.target as HTMLTextAreaElement).value ?? String(doc.getSelection())), true);
    }
    return true;
  });
  return () => panel.query((doc) => (doc.defaultView as unknown as { __copies?: string[] }).__copies ?? []);
}

/** The same, answering the last copy (null before any). */
export async function watchLastCopy(panel: Pick<Panel, 'query'>): Promise<() => Promise<string | null>> {
  const copies = await watchCopies(panel);
  return async () => (await copies()).at(-1) ?? null;
}

/** The workers the panel names as not captured: [kind, label, script URL] each. */
export const uncapturedWorkers = (panel: Pick<Panel, 'query'>) =>
  panel.query((doc) => [...doc.querySelectorAll('[data-role=uncaptured-workers] [data-worker-kind]')].map((e) => [e.getAttribute('data-worker-kind'), e.textContent, e.getAttribute('title')]));

export type HeadersPaneText = { sections: Record<string, [string, string][]>; frames: string[]; links: number };
/** The selected socket's Headers tab as text: each section's [name, value] rows, the initiator's frames, how many open Sources. */
export const headersPane = (panel: Pick<Panel, 'query'>) =>
  panel.query((doc): HeadersPaneText => {
    const sections: Record<string, [string, string][]> = {};
    for (const s of Array.from(doc.querySelectorAll('[data-role=headers] [data-section]'))) {
      sections[s.getAttribute('data-section')!] = Array.from(s.querySelectorAll('[data-header]')).map((r) => [r.children[0].textContent ?? '', r.children[1].textContent ?? '']);
    }
    return {
      sections,
      frames: Array.from(doc.querySelectorAll('[data-role=initiator-frame]')).map((f) => f.textContent ?? ''),
      links: doc.querySelectorAll('[data-role=open-source]').length,
    };
  });
/** A header's value in a section's rows, by name in any case. */
export const headerValue = (rows: [string, string][] | undefined, name: string) => rows?.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
