/** The run's console: text only (never HTML from a message), bounded, timestamped from the run's start. */

const MAX_LINES = 500;

/**
 * Appends lines to `list`, dropping the oldest past MAX_LINES. Lines are written once per
 * animation frame, so a flood of messages costs one layout per frame, not one per line.
 */
export class ConsoleView {
  #list: HTMLElement;
  #hidden = 0;
  /** Lines in the list, the notice and the placeholder aside. */
  #count = 0;
  #notice: HTMLElement;
  #truncated: (count: number) => string;
  /** Lines waiting for the next frame; built only if they are among the MAX_LINES kept. */
  #pending: Array<HTMLElement | (() => HTMLElement)> = [];
  #scheduled = false;
  /** Lines written once per run and then updated (see note). */
  #notes = new Map<string, HTMLElement>();

  constructor(list: HTMLElement, truncated: (count: number) => string) {
    this.#list = list;
    this.#truncated = truncated;
    this.#notice = document.createElement('li');
    this.#notice.className = 'ws-line ws-notice';
  }

  clear(placeholder?: string) {
    this.#list.replaceChildren();
    (this.#list.parentElement ?? this.#list).scrollTop = 0;
    this.#count = 0;
    this.#pending = [];
    this.#hidden = 0;
    this.#notes.clear();
    if (placeholder) this.#list.append(this.#line('placeholder', placeholder));
  }

  /** Adds one line; `level` becomes a class (log, info, warn, error, debug, system…). */
  add(level: string, text: string, t?: number) {
    this.#enqueue(() => this.#line(level, text, t));
  }

  #enqueue(line: HTMLElement | (() => HTMLElement)) {
    this.#pending.push(line);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // A hidden tab gets no animation frames; a timer still shows the output when it comes back.
    const flush = () => this.#flush();
    if (document.hidden) setTimeout(flush, 50);
    else requestAnimationFrame(flush);
  }

  /** Adds a line of `level` the first time, then only changes its text: one line however often it is said. */
  note(level: string, text: string, t?: number) {
    const line = this.#notes.get(level);
    if (!line) {
      this.#notes.set(level, this.#line(level, text, t));
      return this.#enqueue(this.#notes.get(level)!);
    }
    line.querySelector('.ws-text')!.textContent = text;
  }

  #line(level: string, text: string, t?: number): HTMLElement {
    const line = document.createElement('li');
    line.className = `ws-line ws-${level}`;
    if (t !== undefined) {
      const time = document.createElement('span');
      time.className = 'ws-time';
      time.textContent = `+${t} ms`;
      line.append(time);
    }
    const body = document.createElement('span');
    body.className = 'ws-text';
    body.textContent = text;
    line.append(body);
    return line;
  }

  #flush() {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    const scroller = this.#list.parentElement ?? this.#list;
    const follow = followsEnd(scroller);
    this.#list.querySelector('.ws-placeholder')?.remove();
    const skipped = Math.max(0, batch.length - MAX_LINES);
    this.#list.append(...batch.slice(skipped).map((line) => (typeof line === 'function' ? line() : line)));
    this.#hidden += skipped;
    // Counted, not queried: under a flood this runs every frame, and a query visits every line.
    this.#count += batch.length - skipped;
    const excess = this.#count - MAX_LINES;
    for (let i = 0; i < excess; i++) (this.#notice.isConnected ? this.#notice.nextElementSibling : this.#list.firstElementChild)?.remove();
    this.#count -= Math.max(0, excess);
    this.#hidden += Math.max(0, excess);
    if (this.#hidden > 0) {
      this.#notice.textContent = this.#truncated(this.#hidden);
      this.#list.prepend(this.#notice);
    }
    if (follow) scroller.scrollTop = scroller.scrollHeight;
  }
}

/**
 * True when `scroller` should keep showing its last line: the learner scrolled down to the end.
 * A console the learner has not scrolled stays at its first line, where a run's story begins.
 */
export function followsEnd(scroller: HTMLElement): boolean {
  return scroller.scrollTop > 0 && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 8;
}
