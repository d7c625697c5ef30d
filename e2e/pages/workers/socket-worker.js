// Opens a socket on its first line, sends text and binary, and reports what it saw (and what a
// worker can tell about its WebSocket) to whoever created it.
const ws = new WebSocket(new URL('/echo?from=' + (self.name || 'worker') + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
ws.binaryType = 'arraybuffer';
const got = [];
let thrown = '';
try {
  new WebSocket('ftp://127.0.0.1/');
} catch (e) {
  thrown = `${e.name} ${/-extension:\/\//.test(String(e.stack)) ? 'extension frames' : 'own frames'}`;
}
const checks = {
  location: String(self.location),
  constructor: String(WebSocket),
  send: Function.prototype.toString.call(WebSocket.prototype.send),
  instance: ws instanceof WebSocket && Object.getPrototypeOf(ws) === WebSocket.prototype,
  globals: Object.getOwnPropertyNames(self).filter((n) => n.startsWith('$') || /^(sockets|__SOCKETS)/i.test(n)),
  thrown,
};
ws.onopen = () => { ws.send('hello from ' + (self.name || 'worker')); ws.send(new Uint8Array([1, 2, 3])); };
ws.onmessage = (e) => {
  got.push(typeof e.data === 'string' ? e.data : 'bytes:' + e.data.byteLength);
  if (typeof postMessage === 'function') postMessage({ got, checks });
};
