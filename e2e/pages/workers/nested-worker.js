const inner = new Worker('socket-worker.js' + location.search, { name: 'nested' });
inner.onmessage = (e) => postMessage(e.data);
