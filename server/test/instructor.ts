/** Helpers of the instructor's view tests: a session, and boards awaited by content. */
import assert from 'node:assert/strict';
import type WebSocket from 'ws';
import type { BoardView } from '../instructor/board.ts';
import { nextJson } from './helpers.ts';

/** The INSTRUCTOR_TOKEN of the tests. */
export const TOKEN = 'jeton-de-test-0123456789';

/** The session cookie a right token earns (name=value). */
export async function sessionCookie(url: string): Promise<string> {
  const res = await fetch(`${url}formateur/?jeton=${TOKEN}`, { redirect: 'manual' });
  assert.equal(res.status, 303);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** Reads boards until one satisfies `check`; fails after `timeoutMs`. */
export async function boardWhere(ws: WebSocket, check: (board: BoardView) => boolean, timeoutMs = 8000): Promise<BoardView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), deadline - Date.now());
    });
    const board: BoardView | undefined = await Promise.race([nextJson(ws), late]);
    clearTimeout(timer);
    if (board && check(board)) return board;
  }
  throw new Error('no board satisfied the check in time');
}
