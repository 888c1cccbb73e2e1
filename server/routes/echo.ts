/**
 * /echo: sends every message back as it came, text as text and binary as binary.
 * Speaks the subprotocols `json` and `chat` (echo either way); the first one offered wins,
 * and a client offering none of them is still accepted, with no protocol.
 */
import type { WebSocketRoute } from './route.ts';

/** The echo endpoint; kept minimal because it is the one the benchmark measures. */
export const echoRoute: WebSocketRoute = {
  protocols: ['json', 'chat'],
  message(channel, data, isBinary) {
    channel.send(data, isBinary);
  },
};
