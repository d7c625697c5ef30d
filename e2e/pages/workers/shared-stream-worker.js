// stream-worker.js in a shared worker: one socket, its echoes posted to every connected page.
const ws = new WebSocket(new URL('/echo?from=shared-stream' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
const echoes = [];
const ports = [];
const post = (m) => ports.forEach((p) => p.postMessage(m));
ws.onopen = () => post('open');
ws.onmessage = (e) => {
  echoes.push(e.data);
  post(echoes);
};
onconnect = (e) => {
  const port = e.ports[0];
  ports.push(port);
  if (ws.readyState === 1) port.postMessage('open');
  port.onmessage = (m) => {
    let sent = 0;
    const timer = setInterval(() => {
      ws.send('message ' + ++sent);
      if (sent === m.data) clearInterval(timer);
    }, 25);
  };
};
