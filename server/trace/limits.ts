/**
 * Every bound of frame tracing (« Trames »), named once. A trace channel is a WebSocket like any
 * other (admission, per-address caps, rate limit), so the number of channels is bounded there.
 */

/** Random bytes in a channel's token: 24 bytes, 32 base64url characters, 192 bits nobody can guess. */
export const TRACE_TOKEN_BYTES = 24;

/** Traced sockets open at once on one channel; more sockets work normally, untraced. */
export const MAX_TRACED_SOCKETS = 16;

/** Frames reported per traced socket and second (also the burst); more are counted, not sent. */
export const TRACE_FRAMES_PER_SECOND = 50;

/** Frames reported over one traced socket's life; then its tap is removed and the channel told. */
export const MAX_TRACED_FRAMES = 1000;

/** Payload bytes shown per frame, in hex and as text; the full length is always stated. */
export const TRACE_SHOWN_BYTES = 128;

/**
 * Share of MAX_BUFFERED a channel may hold unsent: past it, frames are counted as dropped instead
 * of queued, so a page that stops reading its channel costs at most this, and is never cut for it.
 */
export const TRACE_BACKLOG_SHARE = 0.5;
