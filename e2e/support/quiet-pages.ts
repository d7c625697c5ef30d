/** Test pages for what Sockets costs where nobody debugs, shared by the Chromium and Firefox suites. */

/** A page with `n` iframes and no socket; every 4th frame is cross-origin (served from `crossOrigin`). */
export const framesPage = (crossOrigin: string, n = 20) => `<!doctype html><title>frames</title><body>${Array.from(
  { length: n },
  (_, i) => `<iframe src="${i % 4 === 3 ? crossOrigin : ''}/quiet-child?${i}" width="40" height="30"></iframe>`,
).join('')}</body>`;

export const QUIET_CHILD = `<!doctype html><title>child</title><p>no socket here</p>`;

/** A page that sends `n` numbered messages ("msg-0001"…) as soon as its socket opens; the server echoes each. */
export const chattyPage = (n: number) => `<!doctype html><title>chatty</title><script>
  window.echoes = 0;
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/echo?chatty-' + location.search.slice(1));
  ws.onopen = () => { for (let i = 1; i <= ${n}; i++) ws.send('msg-' + String(i).padStart(4, '0')); };
  ws.onmessage = () => window.echoes++;
</script>`;

/** Adds counters to an extension page: every runtime message and port the extension's contexts receive. */
export const COUNT_EXTENSION_TRAFFIC = `(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  globalThis.received = [];
  api.runtime.onMessage.addListener((m, sender) => { received.push({ type: String(m?.type), url: sender.url }); });
  api.runtime.onConnect.addListener((port) => { received.push({ type: 'port ' + port.name, url: port.sender?.url }); });
  return true;
})()`;
