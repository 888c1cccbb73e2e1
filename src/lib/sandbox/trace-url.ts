/**
 * « Trames »: how a run's socket asks the companion server to trace it. The page's trace channel
 * gave a token; a socket opened to that same server carries it as the last query parameter,
 * which the server takes off before routing (server/trace/tracing.ts). Sockets to any other
 * host never see the token.
 */

/** The query parameter; the server's TRACE_PARAM (server/ cannot be imported from here). */
export const TRACE_PARAM = 'ws-trace';

/** What a run needs to have its sockets traced. */
export interface TraceRequest {
  /** The channel's token (base64url). */
  token: string;
  /** The server that issued it (`ws://host:port`): only sockets to this host carry the token. */
  server: string;
  /** Names the run for the page (letters, digits, dashes); the server repeats it with each frame. */
  tag: string;
}

/** The query text to append to `url` for socket number `socket`, or undefined when it must not be traced. */
export function traceSuffix(url: string | URL, trace: TraceRequest | undefined, socket: number): string | undefined {
  if (!trace || !/^[A-Za-z0-9_-]{1,64}$/.test(trace.token) || !/^[A-Za-z0-9-]{1,20}$/.test(trace.tag)) return undefined;
  let target: URL;
  let server: URL;
  try {
    target = new URL(String(url));
    server = new URL(trace.server);
  } catch {
    return undefined;
  }
  if (target.protocol !== server.protocol || target.host !== server.host || target.hash !== '') return undefined;
  const separator = target.search !== '' || target.href.endsWith('?') ? '&' : '?';
  return `${separator}${TRACE_PARAM}=${trace.token}.${trace.tag}-${socket}`;
}

/** The URL to open: `url` as the browser writes it, followed by the suffix. */
export function tracedUrl(url: string | URL, suffix: string): string {
  return new URL(String(url)).href + suffix;
}

/** What the learner's code sees as `socket.url`: the browser's URL without the suffix. */
export function visibleUrl(nativeUrl: string, suffix: string | undefined): string {
  return suffix && nativeUrl.endsWith(suffix) ? nativeUrl.slice(0, -suffix.length) : nativeUrl;
}
