/**
 * Reads WebSocket frames (RFC 6455 §5.2) out of a byte stream cut anywhere, as a tap sees it:
 * the header is kept whole, the payload only up to `shown` bytes (the rest is counted, never
 * held), so a traced 1 MiB message costs the tracer a few hundred bytes.
 */

import type { WireFrame } from '../../shared/wire-frame.ts';

export type { WireFrame } from '../../shared/wire-frame.ts';

/** Opcode names, in the protocol's own words (RFC 6455 §11.8); others are « reserved ». */
const OPCODE_NAMES: Record<number, string> = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };

const MAX_HEADER = 14;
const decoder = new TextDecoder('utf-8', { fatal: false });

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Feeds chunks of one direction of a connection; calls `onFrame` with each frame once its payload has passed. */
export class FrameReader {
  readonly #shown: number;
  readonly #onFrame: (frame: WireFrame) => void;
  #header = Buffer.alloc(MAX_HEADER);
  #headerHave = 0;
  /** Header bytes needed, known once the first two are in. */
  #headerNeed = 2;
  #length = 0;
  #remaining = -1;
  #preview: Buffer = Buffer.alloc(0);
  #previewHave = 0;

  /** `shown`: payload bytes kept per frame for display. */
  constructor(shown: number, onFrame: (frame: WireFrame) => void) {
    this.#shown = shown;
    this.#onFrame = onFrame;
  }

  /** Reads one chunk of the stream. */
  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#remaining < 0) at = this.#readHeader(chunk, at);
      else {
        const take = Math.min(this.#remaining, chunk.length - at);
        const keep = Math.min(take, this.#preview.length - this.#previewHave);
        if (keep > 0) {
          this.#preview.set(chunk.subarray(at, at + keep), this.#previewHave);
          this.#previewHave += keep;
        }
        at += take;
        this.#remaining -= take;
      }
      if (this.#remaining === 0) this.#finish();
    }
  }

  #readHeader(chunk: Uint8Array, at: number): number {
    while (at < chunk.length && this.#headerHave < this.#headerNeed) {
      this.#header[this.#headerHave++] = chunk[at++];
      if (this.#headerHave === 2) {
        const len7 = this.#header[1] & 0x7f;
        this.#headerNeed = 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (this.#header[1] & 0x80 ? 4 : 0);
      }
    }
    if (this.#headerHave < this.#headerNeed) return at;
    const len7 = this.#header[1] & 0x7f;
    if (len7 === 126) this.#length = this.#header.readUInt16BE(2);
    // Above 2^53 the count is approximate: such a frame is refused by the server anyway (1009).
    else if (len7 === 127) this.#length = this.#header.readUInt32BE(2) * 2 ** 32 + this.#header.readUInt32BE(6);
    else this.#length = len7;
    this.#remaining = this.#length;
    this.#preview = Buffer.alloc(Math.min(this.#length, this.#shown));
    this.#previewHave = 0;
    return at;
  }

  #finish(): void {
    const h = this.#header;
    const masked = (h[1] & 0x80) !== 0;
    const len7 = h[1] & 0x7f;
    const key = masked ? h.subarray(this.#headerNeed - 4, this.#headerNeed) : undefined;
    const wire = this.#preview;
    const clear = key ? wire.map((b, i) => b ^ key[i % 4]) : wire;
    const opcode = h[0] & 0x0f;
    const frame: WireFrame = {
      fin: (h[0] & 0x80) !== 0,
      rsv: (h[0] >> 4) & 0x7,
      opcode,
      opcodeName: OPCODE_NAMES[opcode] ?? 'reserved',
      masked,
      maskingKey: key ? key.toString('hex') : null,
      lengthBits: len7 === 126 ? 16 : len7 === 127 ? 64 : 7,
      length: this.#length,
      header: hexOf(h.subarray(0, this.#headerNeed)),
      hex: hexOf(wire),
      text: decoder.decode(opcode === 8 ? clear.subarray(2) : clear),
      shown: wire.length,
    };
    if (key) frame.unmaskedHex = hexOf(clear);
    if (opcode === 8 && clear.length >= 2) frame.closeCode = (clear[0] << 8) | clear[1];
    this.#headerHave = 0;
    this.#headerNeed = 2;
    this.#remaining = -1;
    this.#onFrame(frame);
  }
}
