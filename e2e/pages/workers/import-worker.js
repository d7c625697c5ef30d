importScripts('imported.js');
const ws = new WebSocket(new URL('/echo?from=imports' + location.search.replace('?', '&'), location.href.replace(/^http/, 'ws')));
ws.onopen = () => ws.send(importedValue);
ws.onmessage = (e) => postMessage({ echo: e.data, location: String(self.location), scripts: typeof importScripts });
