/** The run's console: text only (never HTML from a message), bounded, timestamped from the run's start. */

const MAX_LINES = 500;

/** Appends lines to `list`, dropping the oldest past MAX_LINES. */
export class ConsoleView {
  #list: HTMLElement;
  #hidden = 0;
  #notice: HTMLElement;
  #truncated: (count: number) => string;

  constructor(list: HTMLElement, truncated: (count: number) => string) {
    this.#list = list;
    this.#truncated = truncated;
    this.#notice = document.createElement('li');
    this.#notice.className = 'ws-line ws-notice';
  }

  clear(placeholder?: string) {
    this.#list.replaceChildren();
    this.#hidden = 0;
    if (placeholder) this.add('placeholder', placeholder);
  }

  /** Adds one line; `level` becomes a class (log, info, warn, error, debug, system…). */
  add(level: string, text: string, t?: number) {
    const line = document.createElement('li');
    line.className = `ws-line ws-${level}`;
    if (t !== undefined) {
      const time = document.createElement('span');
      time.className = 'ws-time';
      time.textContent = `+${t} ms`;
      line.append(time);
    }
    const body = document.createElement('span');
    body.className = 'ws-text';
    body.textContent = text;
    line.append(body);
    this.#list.querySelector('.ws-placeholder')?.remove();
    this.#list.append(line);
    this.#trim();
    this.#list.scrollTop = this.#list.scrollHeight;
  }

  #trim() {
    const lines = this.#list.querySelectorAll('.ws-line:not(.ws-notice)');
    const excess = lines.length - MAX_LINES;
    if (excess <= 0) return;
    for (let i = 0; i < excess; i++) lines[i].remove();
    this.#hidden += excess;
    this.#notice.textContent = this.#truncated(this.#hidden);
    this.#list.prepend(this.#notice);
  }
}
