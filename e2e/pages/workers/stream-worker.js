const ws = new WebSocket(new URL('/echo?from=stream' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
const echoes = [];
ws.onopen = () => postMessage('open');
ws.onmessage = (e) => {
  echoes.push(e.data);
  postMessage(echoes);
};
onmessage = (e) => {
  let sent = 0;
  const timer = setInterval(() => {
    ws.send('message ' + ++sent);
    if (sent === e.data) clearInterval(timer);
  }, 25);
};
