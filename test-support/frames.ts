/**
 * WebSocket frames (RFC 6455 §5.2), encoded and decoded byte by byte: the one frame codec of
 * the tests, which send frames no browser would send to our server and to the PHP one.
 */

/** Opcodes, in the protocol's own words. */
export const OPCODES = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

/** One frame, as fields. */
export interface Frame {
  /** Last frame of its message. */
  fin: boolean;
  /** The three reserved bits (0 unless an extension was negotiated). */
  rsv: number;
  opcode: number;
  /** The 4-byte masking key, present on every frame a client sends. */
  mask?: Uint8Array;
  /** The payload, unmasked. */
  payload: Uint8Array;
}

/** A decoded frame, plus where it ended in the input. */
export interface DecodedFrame extends Frame {
  /** Bytes before the payload: 2, plus 2 or 8 for a long length, plus 4 for a mask. */
  headerLength: number;
  /** Total bytes consumed. */
  frameLength: number;
}

/** Builds the bytes of one frame; masks the payload when a key is given. */
export function encodeFrame({ fin = true, rsv = 0, opcode, mask, payload }: Partial<Frame> & { opcode: number; payload: Uint8Array }): Uint8Array {
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const header = 2 + lengthBytes + (mask ? 4 : 0);
  const out = new Uint8Array(header + length);
  const view = new DataView(out.buffer);
  out[0] = (fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0x0f);
  out[1] = (mask ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) view.setUint16(2, length);
  if (lengthBytes === 8) view.setBigUint64(2, BigInt(length));
  if (mask) out.set(mask, 2 + lengthBytes);
  for (let i = 0; i < length; i++) out[header + i] = mask ? payload[i] ^ mask[i % 4] : payload[i];
  return out;
}

/** Reads the frame at the start of `bytes`, or returns undefined if it is not complete yet. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame | undefined {
  if (bytes.length < 2) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const masked = (bytes[1] & 0x80) !== 0;
  let length = bytes[1] & 0x7f;
  let at = 2;
  if (length === 126) {
    if (bytes.length < 4) return undefined;
    length = view.getUint16(2);
    at = 4;
  } else if (length === 127) {
    if (bytes.length < 10) return undefined;
    length = Number(view.getBigUint64(2));
    at = 10;
  }
  const mask = masked ? bytes.slice(at, at + 4) : undefined;
  const headerLength = at + (masked ? 4 : 0);
  if (bytes.length < headerLength + length) return undefined;
  const payload = bytes.slice(headerLength, headerLength + length);
  if (mask) for (let i = 0; i < length; i++) payload[i] ^= mask[i % 4];
  return {
    fin: (bytes[0] & 0x80) !== 0,
    rsv: (bytes[0] >> 4) & 0x7,
    opcode: bytes[0] & 0x0f,
    mask,
    payload,
    headerLength,
    frameLength: headerLength + length,
  };
}

/** Bytes as spaced hexadecimal, e.g. `81 85 37 fa`. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
