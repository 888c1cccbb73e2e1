/**
 * Who may see /formateur/: the instructor gives INSTRUCTOR_TOKEN once in the address
 * (/formateur/?jeton=…); the server answers with a redirect that drops it from the address bar and
 * history, and a session cookie scoped to /formateur/ (HttpOnly: no script reads it; SameSite=Strict:
 * no other site's page sends it, not even in a WebSocket handshake). The page, its files and its
 * WebSocket then need nothing else, and a reload still works. Everyone else sees the site's 404.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Where the instructor's view lives. */
export const INSTRUCTOR_PATH = '/formateur/';

/** The query parameter that carries the token, once. */
export const TOKEN_PARAM = 'jeton';

/** The cookie that keeps the session. */
export const SESSION_COOKIE = 'formateur';

/** What a request proves about its sender. */
export type Grant = 'token' | 'session' | undefined;

/** The access rule for one token. */
export interface InstructorAccess {
  /** 'token' when the address carries the right token, 'session' for the right cookie; undefined otherwise. */
  grant(req: IncomingMessage, url: URL): Grant;
  /** The Set-Cookie header that opens a session (Secure when the page came over https). */
  sessionCookie(secure: boolean): string;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The cookie's value is derived from the token, so that the token itself is never stored in the browser. */
const sessionValue = (token: string): string => createHash('sha256').update(`formateur\0${token}`).digest('base64url');

/** Compares through fixed-length digests: the time taken says nothing of the secret, not even its length. */
function sameSecret(given: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(sha256(given), expectedDigest);
}

/** The value of cookie `name` in a Cookie header, if present. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Creates the access rule of `token` (non-empty: an empty token means no instructor view at all). */
export function createInstructorAccess(token: string): InstructorAccess {
  const tokenDigest = sha256(token);
  const session = sessionValue(token);
  const sessionDigest = sha256(session);
  return {
    grant(req, url) {
      const given = url.searchParams.get(TOKEN_PARAM);
      // A wrong token in the address is refused even with a good cookie: the answer never depends on which.
      if (given !== null) return sameSecret(given, tokenDigest) ? 'token' : undefined;
      const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
      return cookie !== undefined && sameSecret(cookie, sessionDigest) ? 'session' : undefined;
    },
    sessionCookie(secure) {
      return `${SESSION_COOKIE}=${session}; Path=${INSTRUCTOR_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
    },
  };
}
