/**
 * <ws-lifecycle-demo>: one real connection to the companion server's /echo, its states listed as
 * they happen (CONNECTING → OPEN → message → CLOSING → CLOSED). Plain WebSocket, no editor: the
 * home page loads no Monaco byte.
 */
import { homeText } from '../../lib/strings.home.fr.ts';
import { currentServer } from '../playground/server-setting.ts';

/** Pause between steps, so a human sees each state; the echo itself takes a few milliseconds. */
const PACE_MS = 600;

class LifecycleDemo extends HTMLElement {
  #socket: WebSocket | undefined;

  connectedCallback() {
    const button = this.querySelector('button');
    const server = this.querySelector('.ws-demo-server');
    if (!button) return;
    button.hidden = false;
    this.querySelector('.ws-demo-nojs')?.remove();
    if (server) server.textContent = homeText.server(`${currentServer()}/echo`);
    button.addEventListener('click', () => this.#run(button));
  }

  disconnectedCallback() {
    this.#socket?.close(1001);
  }

  #run(button: HTMLButtonElement) {
    const list = this.querySelector('ol');
    if (!list) return;
    list.replaceChildren();
    button.disabled = true;
    const url = `${currentServer()}/echo`;
    const step = (state: string, text: string) => {
      const item = document.createElement('li');
      item.dataset.state = state;
      const name = document.createElement('code');
      name.textContent = state;
      const what = document.createElement('span');
      what.textContent = text;
      item.append(name, what);
      list.append(item);
    };
    const later = (fn: () => void) => setTimeout(fn, PACE_MS);
    const socket = new WebSocket(url);
    this.#socket = socket;
    step('CONNECTING', homeText.connecting(url));
    socket.onopen = () => {
      step('OPEN', homeText.open(homeText.greeting));
      later(() => socket.send(homeText.greeting));
    };
    socket.onmessage = (event) => {
      step('message', homeText.message(String(event.data)));
      later(() => {
        socket.close(1000);
        step('CLOSING', homeText.closing);
      });
    };
    socket.onerror = () => step('error', homeText.error);
    socket.onclose = (event) => {
      step('CLOSED', homeText.closed(event.code, event.wasClean));
      button.disabled = false;
      button.textContent = homeText.again;
    };
  }
}

if (!customElements.get('ws-lifecycle-demo')) customElements.define('ws-lifecycle-demo', LifecycleDemo);
