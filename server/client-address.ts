/** Who is on the other end: the socket's address, or the proxy's word for it when trusted. */
import type { IncomingMessage } from 'node:http';

/** Removes the IPv4-mapped IPv6 prefix so that one client has one spelling. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * The client's address. With trustProxy, the rightmost X-Forwarded-For entry: the one our
 * own proxy appended (entries on its left come from the client and can be forged).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const value = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
    if (value) {
      const last = value.slice(value.lastIndexOf(',') + 1).trim();
      if (last) return normalize(last);
    }
  }
  return normalize(req.socket.remoteAddress ?? 'unknown');
}

/** The host the client asked for: Host, or X-Forwarded-Host behind a trusted proxy. */
export function requestedHost(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? req.headers.host;
  return host?.split(',')[0].trim().toLowerCase();
}
