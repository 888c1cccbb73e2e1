/** The WebSocket endpoints the lessons use, by pathname. */
import { echoRoute } from './echo.ts';
import type { WebSocketRoute } from './route.ts';

/** Builds a fresh route table; routes with shared state (rooms, feeds) get their own per server. */
export function createRoutes(): Map<string, WebSocketRoute> {
  return new Map<string, WebSocketRoute>([['/echo', echoRoute]]);
}
