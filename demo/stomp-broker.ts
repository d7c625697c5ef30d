import type { WebSocket } from 'ws';

/**
 * A tiny in-memory STOMP 1.2 broker for the demo (CONNECT, SUBSCRIBE, UNSUBSCRIBE, SEND,
 * DISCONNECT), enough for @stomp/stompjs in the page to chat and receive a feed.
 */
export function createStompBroker() {
  const subscriptions = new Map<WebSocket, Map<string, string>>();
  let messageId = 0;

  const frame = (command: string, headers: Record<string, string>, body = '') =>
    `${command}\n${Object.entries(headers).map(([k, v]) => `${k}:${v}`).join('\n')}\n\n${body}\0`;

  const parse = (data: string) => {
    const [head, ...rest] = data.replace(/\0\s*$/, '').split('\n\n');
    const [command, ...lines] = head.replace(/^\s+/, '').split('\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
    return { command, headers, body: rest.join('\n\n') };
  };

  const publish = (destination: string, body: string) => {
    for (const [ws, subs] of subscriptions) {
      for (const [id, dest] of subs) {
        if (dest === destination) {
          ws.send(frame('MESSAGE', { subscription: id, 'message-id': String(++messageId), destination, 'content-type': 'application/json' }, body));
        }
      }
    }
  };

  return {
    publish,
    accept(ws: WebSocket) {
      subscriptions.set(ws, new Map());
      ws.on('close', () => subscriptions.delete(ws));
      ws.on('message', (raw) => {
        const text = raw.toString();
        if (text === '\n' || text === '\r\n') return; // heart-beat
        const f = parse(text);
        const subs = subscriptions.get(ws)!;
        switch (f.command) {
          case 'CONNECT':
          case 'STOMP':
            ws.send(frame('CONNECTED', { version: '1.2', 'heart-beat': '0,0', server: 'sockets-demo/1.0' }));
            break;
          case 'SUBSCRIBE':
            subs.set(f.headers.id, f.headers.destination);
            break;
          case 'UNSUBSCRIBE':
            subs.delete(f.headers.id);
            break;
          case 'SEND':
            publish(f.headers.destination, f.body);
            break;
          case 'DISCONNECT':
            if (f.headers.receipt) ws.send(frame('RECEIPT', { 'receipt-id': f.headers.receipt }));
            ws.close();
            break;
        }
        if (f.headers.receipt && f.command !== 'DISCONNECT') ws.send(frame('RECEIPT', { 'receipt-id': f.headers.receipt }));
      });
    },
  };
}
