/**
 * A tap on one traced connection's TCP socket: the bytes it receives (a 'data' listener placed
 * before ws's own) and the bytes ws writes to it (its `write`, wrapped on this socket only), read
 * as frames and reported to the channel that asked. Untraced sockets never get one.
 */
import type { Duplex } from 'node:stream';
import { takeToken, type TokenBucket } from '../rate-limit.ts';
import { FrameReader, type WireFrame } from './frame-reader.ts';
import { MAX_TRACED_FRAMES, TRACE_FRAMES_PER_SECOND, TRACE_SHOWN_BYTES } from './limits.ts';

/** Where a tap reports; returns false when the message was not queued (backlog full). */
export interface TapSink {
  post(message: object): boolean;
  /** Forgets a tap that is done (its socket closed, or its frame budget spent). */
  forget(tap: Tap): void;
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/** Tapped socket, as seen by the server (`in`: received from the browser; `out`: sent to it). */
export class Tap implements TokenBucket {
  readonly label: string;
  tokens = TRACE_FRAMES_PER_SECOND;
  lastRefill = Date.now();
  #frames = 0;
  #dropped = 0;
  #reported = 0;
  #socket: Duplex;
  #sink: TapSink;
  #original: Write;
  #attached = true;
  #onData: (chunk: Buffer) => void;
  #onClose: () => void;

  /** Starts reading `socket` both ways; call right after the upgrade, before any frame. */
  constructor(socket: Duplex, label: string, sink: TapSink) {
    this.label = label;
    this.#socket = socket;
    this.#sink = sink;
    const incoming = new FrameReader(TRACE_SHOWN_BYTES, (frame) => this.#report('in', frame));
    const outgoing = new FrameReader(TRACE_SHOWN_BYTES, (frame) => this.#report('out', frame));
    this.#onData = (chunk) => this.#read(incoming, chunk);
    this.#onClose = () => this.end();
    // Before ws's listener: a message is reported before the answer ws writes while handling it.
    socket.prependListener('data', this.#onData);
    socket.once('close', this.#onClose);
    const original = socket.write as unknown as Write;
    this.#original = original;
    const read = (chunk: unknown) => this.#read(outgoing, chunk);
    (socket as unknown as { write: Write }).write = function tapped(this: Duplex, chunk, ...rest) {
      read(chunk);
      return original.call(this, chunk, ...rest);
    };
  }

  #read(reader: FrameReader, chunk: unknown): void {
    if (!this.#attached) return;
    try {
      reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Uint8Array));
    } catch {
      // A tap must never cost the connection: on anything unexpected it lets go.
      this.detach();
    }
  }

  #report(direction: 'in' | 'out', frame: WireFrame): void {
    if (!this.#attached) return;
    const sink = this.#sink;
    if (!takeToken(this, Date.now(), TRACE_FRAMES_PER_SECOND, TRACE_FRAMES_PER_SECOND)) {
      this.#dropped++;
      return;
    }
    if (this.#dropped !== this.#reported && sink.post({ type: 'dropped', label: this.label, count: this.#dropped })) this.#reported = this.#dropped;
    if (!sink.post({ type: 'frame', label: this.label, direction, ...frame })) {
      this.#dropped++;
      return;
    }
    if (++this.#frames < MAX_TRACED_FRAMES) return;
    this.detach();
    sink.post({ type: 'untraced', label: this.label, reason: 'frames' });
  }

  /** The socket closed: the channel hears the totals. */
  end(): void {
    if (!this.#attached) return;
    this.detach();
    this.#sink.post({ type: 'closed', label: this.label, frames: this.#frames, dropped: this.#dropped });
  }

  /** Gives the socket back as it was (its own write, no listener of ours). */
  detach(): void {
    if (!this.#attached) return;
    this.#attached = false;
    const socket = this.#socket;
    socket.off('data', this.#onData);
    socket.off('close', this.#onClose);
    (socket as unknown as { write: Write }).write = this.#original;
    this.#sink.forget(this);
  }
}
