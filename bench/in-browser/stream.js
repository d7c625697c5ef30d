// Runs in the page: opens a socket to the bench server's /push stream with these query parameters
// and counts what arrives; answers the count when the server says it is done.
(query) => new Promise((resolve, reject) => {
  window.received = 0;
  const ws = new WebSocket(location.origin.replace('http', 'ws') + '/push?' + new URLSearchParams(query));
  ws.binaryType = 'arraybuffer';
  ws.onerror = () => reject(new Error('stream socket error'));
  ws.onmessage = (e) => {
    if (e.data === 'done') {
      ws.close();
      resolve(window.received);
    } else window.received++;
  };
})
