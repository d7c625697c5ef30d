// A hostile page for e2e/shared/channel.test.ts: it tries to read and forge the page → relay
// channel. Each attack answers what the page could observe.
'use strict';
const HOOK_PORT = 'sockets-devtools:hook-port';
const RELAY_READY = 'sockets-devtools:relay-ready';
const wsUrl = (path) => location.origin.replace(/^http/, 'ws') + path;

/** Forged raw records: a socket that does not exist, one that reuses a real id, malformed ones. */
function forgedBatch(tag) {
  const t = performance.timeOrigin + performance.now();
  const created = (id, url) => ({ k: 'created', id, t, url, protocols: [], binaryType: 'blob', frameUrl: location.href, api: 'websocket' });
  return [
    created(1, 'ws://forged.invalid/' + tag),
    created(424242, 'ws://forged.invalid/new-' + tag),
    { k: 'message', id: 424242, t, dir: 'received', data: 'forged message ' + tag },
    { k: 'message', id: 1, t, dir: 'received', data: 'forged into socket 1 ' + tag },
    { k: 'message', id: 999999, t, dir: 'sent', data: 'forged for a socket never created ' + tag },
    { k: 'closed', id: 1, t, code: 4999, reason: 'forged close', wasClean: true },
    null, 42, 'garbage', [], { k: 'created' }, { k: 'message', id: -1, t, dir: 'x', data: {} },
    { k: 'created', id: 2 ** 60, t, url: 'x'.repeat(1e6), protocols: 'nope' },
  ];
}

window.attacks = {
  /** Hands a port of the page's own to whoever listens for the hook's event, then writes on it. */
  forgedPort(tag) {
    const channel = new MessageChannel();
    const event = new MessageEvent(HOOK_PORT, { ports: [channel.port2], cancelable: true });
    const notTaken = document.dispatchEvent(event);
    channel.port1.postMessage(forgedBatch(tag));
    channel.port1.postMessage({ k: 'result', id: 1, ok: true });
    channel.port1.postMessage('garbage');
    return { notTaken };
  },
  /** Pretends to be a relay that just started: would the hook hand its port over again? */
  forgedRelayReady() {
    const seen = [];
    const listen = (target, name) => target.addEventListener(HOOK_PORT, (e) => seen.push(name + ':' + (e.ports ? e.ports.length : 0)), true);
    listen(window, 'window');
    listen(document, 'document');
    document.dispatchEvent(new Event(RELAY_READY));
    window.dispatchEvent(new Event(RELAY_READY));
    document.dispatchEvent(new CustomEvent(RELAY_READY, { detail: { port: 'please' } }));
    return seen;
  },
  /** Garbage on everything a page can reach. */
  garbage() {
    const junk = [undefined, null, 0, 'x', { k: 'created', id: 1 }, [{ k: 'created', id: 7, t: 0, url: 'ws://forged.invalid/posted' }], new ArrayBuffer(8), new Blob(['b'])];
    for (const j of junk) {
      window.postMessage(j, '*');
      document.dispatchEvent(new CustomEvent(HOOK_PORT, { detail: j }));
      document.dispatchEvent(new CustomEvent(RELAY_READY, { detail: j }));
      document.dispatchEvent(new CustomEvent('sockets-devtools:record', { detail: j }));
    }
    return junk.length;
  },
  /** A parent listening on a new about:blank frame before it uses the frame's WebSocket. */
  async listenOnNewFrame() {
    const f = document.createElement('iframe');
    document.body.appendChild(f);
    const seen = [];
    for (const name of [HOOK_PORT, RELAY_READY]) {
      f.contentWindow.addEventListener(name, () => seen.push('window ' + name), true);
      f.contentDocument.addEventListener(name, () => seen.push('document ' + name), true);
    }
    const ws = new f.contentWindow.WebSocket(wsUrl('/echo?child-of-listener'));
    await new Promise((r) => (ws.onopen = r));
    const echoed = new Promise((r) => (ws.onmessage = (e) => r(e.data)));
    ws.send('from the watched frame');
    return { echo: await echoed, seen };
  },
  /**
   * A same-origin frame sandboxed without scripts runs the relay but no hook (Chromium): the parent
   * hands its relay a port of its own and writes forged records on it.
   */
  async sandboxedFramePort(tag) {
    const f = document.createElement('iframe');
    f.sandbox = 'allow-same-origin';
    const loaded = new Promise((r) => (f.onload = r));
    f.src = '/frame-child.html?ws=' + encodeURIComponent(wsUrl('/echo?never-opened'));
    document.body.appendChild(f);
    await loaded;
    const channel = new MessageChannel();
    const notTaken = f.contentDocument.dispatchEvent(new MessageEvent(HOOK_PORT, { ports: [channel.port2], cancelable: true }));
    channel.port1.postMessage(forgedBatch(tag));
    return { notTaken };
  },
  /** The same kind of frame's WebSocket, used by its parent (the frame itself cannot run scripts). */
  async sandboxedFrameSocket() {
    const f = document.createElement('iframe');
    f.sandbox = 'allow-same-origin';
    const loaded = new Promise((r) => (f.onload = r));
    f.src = '/frame-child.html?ws=' + encodeURIComponent(wsUrl('/echo?never-opened-either'));
    document.body.appendChild(f);
    await loaded;
    const w = f.contentWindow;
    const ws = new w.WebSocket(wsUrl('/echo?sandboxed-no-script'));
    await new Promise((r) => (ws.onopen = r));
    const echoed = new Promise((r) => (ws.onmessage = (e) => r(e.data)));
    ws.send('from the sandboxed frame');
    const toString = w.Function.prototype.toString;
    return { echo: await echoed, printed: [toString.call(w.WebSocket), toString.call(w.WebSocket.prototype.send), toString.call(toString), Function.prototype.toString.call(w.WebSocket)] };
  },
  /** A real socket, to show the relay still works afterwards. */
  async realSocket(tag) {
    const ws = new WebSocket(wsUrl('/echo?real-' + tag));
    await new Promise((r) => (ws.onopen = r));
    const echoed = new Promise((r) => (ws.onmessage = (e) => r(e.data)));
    ws.send('real ' + tag);
    return echoed;
  },
};
