// Evaluated before the importing module's body: this socket opens on the worker's first line.
new WebSocket(new URL('/echo?from=module-import' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws'))).onopen = (e) => e.target.send('from the import');

export function first(name) {
  const ws = new WebSocket(new URL('/echo?from=' + name + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
  ws.binaryType = 'arraybuffer';
  const got = [];
  ws.onopen = () => { ws.send('hello from ' + name); ws.send(new Uint8Array([7, 8, 9, 10])); };
  ws.onmessage = (e) => { got.push(typeof e.data === 'string' ? e.data : 'bytes:' + e.data.byteLength); postMessage({ got, location: String(self.location) }); };
}
