/** The target of an HTTP request as a URL. */
import type { IncomingMessage } from 'node:http';

/** The request target as a URL; concatenated so that `//x` stays a path, not a host. */
export function parseRequestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(`http://localhost${req.url ?? '/'}`);
  } catch {
    return undefined;
  }
}
