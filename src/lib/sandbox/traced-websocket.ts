/**
 * A WebSocket that reports its lifecycle. It wraps the browser's own WebSocket and
 * re-dispatches each event itself, which is what lets « Pas à pas » hold an event
 * until the learner asks for it, and keeps `readyState` in step with what the
 * learner's code has actually been told.
 */
import type { SocketEvent, UntimedSocketEvent } from '../events.ts';
import { refusedBy } from './refusals.ts';
import { payloadOf } from './socket-payload.ts';
import { traceSuffix, tracedUrl, visibleUrl, type TraceRequest } from './trace-url.ts';

type Delivered = 'open' | 'message' | 'error' | 'close';
const DELIVERED: Delivered[] = ['open', 'message', 'error', 'close'];

/** What « Pas à pas » shows about an event before delivering it. */
export interface HeldInfo {
  /** The lifecycle event that delivering it will report. */
  preview: UntimedSocketEvent;
  /** Source text of the code that will run (the onX handler, else the first listener). */
  handler?: string;
  /** `onopen`, or `addEventListener("open")`, or undefined when nothing listens. */
  handlerName?: string;
}

/** What a traced socket needs from the sandbox around it. */
export interface SocketHooks {
  /** Reports a lifecycle event (the sandbox adds the timestamp). */
  report(event: UntimedSocketEvent): void;
  /** Delivers now, or holds the delivery until the learner steps (« Pas à pas »). */
  gate(socket: number, event: Delivered, deliver: () => void, info: () => HeldInfo): void;
  /** The socket is gone for good: one less thing keeping the run alive. */
  closed(): void;
  opened(): void;
  /** « Trames »: the run's trace request, if the page asked for one (see trace-url.ts). */
  trace?(): TraceRequest | undefined;
}

/**
 * Builds a `WebSocket` class, drop-in for the browser's, that reports through `hooks`, and
 * `closeAll()`, which closes every socket still open (the run was stopped).
 */
export function createTracedWebSocket(Native: typeof WebSocket, hooks: SocketHooks) {
  let created = 0;
  const live = new Set<WebSocket>();

  class TracedWebSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly CONNECTING = 0;
    readonly OPEN = 1;
    readonly CLOSING = 2;
    readonly CLOSED = 3;

    #native: WebSocket;
    #id: number;
    /** The URL without the trace suffix: the token is never the learner's to see. */
    #url: string;
    #state = 0;
    #handlers: Record<Delivered, ((event: Event) => unknown) | null> = { open: null, message: null, error: null, close: null };
    #listeners: Record<Delivered, unknown[]> = { open: [], message: [], error: [], close: [] };

    constructor(url: string | URL, protocols?: string | string[]) {
      super();
      const suffix = traceSuffix(url, hooks.trace?.(), created + 1);
      const target = suffix ? tracedUrl(url, suffix) : url;
      // Throws the browser's own SyntaxError for a bad URL, before anything is counted.
      this.#native = refusedBy('WebSocket', () => (protocols === undefined ? new Native(target) : new Native(target, protocols)));
      this.#url = visibleUrl(this.#native.url, suffix);
      this.#id = ++created;
      live.add(this.#native);
      hooks.opened();
      for (const type of DELIVERED) {
        this.#native.addEventListener(type, (event) => {
          if (type === 'close') live.delete(this.#native);
          hooks.gate(this.#id, type, () => this.#deliver(type, event), () => this.#held(type, event));
        });
      }
      const list = protocols === undefined ? [] : Array.isArray(protocols) ? protocols : [protocols];
      this.#report({ type: 'socket', url: this.#url, protocols: list });
    }

    get url() { return this.#url; }
    get protocol() { return this.#native.protocol; }
    get extensions() { return this.#native.extensions; }
    get readyState() { return this.#state; }
    get bufferedAmount() { return this.#native.bufferedAmount; }
    get binaryType() { return this.#native.binaryType; }
    set binaryType(value: BinaryType) { this.#native.binaryType = value; }

    get onopen() { return this.#handlers.open; }
    set onopen(fn) { this.#setHandler('open', fn); }
    get onmessage() { return this.#handlers.message; }
    set onmessage(fn) { this.#setHandler('message', fn); }
    get onerror() { return this.#handlers.error; }
    set onerror(fn) { this.#setHandler('error', fn); }
    get onclose() { return this.#handlers.close; }
    set onclose(fn) { this.#setHandler('close', fn); }

    send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      refusedBy('send', () => {
        if (this.#state === 0) {
          throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
        }
        this.#native.send(data as string);
      });
      this.#report({ type: 'send', ...payloadOf(data) });
    }

    close(code?: number, reason?: string) {
      // The browser validates code and reason (InvalidAccessError, SyntaxError); let it throw as usual.
      refusedBy('close', () => this.#native.close(code, reason));
      if (this.#state < 2) {
        this.#state = 2;
        this.#report({ type: 'closing', code, reason });
      }
    }

    #setHandler(type: Delivered, fn: unknown) {
      const first = this.#handlers[type] === null;
      this.#handlers[type] = typeof fn === 'function' ? (fn as (event: Event) => unknown) : null;
      // Like the browser, an onX handler takes its place among the listeners when first set.
      if (first) this.addEventListener(type, (event) => this.#handlers[type]?.call(this, event));
    }

    addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      if (listener && (DELIVERED as string[]).includes(type)) this.#listeners[type as Delivered].push(listener);
      super.addEventListener(type, listener, options);
    }

    removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      const list = this.#listeners[type as Delivered];
      if (list && list.includes(listener)) list.splice(list.indexOf(listener), 1);
      super.removeEventListener(type, listener, options);
    }

    /** What « Pas à pas » announces before delivering `event`. */
    #held(type: Delivered, event: Event): HeldInfo {
      const own = this.#handlers[type];
      const listener = this.#listeners[type][0];
      const code = own ?? (typeof listener === 'function' ? listener : undefined);
      return {
        preview: this.#event(type, event, type === 'open' ? 1 : type === 'close' ? 3 : this.#state),
        handler: code?.toString(),
        handlerName: own ? `on${type}` : listener ? `addEventListener("${type}")` : undefined,
      };
    }

    /** The lifecycle event that delivering `event` reports, with readyState `state` after it. */
    #event(type: Delivered, event: Event, state: number): UntimedSocketEvent {
      const base = { socket: this.#id, readyState: state, bufferedAmount: this.#native.bufferedAmount };
      if (type === 'open') return { ...base, type: 'open', protocol: this.#native.protocol };
      if (type === 'message') return { ...base, type: 'message', ...payloadOf((event as MessageEvent).data) };
      if (type === 'close') {
        const { code, reason, wasClean } = event as CloseEvent;
        return { ...base, type: 'close', code, reason, wasClean };
      }
      return { ...base, type: 'error' };
    }

    #deliver(type: Delivered, event: Event) {
      if (type === 'open') this.#state = 1;
      if (type === 'close') this.#state = 3;
      hooks.report(this.#event(type, event, this.#state));
      this.dispatchEvent(copy(event));
      if (type === 'close') hooks.closed();
    }

    #report(event: Record<string, unknown> & { type: SocketEvent['type'] }) {
      hooks.report({ ...event, socket: this.#id, readyState: this.#state, bufferedAmount: this.#native.bufferedAmount } as UntimedSocketEvent);
    }
  }
  /** Closes every socket still open; called when the run is stopped. */
  const closeAll = () => {
    for (const native of live) native.close(1000, 'Exécution arrêtée');
    live.clear();
  };
  return { TracedWebSocket, closeAll };
}

/** A fresh event with the same fields, whose target will be the traced socket. */
function copy(event: Event): Event {
  if (event instanceof MessageEvent) return new MessageEvent('message', { data: event.data, origin: event.origin, lastEventId: event.lastEventId });
  if (event instanceof CloseEvent) return new CloseEvent('close', { code: event.code, reason: event.reason, wasClean: event.wasClean });
  return new Event(event.type);
}
