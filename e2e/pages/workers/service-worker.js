const ws = new WebSocket(new URL('/echo?from=service' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
ws.binaryType = 'arraybuffer';
ws.onopen = () => { ws.send('hello from service'); ws.send(new Uint8Array([6])); };
self.addEventListener('install', () => self.skipWaiting());
