/**
 * /updates: the WebSocket side of the transports lab. Sends one message per new update of the
 * shared feed, `{"n","time","value"}`, the same stream as GET /api/updates*.
 */
import type { UpdatesFeed } from '../updates/feed.ts';
import type { WebSocketRoute } from './route.ts';

/** Creates the /updates endpoint reading `feed`. */
export function createUpdatesRoute(feed: UpdatesFeed): WebSocketRoute {
  return {
    handle(ws, _req, _url, channel) {
      const unsubscribe = feed.subscribe((update) => channel.send(JSON.stringify(update), false));
      ws.on('close', unsubscribe);
    },
  };
}
