/**
 * The « Trames » view: the frames the companion server read from its own socket for this
 * playground's runs (src/lib/trace-channel.ts), one row each: direction, FIN, opcode, MASK and
 * key, how the length was written, header and payload in hex, and the text. Renders into the
 * playground's « Trames » panel (`panels.frames`, see element.ts), which scrolls.
 */
import { ui } from '../../lib/strings.fr.ts';
import type { TraceRequest } from '../../lib/sandbox/trace-url.ts';
import { traceChannel, type TraceMessage, type TracedFrame } from '../../lib/trace-channel.ts';

/** Rows kept (frames and connection notes); older ones are dropped and counted, so a flood cannot freeze the page. */
export const MAX_FRAME_ROWS = 200;
/** How long a run may wait for the trace channel to open (first run of the page only); then it runs untraced. */
export const TRACE_WAIT_MS = 1000;

const t = ui.framesView;

/** Runs of the page, all playgrounds together: names each run's sockets for the trace channel. */
let runs = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Renders one playground's traced frames; `begin` before each run. */
export class FramesView {
  #panel: HTMLElement;
  #list = el('ol', 'ws-frames');
  #notice = el('p', 'ws-notice');
  #rows = 0;
  #hidden = 0;
  #stop?: () => void;
  #scrolling = false;
  #empty: string;

  /** `panel`: the « Trames » panel; its placeholder stays the empty view's text. */
  constructor(panel: HTMLElement) {
    this.#panel = panel;
    this.#empty = panel.querySelector(':scope > .ws-placeholder')?.textContent ?? '';
    panel.replaceChildren(this.#notice, this.#list);
    this.#reset(this.#empty);
  }

  /** Opens `server`'s trace channel ahead of the first run, so that run need not wait for it. */
  prepare(server: string): void {
    void traceChannel(server).token(0);
  }

  /** Clears the view and asks `server`'s trace channel to trace the next run; undefined: the run is not traced. */
  async begin(server: string): Promise<TraceRequest | undefined> {
    this.#stop?.();
    this.#reset(this.#empty);
    const tag = `r${++runs}`;
    const channel = traceChannel(server);
    const token = await channel.token(TRACE_WAIT_MS);
    if (!token) {
      this.#reset(t.unavailable);
      return undefined;
    }
    this.#stop = channel.listen(tag, (message) => this.add(message));
    return { token, server, tag };
  }

  /** Shows one message of the channel. */
  add(message: TraceMessage): void {
    if (message.type === 'hello') return;
    this.#list.querySelector(':scope > .ws-frames-placeholder')?.remove();
    const n = Number(message.label.slice(message.label.lastIndexOf('-') + 1)) || 0;
    if (message.type === 'frame') return this.#append(this.#frame(n, message));
    const text =
      message.type === 'open' ? t.opened(n, message.route)
      : message.type === 'closed' ? t.closed(n, message.frames)
      : message.type === 'dropped' ? t.dropped(n, message.count)
      : message.reason === 'sockets' ? t.untracedSockets(n) : t.untracedFrames(n);
    this.#append(el('li', 'ws-frame-note', text));
  }

  #frame(n: number, f: TracedFrame): HTMLLIElement {
    const row = el('li', 'ws-frame');
    row.dataset.dir = f.direction;
    row.dataset.opcode = String(f.opcodeName);
    const head = el('p', 'ws-frame-head');
    head.append(el('span', 'ws-frame-conn', ui.connection(n)), ' · ', el('strong', 'ws-frame-dir', f.direction === 'in' ? t.in : t.out));
    const fields = el('p', 'ws-frame-fields');
    // The key spaced like the header's bytes, where the learner finds it again.
    const key = f.maskingKey ? (String(f.maskingKey).match(/../g) ?? []).join(' ') : null;
    const parts = [`FIN = ${f.fin ? 1 : 0}`, `opcode ${Number(f.opcode)} (${f.opcodeName})`, t.mask(key), t.length(Number(f.length), Number(f.lengthBits))];
    if (f.closeCode !== undefined) parts.push(t.closeCode(Number(f.closeCode)));
    for (const part of parts) fields.append(el('span', 'ws-frame-field', part));
    const bytes = el('dl', 'ws-frame-bytes');
    const line = (label: string, value: string, extra?: string, className = 'ws-hex') => {
      const dd = el('dd', '');
      dd.append(el('code', className, value));
      if (extra) dd.append(' ', el('span', 'ws-frame-clip', extra));
      bytes.append(el('dt', '', label), dd);
    };
    const clipped = Number(f.shown) < Number(f.length) ? t.clipped(Number(f.shown), Number(f.length)) : undefined;
    line(t.header, String(f.header));
    if (f.length > 0) {
      line(t.payload, String(f.hex), clipped);
      if (f.unmaskedHex) line(t.unmasked, String(f.unmaskedHex));
      if (f.text) line(t.text, String(f.text), undefined, 'ws-frame-text');
    }
    row.append(head, fields, bytes);
    return row;
  }

  #append(row: HTMLLIElement): void {
    this.#list.append(row);
    if (++this.#rows > MAX_FRAME_ROWS) {
      this.#list.firstElementChild?.remove();
      this.#rows--;
      this.#hidden++;
      this.#notice.textContent = t.hidden(this.#hidden);
      this.#notice.hidden = false;
    }
    this.#scrollToEnd();
  }

  /** Once per animation frame, not per row: reading scrollHeight forces a layout. */
  #scrollToEnd(): void {
    if (this.#scrolling) return;
    this.#scrolling = true;
    const scroll = () => {
      this.#scrolling = false;
      this.#panel.scrollTop = this.#panel.scrollHeight;
    };
    // A hidden tab gets no animation frames.
    if (document.hidden) setTimeout(scroll, 50);
    else requestAnimationFrame(scroll);
  }

  #reset(placeholder: string): void {
    this.#rows = 0;
    this.#hidden = 0;
    this.#notice.hidden = true;
    this.#list.replaceChildren(el('li', 'ws-frames-placeholder', placeholder));
  }
}
