/** Registers <ws-playground>. Loaded on every lesson page; Monaco itself loads later, on demand. */
import { PlaygroundElement } from './element.ts';

if (!customElements.get('ws-playground')) customElements.define('ws-playground', PlaygroundElement);
