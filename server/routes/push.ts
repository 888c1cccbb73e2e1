/**
 * /push?interval=MS&count=N: the server speaks first. After open it sends
 * `{"type":"tick","n":1,"time":"<ISO>"}` every `interval` ms (default 1000, clamped to 50–60000),
 * `count` times (default 5, clamped to 1–1000), then closes with 1000 "Fin du flux".
 */
import { clampedInt } from './params.ts';
import type { WebSocketRoute } from './route.ts';

/** The server-push demo endpoint. */
export const pushRoute: WebSocketRoute = {
  handle(ws, _req, url, channel) {
    const interval = clampedInt(url, 'interval', 1000, 50, 60000);
    const count = clampedInt(url, 'count', 5, 1, 1000);
    let n = 0;
    const timer = setInterval(() => {
      n++;
      channel.send(JSON.stringify({ type: 'tick', n, time: new Date().toISOString() }), false);
      if (n >= count) {
        clearInterval(timer);
        channel.close(1000, 'Fin du flux');
      }
    }, interval);
    ws.on('close', () => clearInterval(timer));
  },
};
