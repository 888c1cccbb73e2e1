/**
 * The code of one playground, without any DOM: what the editor shows, what is saved, the
 * server address written in it, and « Voir la solution » / « Revenir à mon code ».
 *
 * The learner's attempt is saved in the lesson's form (`ws://localhost:8080`), so a later change
 * of server still applies. Showing the solution never touches the saved attempt: going back, a
 * reload or a change of server all find it again. Edits made to the solution while it is shown
 * are not saved (they are edits of the solution, not the learner's attempt).
 */
import { lessonForm, rewriteServer } from './server-url.ts';

/** An edit, with a fingerprint of the lesson code it started from. */
export interface SavedCode {
  code: string;
  origin: string;
}

/** Where attempts are kept (localStorage in the page, a Map in tests). */
export interface CodeStore {
  load(id: string): SavedCode | undefined;
  save(id: string, saved: SavedCode | undefined): void;
}

/** A short fingerprint of a text, to notice that a lesson's code changed since an edit. */
export function fingerprint(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

/** See the module comment. */
export class PlaygroundCode {
  readonly #id: string;
  readonly #lesson: string;
  readonly #solution: string | undefined;
  readonly #store: CodeStore;
  #server: string;
  /** The code as shown, with the current server's address. */
  #shown: string;
  /** While the solution is shown: the attempt it covers, as shown. */
  #attempt: string | undefined;
  /** The saved attempt started from an older version of the lesson's code. */
  readonly older: boolean;
  /** The attempt came from storage (a reload), not from the lesson. */
  readonly restored: boolean;

  constructor(options: { id: string; lesson: string; solution?: string; server: string; store: CodeStore }) {
    this.#id = options.id;
    this.#lesson = options.lesson;
    this.#solution = options.solution;
    this.#store = options.store;
    this.#server = options.server;
    const saved = this.#store.load(this.#id);
    this.restored = !!saved;
    this.older = !!saved && saved.origin !== fingerprint(this.#lesson);
    this.#shown = rewriteServer(saved?.code ?? this.#lesson, this.#server);
  }

  /** The code to show and run. */
  get code(): string {
    return this.#shown;
  }

  /** True while « Voir la solution » is in effect. */
  get showingSolution(): boolean {
    return this.#attempt !== undefined;
  }

  /** The learner typed: `code` is what the editor now holds. */
  edited(code: string): void {
    this.#shown = code;
    if (this.showingSolution) return;
    const lesson = lessonForm(code, this.#server);
    this.#store.save(this.#id, lesson === this.#lesson ? undefined : { code: lesson, origin: fingerprint(this.#lesson) });
  }

  /** Shows the solution, or brings the attempt back; returns the code to show. */
  toggleSolution(): string {
    if (this.#attempt !== undefined) {
      this.#shown = this.#attempt;
      this.#attempt = undefined;
    } else if (this.#solution !== undefined) {
      this.#attempt = this.#shown;
      this.#shown = rewriteServer(this.#solution, this.#server);
    }
    return this.#shown;
  }

  /** Back to the lesson's code, forgetting the attempt; returns the code to show. */
  reset(): string {
    this.#attempt = undefined;
    this.#store.save(this.#id, undefined);
    this.#shown = rewriteServer(this.#lesson, this.#server);
    return this.#shown;
  }

  /** Follows a change of server (`ws://host:port`); returns the code to show. */
  changeServer(server: string): string {
    const move = (code: string) => rewriteServer(lessonForm(code, this.#server), server);
    this.#shown = move(this.#shown);
    if (this.#attempt !== undefined) this.#attempt = move(this.#attempt);
    this.#server = server;
    return this.#shown;
  }
}
