/** Pages and in-panel probes shared by the Chromium and Firefox shell suites. */

/** A JSON message LIVE_PAGE sends (its tokens are what the theme test measures in the composer). */
export const JSON_MESSAGE = '{"n": 12345, "t": true}';

/** One socket (sub-protocol chat.v1) that sends three texts and a JSON message, gets them echoed, and stays open. */
export const LIVE_PAGE = `<!doctype html><title>live</title><script>
  const ws = (window.ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?live', ['chat.v1']));
  ws.onopen = () => { ws.send('alpha one'); ws.send('beta two'); ws.send('alpha three'); ws.send(${JSON.stringify(JSON_MESSAGE)}); };
</script>`;

/** A socket whose URL is longer than the 16 KiB the relay keeps. */
export const LONG_URL_PAGE = `<!doctype html><title>long</title><script>
  new WebSocket(location.origin.replace('http', 'ws') + '/echo?long=' + 'x'.repeat(20000));
</script>`;

/**
 * Runs in the panel document: the contrast ratio (WCAG) of each given token of the composer's
 * editor against the editor's background. Self-contained: it is serialized into the panel.
 */
export function contrast(doc: Document, tokens: string[]): number[] {
  const win = doc.defaultView!;
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  /** The colour behind an element: its ancestors' backgrounds composited, translucent ones included. */
  const background = (el: Element | null): number[] => {
    const layers: number[][] = [];
    for (; el; el = el.parentElement) {
      const c = rgb(win.getComputedStyle(el).backgroundColor);
      const alpha = c.length > 3 ? c[3] : 1;
      if (alpha > 0) layers.push([c[0], c[1], c[2], alpha]);
      if (alpha >= 1) break;
    }
    let out = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
    return out;
  };
  const out: number[] = [];
  for (const token of tokens) {
    const span = Array.from(doc.querySelectorAll('.cm-content span')).find((s) => s.textContent === token);
    if (!span) continue;
    const a = lum(rgb(win.getComputedStyle(span).color));
    const b = lum(background(span));
    out.push((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05));
  }
  return out;
}

/**
 * Runs in the panel document: what a narrow DevTools shows of the panel's layout, for the narrow
 * layout tests. Self-contained: it is serialized into the panel.
 */
export function narrowLayout(doc: Document) {
  const win = doc.defaultView!;
  const rect = (s: string) => doc.querySelector(s)!.getBoundingClientRect();
  const controls = ['[data-toggle=sent]', '[data-toggle=received]', '[data-toggle=text]', '[data-toggle=binary]', '[data-toggle=lifecycle]', '[data-action=export]', '[data-action=import]', '[aria-label=Filter]'];
  const grid = rect('[role=grid][aria-label=Messages]');
  const tabs = Array.from(doc.querySelectorAll('[role=tablist] [role=tab]')).map((t) => t.getBoundingClientRect());
  return {
    width: win.innerWidth,
    outside: controls.filter((c) => {
      const r = rect(c);
      return r.width === 0 || r.right > win.innerWidth || r.left < 0;
    }),
    gridWidth: grid.width,
    sideTop: rect('[data-tab=message]').top,
    gridBottom: grid.bottom,
    overlaps: tabs.some((a, i) => tabs.some((b, j) => i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)),
  };
}

/** The panel's height and the message grid's, in a short DevTools dock. */
export function shortLayout(doc: Document) {
  return { window: doc.defaultView!.innerHeight, grid: doc.querySelector('[role=grid][aria-label=Messages]')!.getBoundingClientRect().height };
}

/**
 * Runs in the panel document: marks the first element matching `selector` whose text contains
 * `text` with `data-e2e-pick` (and no other), so that a test can click it as a user would.
 */
export function pickByText(doc: Document, [selector, text]: [string, string]): boolean {
  for (const el of Array.from(doc.querySelectorAll('[data-e2e-pick]'))) el.removeAttribute('data-e2e-pick');
  const el = Array.from(doc.querySelectorAll(selector)).find((e) => (e.textContent ?? '').includes(text));
  if (!el) throw new Error(`no ${selector} with the text ${text}`);
  el.setAttribute('data-e2e-pick', '');
  return true;
}
