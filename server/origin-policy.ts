/** Which browser pages may open WebSockets to this server. */
import type { IncomingMessage } from 'node:http';
import { requestedHost } from './client-address.ts';

/**
 * Allowed: no Origin (non-browser clients, which can forge it anyway); `null` (the course's
 * runner is an `<iframe sandbox="allow-scripts">`, whose origin is opaque); the server's own
 * host; any origin listed in allowedOrigins; anything when that list contains `*`.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[], trustProxy: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  if (allowedOrigins.includes('*')) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.host === requestedHost(req, trustProxy)) return true;
  return allowedOrigins.includes(parsed.origin);
}
