/**
 * How a run's events describe what a socket sends or receives: the text itself, or a
 * binary value's type, length and first bytes in hex, with its size in bytes as sent on the wire.
 */
import type { Payload } from '../events.ts';
import { hex } from './format.ts';

// One encoder for every size: a string's size is its UTF-8 length, what the frame carries.
const encoder = new TextEncoder();

/** Describes `data` (string, ArrayBuffer, typed array, Blob, or anything String() accepts). */
export function payloadOf(data: unknown): Payload {
  if (typeof data === 'string') return { data, size: encoder.encode(data).length, binary: false };
  if (data instanceof ArrayBuffer) return { data: `ArrayBuffer(${data.byteLength}) ${hex(new Uint8Array(data))}`, size: data.byteLength, binary: true };
  if (ArrayBuffer.isView(data)) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { data: `${data.constructor.name}(${bytes.length}) ${hex(bytes)}`, size: bytes.length, binary: true };
  }
  // A Blob's bytes are only readable asynchronously: its size is all that is said.
  if (data instanceof Blob) return { data: `Blob(${data.size})`, size: data.size, binary: true };
  const text = String(data);
  return { data: text, size: encoder.encode(text).length, binary: false };
}
