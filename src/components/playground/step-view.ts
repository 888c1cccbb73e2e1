/**
 * « Pas à pas »: the queue of held events and the narration panel (a live region) that says,
 * before each handler runs, what just happened and why.
 */
import type { RunEvent } from '../../lib/events.ts';
import { narrate } from '../../lib/narration.fr.ts';
import { ui } from '../../lib/strings.fr.ts';

type Held = Extract<RunEvent, { type: 'held' }>;

/** Keeps the page's view of the held events, in delivery order. */
export class StepView {
  #root: HTMLElement;
  #text: HTMLElement;
  #pending: HTMLElement;
  #queue: Held[] = [];

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#root.className = 'ws-narration not-content';
    this.#root.setAttribute('role', 'status');
    const title = document.createElement('p');
    title.className = 'ws-narration-title';
    title.textContent = ui.narration;
    this.#text = document.createElement('p');
    this.#text.className = 'ws-narration-text';
    this.#pending = document.createElement('p');
    this.#pending.className = 'ws-pending';
    this.#root.append(title, this.#text, this.#pending);
    this.#root.hidden = true;
  }

  /** The event « Suivant » will deliver, if any. */
  get head(): Held | undefined {
    return this.#queue[0];
  }

  reset(active: boolean) {
    this.#queue = [];
    this.#root.hidden = !active;
    this.#text.textContent = ui.stepStart;
    this.#pending.textContent = '';
  }

  /** The run is over: nothing more will wait for « Suivant ». */
  ended() {
    this.#queue = [];
    this.#text.textContent = ui.stepEnded;
    this.#pending.textContent = '';
  }

  held(event: Held) {
    this.#queue.push(event);
    this.#render();
  }

  delivered() {
    this.#queue.shift();
    this.#render();
  }

  #render() {
    const head = this.head;
    this.#text.textContent = head ? narrate(head.preview, head.handlerName) : ui.stepWaiting;
    this.#pending.textContent = head ? ui.pending(this.#queue.length - 1) : '';
  }
}
