/**
 * The lifecycle view: one sequence per socket, drawn between « navigateur » and « serveur ».
 * Each step is a list item with text (direction, event, readyState, bufferedAmount, data), so
 * a screen reader reads the same story the arrows draw.
 */
import type { SocketEvent } from '../../lib/events.ts';
import { arrowLabel, describe, direction, stateName } from '../../lib/narration.fr.ts';
import { ui } from '../../lib/strings.fr.ts';
import { followsEnd } from './console-view.ts';

/** Steps kept across all sockets; older ones are dropped so a flood cannot freeze the page. */
export const MAX_STEPS = 400;
/** Sockets drawn; later ones are only counted (3,000 sockets once made 32,000 nodes and froze the page). */
export const MAX_SOCKETS = 20;
const MAX_DATA = 300;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Renders socket events into `root`, one `<section class="ws-socket">` per socket. */
export class TimelineView {
  #root: HTMLElement;
  #sockets = new Map<number, { list: HTMLOListElement; state: HTMLElement; last: number }>();
  #steps = 0;
  #hidden = 0;
  /** Sockets past MAX_SOCKETS: counted, never drawn, their events ignored. */
  #hiddenSockets = new Set<number>();
  #notice = el('p', 'ws-notice');
  #scrollScheduled = false;
  /** The learner was at the end before this frame's steps: keep showing it. */
  #follow = false;

  constructor(root: HTMLElement) {
    this.#root = root;
  }

  clear() {
    this.#sockets.clear();
    this.#steps = 0;
    this.#hidden = 0;
    this.#hiddenSockets.clear();
    this.#root.scrollTop = 0;
    this.#root.replaceChildren(el('p', 'ws-placeholder', ui.emptyTimeline));
  }

  add(event: SocketEvent) {
    const socket = this.#socket(event);
    // A socket past MAX_SOCKETS draws nothing: reading the scroll position for it would force a
    // layout per event (3,000 sockets froze the page for 19 s).
    if (!socket) return;
    // Read before this event's step is drawn, once per frame (see #scrollToEnd).
    if (!this.#scrollScheduled) this.#follow = followsEnd(this.#root);
    const before = socket.last;
    socket.last = event.readyState;
    socket.state.textContent = stateName(event.readyState);
    socket.state.dataset.state = String(event.readyState);

    const dir = direction(event);
    const item = el('li', `ws-step ws-step-${event.type}`);
    item.dataset.type = event.type;
    item.dataset.dir = dir;
    if (event.type === 'close' && !event.wasClean) item.dataset.unclean = 'true';

    const head = el('div', 'ws-step-head');
    head.append(el('span', 'ws-time', `+${event.t} ms`));
    const arrow = el('div', 'ws-arrow');
    arrow.append(el('span', 'ws-sr ws-dir', `${dir === 'out' ? ui.toServer : ui.toBrowser} : `));
    arrow.append(el('span', 'ws-arrow-label', arrowLabel(event)));
    head.append(arrow);
    item.append(head);

    item.append(el('p', 'ws-step-text', describe(event)));
    if (event.type === 'message' || event.type === 'send') {
      const data = event.data.length > MAX_DATA ? `${event.data.slice(0, MAX_DATA)}…` : event.data;
      item.append(el('code', 'ws-data', data));
    }
    const meta = el('p', 'ws-step-meta');
    const badge = el('span', 'ws-state-badge');
    badge.dataset.state = String(event.readyState);
    const changed = before !== event.readyState;
    if (changed) badge.dataset.changed = 'true';
    badge.textContent = `${ui.readyState} ${changed && before >= 0 ? `${stateName(before)} → ` : ''}${stateName(event.readyState)}`;
    meta.append(badge, el('span', 'ws-buffered', `${ui.bufferedAmount} ${event.bufferedAmount}`));
    item.append(meta);

    socket.list.append(item);
    this.#trim();
    this.#scrollToEnd();
  }

  /**
   * Only when the learner follows the end (see followsEnd); once per frame: reading scrollHeight
   * forces a layout, and doing it per event would make each of a run's messages wait for one.
   */
  #scrollToEnd() {
    if (this.#scrollScheduled) return;
    this.#scrollScheduled = true;
    const follow = this.#follow;
    const scroll = () => {
      this.#scrollScheduled = false;
      if (follow) this.#root.scrollTop = this.#root.scrollHeight;
    };
    // A hidden tab gets no animation frames.
    if (document.hidden) setTimeout(scroll, 50);
    else requestAnimationFrame(scroll);
  }

  #socket(event: SocketEvent) {
    const known = this.#sockets.get(event.socket);
    if (known) return known;
    if (this.#hiddenSockets.has(event.socket)) return undefined;
    if (this.#sockets.size >= MAX_SOCKETS) {
      this.#hiddenSockets.add(event.socket);
      return this.#notify();
    }
    this.#root.querySelector(':scope > .ws-placeholder')?.remove();
    const section = el('section', 'ws-socket');
    section.dataset.socket = String(event.socket);
    const title = el('p', 'ws-socket-title');
    title.append(el('span', 'ws-socket-name', ui.connection(event.socket)));
    if (event.type === 'socket') title.append(' ', el('code', 'ws-socket-url', event.url));
    const state = el('span', 'ws-state-badge ws-socket-state');
    title.append(' ', state);
    const lanes = el('div', 'ws-lanes');
    lanes.setAttribute('aria-hidden', 'true');
    lanes.append(el('span', 'ws-lane', ui.browser), el('span', 'ws-lane', ui.server));
    const list = el('ol', 'ws-sequence');
    section.append(title, lanes, list);
    this.#root.append(section);
    const entry = { list, state, last: -1 };
    this.#sockets.set(event.socket, entry);
    return entry;
  }

  #trim() {
    if (++this.#steps <= MAX_STEPS) return;
    this.#root.querySelector('.ws-step')?.remove();
    this.#steps--;
    this.#hidden++;
    this.#notify();
  }

  /** Says what the timeline leaves out, in one paragraph at its top. */
  #notify(): undefined {
    const sockets = this.#hiddenSockets.size;
    this.#notice.textContent = [sockets ? ui.hiddenSockets(sockets) : '', this.#hidden ? ui.truncatedEvents(this.#hidden) : ''].filter(Boolean).join(' ');
    if (!this.#notice.isConnected) this.#root.prepend(this.#notice);
    return undefined;
  }
}
