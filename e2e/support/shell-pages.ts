/** Pages and in-panel probes shared by the Chromium and Firefox shell suites. */

/** One socket (sub-protocol chat.v1) that sends three texts, gets them echoed, and stays open. */
export const LIVE_PAGE = `<!doctype html><title>live</title><script>
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?live', ['chat.v1']);
  ws.onopen = () => { ws.send('alpha one'); ws.send('beta two'); ws.send('alpha three'); };
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
