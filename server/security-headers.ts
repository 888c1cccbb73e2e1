/** Security headers sent with the course's pages: the one place where the CSP strings live. */

/**
 * CSP for every course page. Starlight ships inline scripts (hence 'unsafe-inline'), Monaco
 * injects styles, the playground starts blob workers, and learners may point their code at an
 * instructor's server anywhere (hence `ws: wss:` in connect-src).
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; font-src 'self'; connect-src 'self' ws: wss:; worker-src 'self' blob:; " +
  "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/**
 * CSP for the sandboxed runner page: it only starts blob workers that run learner code, which
 * may connect anywhere (WebSockets and the HTTP lab endpoints); it needs nothing else.
 */
export const RUNNER_CSP =
  "default-src 'none'; script-src 'self' blob:; worker-src blob:; " +
  "connect-src ws: wss: http: https:; style-src 'unsafe-inline'; frame-ancestors 'self'";

/**
 * CSP for the instructor's view (/formateur/): its own script and style files, its own
 * WebSocket, nothing inline, and no framing at all.
 */
export const INSTRUCTOR_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * CSP for the frame of a page snippet (« Aperçu », /runner/page/): the learner's page runs there
 * as a real document. It may connect where a run worker may; it loads no remote image, font or
 * script, and `form-action 'none'` keeps a form submitted without preventDefault() from
 * navigating the frame away from the learner's page.
 */
export const PAGE_FRAME_CSP =
  "default-src 'none'; script-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src ws: wss: http: https:; worker-src blob:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

/** True for the frame of a page snippet. */
export function isPageFramePath(pathname: string): boolean {
  return pathname === '/runner/page' || pathname.startsWith('/runner/page/');
}

/** The CSP of the page at `pathname`: the page frame's, the runner's, or the course's. */
export function cspFor(pathname: string): string {
  return isPageFramePath(pathname) ? PAGE_FRAME_CSP : isRunnerPath(pathname) ? RUNNER_CSP : PAGE_CSP;
}

/** Headers every response carries, whatever its type. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** Cache policy of content-hashed assets under /_astro/: their name changes when they do. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Cache policy of everything else: always revalidate (cheap thanks to ETag → 304). */
export const REVALIDATE_CACHE = 'no-cache';

/** True for the runner page, whichever way the build names it. */
export function isRunnerPath(pathname: string): boolean {
  return pathname === '/runner' || pathname.startsWith('/runner/') || pathname === '/runner.html';
}

/** Sent on every response when the server speaks TLS itself: browsers then refuse plain http:// for a year. */
export const HSTS = 'max-age=31536000';
