/** The WebSocket endpoints the lessons use, by pathname. */
import type { SharedState } from '../shared/shared-state.ts';
import type { UpdatesFeed } from '../updates/feed.ts';
import { createChatRoute } from './chat.ts';
import { closeRoute } from './close.ts';
import { dropRoute } from './drop.ts';
import { echoRoute } from './echo.ts';
import { handshakeRoute } from './handshake.ts';
import { pushRoute } from './push.ts';
import { rejectRoute } from './reject.ts';
import { silentRoute } from './silent.ts';
import type { WebSocketRoute } from './route.ts';
import { createUpdatesRoute } from './updates.ts';

/** Builds a fresh route table; routes with shared state (rooms, feed) get their own per server. */
export function createRoutes(feed: UpdatesFeed, shared?: SharedState): Map<string, WebSocketRoute> {
  return new Map<string, WebSocketRoute>([
    ['/echo', echoRoute],
    ['/push', pushRoute],
    ['/close', closeRoute],
    ['/reject', rejectRoute],
    ['/drop', dropRoute],
    ['/silent', silentRoute],
    ['/handshake', handshakeRoute],
    ['/chat', createChatRoute(shared)],
    ['/updates', createUpdatesRoute(feed)],
  ]);
}
