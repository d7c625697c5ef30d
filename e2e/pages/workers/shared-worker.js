// One socket for all the tabs connected to this worker; each connection asks it to send a message.
const ws = new WebSocket(new URL('/echo?from=shared' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
const ports = [];
const got = [];
const queued = [];
const send = (text) => (ws.readyState === 1 ? ws.send(text) : queued.push(text));
ws.onopen = () => queued.splice(0).forEach((t) => ws.send(t));
ws.onmessage = (e) => {
  got.push(e.data);
  for (const p of ports) p.postMessage({ got });
};
onconnect = (e) => {
  const port = e.ports[0];
  const tab = ports.push(port);
  port.onmessage = () => send('tab ' + tab);
};
