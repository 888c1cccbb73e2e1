/**
 * /close?code=C&reason=R&after=MS: the server closes the connection itself, with code C
 * (default 1000) and reason R (default empty, at most 123 bytes of UTF-8) after MS ms
 * (default 0, clamped to 0–60000). Messages received before then are echoed.
 * Allowed codes: 1000, 1001, 1003, 1007–1014 and 3000–4999; anything else, or a reason too
 * long, closes at once with 1008 and a reason that explains why.
 */
import { DEMO } from '../messages.fr.ts';
import { clampedInt, strictInt } from './params.ts';
import type { WebSocketRoute } from './route.ts';

/** The longest close reason a frame can carry (125-byte control payload minus the code). */
export const MAX_REASON_BYTES = 123;

/** True for the codes a server may send and a lesson may want to show. */
export function isAllowedCloseCode(code: number): boolean {
  return code === 1000 || code === 1001 || code === 1003 || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** The close-on-demand demo endpoint. */
export const closeRoute: WebSocketRoute = {
  handle(ws, _req, url, channel) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      channel.send(data, isBinary);
    });
    const code = strictInt(url, 'code', 1000);
    const reason = url.searchParams.get('reason') ?? '';
    if (!isAllowedCloseCode(code)) {
      channel.close(1008, DEMO.badCloseCode(url.searchParams.get('code')?.slice(0, 12)));
      return;
    }
    if (Buffer.byteLength(reason) > MAX_REASON_BYTES) {
      channel.close(1008, DEMO.reasonTooLong(MAX_REASON_BYTES));
      return;
    }
    const after = clampedInt(url, 'after', 0, 0, 60000);
    const timer = setTimeout(() => channel.close(code, reason), after);
    ws.on('close', () => clearTimeout(timer));
  },
};
