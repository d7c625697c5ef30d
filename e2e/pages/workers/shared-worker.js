// One socket for all the tabs connected to this worker; each connection asks it to send a message,
// or to open another socket ('open'), which sends 'late' and reports its echo as 'late:…'.
const ws = new WebSocket(new URL('/echo?from=shared' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
const ports = [];
const got = [];
const queued = [];
const send = (text) => (ws.readyState === 1 ? ws.send(text) : queued.push(text));
ws.onopen = () => queued.splice(0).forEach((t) => ws.send(t));
const report = (text) => {
  got.push(text);
  for (const p of ports) p.postMessage({ got });
};
ws.onmessage = (e) => report(e.data);
const openLate = () => {
  const late = new WebSocket(new URL('/echo?from=shared-late' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
  late.onopen = () => late.send('late');
  late.onmessage = (e) => report('late:' + e.data);
};
onconnect = (e) => {
  const port = e.ports[0];
  const tab = ports.push(port);
  port.onmessage = (e) => (e.data === 'open' ? openLate() : send('tab ' + tab));
};
