/** Drives the panel's Intercept tab and held messages, the same in both browsers. */
import type { Panel } from './harness';
import { selectSideTab, until } from './readers';

export const openIntercept = (panel: Panel) => selectSideTab(panel, 'intercept');

export async function addBreakpoint(panel: Panel, dir: 'sent' | 'received' | 'both', query: string): Promise<void> {
  await openIntercept(panel);
  const before = await panel.query((doc) => doc.querySelectorAll('[data-role=breakpoint]').length);
  await panel.select('section[aria-label=Breakpoints] select[aria-label=Direction]', dir);
  if (query) await panel.fill('[aria-label="Breakpoint filter"]', query);
  await panel.click('[data-action=add-breakpoint]');
  await until(() => panel.query((doc) => doc.querySelectorAll('[data-role=breakpoint]').length), (n) => n === before + 1, 'the breakpoint added');
  await waitInEffect(panel);
}

/** Waits until the page's hook holds what the panel's rules and breakpoints need. */
export const waitInEffect = (panel: Panel) =>
  until(() => panel.attribute('[data-role=intercept-active]', 'data-armed'), (a) => a === 'true', 'the rules and breakpoints in effect in the page');

export interface RuleForm {
  dir?: 'sent' | 'received' | 'both';
  query?: string;
  url?: string;
  action: 'block' | 'regex' | 'json-set' | 'json-delete' | 'hex' | 'delay' | 'respond';
  /** The action's fields, by their labels. */
  fields?: Record<string, string>;
  forward?: boolean;
}

export async function addRule(panel: Panel, rule: RuleForm): Promise<void> {
  await openIntercept(panel);
  const before = await panel.query((doc) => doc.querySelectorAll('[data-role=rule]').length);
  await panel.select('[aria-label=Action]', rule.action);
  if (rule.action !== 'respond') await panel.select('section[aria-label=Rules] select[aria-label=Direction]', rule.dir ?? 'sent');
  if (rule.query) await panel.fill('[aria-label="Rule filter"]', rule.query);
  if (rule.url) await panel.fill('[aria-label="Socket URL contains"]', rule.url);
  for (const [label, value] of Object.entries(rule.fields ?? {})) await panel.fill(`section[aria-label=Rules] input[aria-label="${label}"]`, value);
  if (rule.forward) await panel.click('[data-role=respond-forward]');
  await until(() => panel.attribute('[data-action=add-rule]', 'disabled'), (d) => d === null, 'a valid rule in the form');
  await panel.click('[data-action=add-rule]');
  await until(() => panel.query((doc) => doc.querySelectorAll('[data-role=rule]').length), (n) => n === before + 1, 'the rule added');
  await waitInEffect(panel);
}

/** Removes every rule (they are kept per origin, and the tests share one). */
export async function removeRules(panel: Panel): Promise<void> {
  await openIntercept(panel);
  for (;;) {
    const n = await panel.query((doc) => doc.querySelectorAll('[data-role=rule]').length);
    if (n === 0) return;
    await panel.click('[aria-label="Remove rule"]');
    await until(() => panel.query((doc) => doc.querySelectorAll('[data-role=rule]').length), (m) => m < n, 'a rule removed');
  }
}

export interface HeldRow {
  direction: string | null;
  text: string;
}

export const heldRows = (panel: Panel): Promise<HeldRow[]> =>
  panel.query((doc) =>
    Array.from(doc.querySelectorAll('[data-held=true]')).map((el) => ({
      direction: el.getAttribute('data-held-direction'),
      text: (el.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? '',
    })),
  );

export const waitForHeld = (panel: Panel, n: number, what = `${n} held message(s)`) => until(() => heldRows(panel), (rows) => rows.length === n, what);

/** Acts on the first held message: Forward, Forward edited (after typing `edited`, in `format`), or Drop. */
export async function settleFirst(panel: Panel, action: 'forward' | 'forward-edited' | 'drop', edited?: string, format?: string): Promise<void> {
  const before = (await heldRows(panel)).length;
  if (format) await panel.select('[data-held=true] [data-role=held-format]', format);
  if (edited !== undefined) {
    await panel.fill('[data-held=true] textarea', edited);
    await until(() => heldRows(panel), (rows) => rows[0]?.text === edited, 'the held editor to show the edit');
  }
  await panel.click(`[data-held=true] [data-action=${action}]`);
  await until(() => heldRows(panel), (rows) => rows.length === before - 1, 'the held message settled');
}

/** Opens a socket row's context menu; answers its item labels. */
export async function socketMenu(panel: Panel, url: string): Promise<string[]> {
  await panel.contextMenu(`[data-socket-url="${url}"]`);
  return until(() => panel.query((doc) => Array.from(doc.querySelectorAll('[data-role=context-menu] [role=menuitem]')).map((b) => b.textContent ?? '')), (items) => items.length > 0, 'the socket menu');
}

/** Picks an item of a socket row's context menu by its label. */
export async function socketMenuItem(panel: Panel, url: string, label: string): Promise<void> {
  const items = await socketMenu(panel, url);
  const at = items.indexOf(label);
  if (at < 0) throw new Error(`no menu item ${label} in ${items.join(', ')}`);
  await panel.click(`[data-role=context-menu] button:nth-of-type(${at + 1})`);
}
