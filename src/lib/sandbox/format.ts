/** Turns console arguments into the one line of text the playground shows. */
import { clip } from './budget.ts';

/** Formats `console.log` arguments the way a learner expects to read them. */
export function formatArgs(args: unknown[]): string {
  const text = args.map((arg) => (typeof arg === 'string' ? arg : formatValue(arg))).join(' ');
  return clip(text);
}

/** One value, as `console.log` would show it, in plain text. */
export function formatValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof DOMException !== 'undefined' && value instanceof DOMException) return `${value.name}: ${value.message}`;
  if (typeof CloseEvent !== 'undefined' && value instanceof CloseEvent) {
    return `CloseEvent {code: ${value.code}, reason: ${JSON.stringify(value.reason)}, wasClean: ${value.wasClean}}`;
  }
  if (typeof MessageEvent !== 'undefined' && value instanceof MessageEvent) {
    return `MessageEvent {data: ${formatValue(value.data)}}`;
  }
  if (typeof Event !== 'undefined' && value instanceof Event) return `Event {type: ${JSON.stringify(value.type)}}`;
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength}) ${hex(new Uint8Array(value))}`;
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return `${value.constructor.name}(${bytes.length}) ${hex(bytes)}`;
  }
  if (typeof Blob !== 'undefined' && value instanceof Blob) return `Blob {size: ${value.size}, type: ${JSON.stringify(value.type)}}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `ƒ ${value.name || '(anonyme)'}()`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol' || value === undefined) return String(value);
  if (typeof value === 'object' && value !== null && isWebSocket(value)) {
    return `WebSocket {url: ${JSON.stringify(value.url)}, readyState: ${value.readyState}}`;
  }
  try {
    return JSON.stringify(value, replacer()) ?? String(value);
  } catch {
    return String(value);
  }
}

function isWebSocket(value: object): value is { url: string; readyState: number } {
  return 'readyState' in value && 'url' in value && 'send' in value;
}

function replacer() {
  const seen = new WeakSet<object>();
  return (_key: string, value: unknown) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  };
}

/** The first bytes as hexadecimal, e.g. `01 ff 20 …`. */
export function hex(bytes: Uint8Array, limit = 16): string {
  const shown = Array.from(bytes.subarray(0, limit), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return bytes.length > limit ? `${shown} …` : shown;
}
