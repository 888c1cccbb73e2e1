/**
 * The heartbeat: every interval, a peer that did not answer the last ping is cut, a peer idle
 * for longer than idleTimeout is closed with 1001, and every other one is pinged.
 */
import { CLOSE, type Connection } from './connection.ts';
import { IDLE_REASON } from './messages.fr.ts';

/** Starts beating over `connections` (read at each beat); returns what stops it. */
export function startHeartbeat(connections: ReadonlySet<Connection>, intervalMs: number, idleTimeoutMs: number): () => void {
  const timer = setInterval(() => {
    const now = Date.now();
    for (const conn of connections) {
      if (!conn.alive) {
        conn.drop();
        continue;
      }
      if (idleTimeoutMs > 0 && now - conn.lastActive > idleTimeoutMs) {
        conn.close(CLOSE.GOING_AWAY, IDLE_REASON);
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, intervalMs);
  // The heartbeat alone must not keep the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
