/**
 * What the editor offers and explains about WebSocket code, decided from plain text: the part
 * of the line before the caret and the snippet's code. Without the TypeScript worker (see
 * src/components/playground/monaco.ts) there are no types: a name counts as a WebSocket when
 * the snippet assigns it `new WebSocket(…)`, or when it is one of the names the course gives
 * its sockets. The Monaco side is src/components/playground/websocket-help.ts.
 */
import {
  BINARY_TYPES,
  CONSTRUCTOR_MEMBERS,
  EVENT_DOCS,
  EVENT_FIELDS,
  SENDABLE_CLOSE_CODES,
  SOCKET_MEMBERS,
  closeCodeDoc,
  memberDoc,
  type ApiEntry,
} from './websocket-api.fr.ts';

/** Names the lessons give their sockets and events, recognised even before an assignment is typed. */
const SOCKET_NAMES = ['socket', 'ws', 'websocket', 'connection', 'conn'];
const EVENT_NAMES = ['event', 'e', 'evt', 'ev'];

/** Names assigned `new WebSocket(…)` anywhere in the snippet (`const s = …`, `this.s = …`, `s = …`). */
export function socketNames(code: string): Set<string> {
  const names = new Set(SOCKET_NAMES);
  for (const match of code.matchAll(/([\w$]+)\s*=\s*new\s+WebSocket\s*\(/g)) names.add(match[1]);
  return names;
}

/** What the text just before the caret asks for, if anything WebSocket-shaped. */
export function completionContext(before: string, code: string): ApiEntry[] | undefined {
  if (/\bbinaryType\s*=\s*["']?\w*$/.test(before)) return [...BINARY_TYPES];
  if (/\.close\(\s*\d*$/.test(before)) return [...SENDABLE_CLOSE_CODES];
  const member = /([\w$]+)\.[\w$]*$/.exec(before);
  if (!member) return undefined;
  const owner = member[1];
  if (owner === 'WebSocket') return [...CONSTRUCTOR_MEMBERS];
  if (socketNames(code).has(owner)) return [...SOCKET_MEMBERS];
  if (EVENT_NAMES.includes(owner)) return [...EVENT_FIELDS];
  return undefined;
}

/** The hover text for the word at hand, given the text right before it and right after it. */
export function hoverDoc(word: string, before: string, after: string): ApiEntry | undefined {
  if (/^\d{4}$/.test(word) && (/close\(\s*$/.test(before) || /code\s*(===?|!==?)\s*$/.test(before) || /^\s*(===?|!==?)\s*[\w.]*code\b/.test(after))) {
    const doc = closeCodeDoc(Number(word));
    return doc ? { name: word, kind: 'value', signature: `code ${word}`, doc } : undefined;
  }
  if (/^["']$/.test(before.slice(-1)) && word in EVENT_DOCS && /addEventListener\(\s*["']$/.test(before)) {
    return { name: word, kind: 'value', signature: `événement ${word}`, doc: EVENT_DOCS[word as keyof typeof EVENT_DOCS] };
  }
  if (before.endsWith('WebSocket.')) return CONSTRUCTOR_MEMBERS.find((entry) => entry.name === word);
  if (before.endsWith('.')) return memberDoc(word);
  return undefined;
}
