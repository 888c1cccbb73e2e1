/**
 * What a static request resolves to, decided once before sirv sees it: the decoded, normalised
 * path (the one security headers are chosen from), the file on disk, and what its Range means.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, normalize, posix, sep } from 'node:path';
import rangeParser from 'range-parser';

/**
 * The request path, percent-decoded and normalised (`//`, `.` and `..` resolved, never above
 * `/`); undefined when it cannot name a file (bad escape, NUL, backslash).
 */
export function normalisePath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  return posix.normalize(decoded);
}

/** True when a segment of the (normalised) path is hidden: /.env, /.git/config, /_astro/.x */
export function isDotPath(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.'));
}

/** The file sirv would send. */
export interface FoundFile {
  /** Absolute path on disk (maybe a .br or .gz copy). */
  abs: string;
  /** Its size in bytes: what a Range counts in. */
  size: number;
}

/**
 * The names sirv 3 tries, in its order, for `uri` and an Accept-Encoding (see its `toAssume`):
 * precompressed copies first, then the file, then `.html` / `index.html` forms.
 */
function candidates(uri: string, acceptEncoding: string): string[] {
  const extns = [''];
  if (acceptEncoding.includes('gzip')) extns.unshift('html.gz', 'htm.gz', 'gz');
  if (/(br|brotli)/i.test(acceptEncoding)) extns.unshift('html.br', 'htm.br', 'br');
  extns.push('html', 'htm');
  const base = uri.endsWith('/') ? uri.slice(0, -1) : uri;
  const names: string[] = [];
  for (const extn of extns) {
    const suffix = extn ? `.${extn}` : '';
    if (base) names.push(base + suffix);
    names.push(`${base}/index${suffix}`);
  }
  return names;
}

/**
 * Finds the regular file sirv would serve for `path` under `root`, or undefined: none, not a
 * regular file, or reached through a symbolic link that leads outside `root`.
 */
export function findFile(root: string, path: string, acceptEncoding: string): FoundFile | undefined {
  for (const name of candidates(path, acceptEncoding)) {
    const abs = normalize(join(root, name));
    if (!abs.startsWith(root + sep) || !existsSync(abs)) continue;
    const stats = statSync(abs);
    if (stats.isDirectory()) continue;
    const real = realpathSync(abs);
    const realRoot = realpathSync(root);
    if (!stats.isFile() || !real.startsWith(realRoot + sep)) return undefined;
    return { abs, size: stats.size };
  }
  return undefined;
}

/** What to do with a request's Range header, the way nginx answers it. */
export type RangeDecision =
  | { kind: 'none' }
  /** Malformed, not in bytes, several ranges, or conditional: send the whole file with 200. */
  | { kind: 'ignore' }
  /** No byte of the range exists: 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }
  /** One satisfiable range, in the only spelling sirv reads correctly. */
  | { kind: 'partial'; header: string };

/** Decides what a Range header means for a file of `size` bytes. */
export function decideRange(range: string | undefined, ifRange: string | undefined, size: number): RangeDecision {
  if (range === undefined) return { kind: 'none' };
  // If-Range asks for the range only if the file is unchanged; sirv cannot check it, the whole file is always right.
  if (ifRange !== undefined) return { kind: 'ignore' };
  const ranges = rangeParser(size, range, { combine: true });
  if (ranges === -2 || (ranges !== -1 && ranges.type !== 'bytes')) return { kind: 'ignore' };
  if (ranges === -1) return { kind: 'unsatisfiable' };
  // Several ranges would need multipart/byteranges, which sirv does not write.
  if (ranges.length !== 1) return { kind: 'ignore' };
  const { start, end } = ranges[0];
  // sirv reads an end of 0 as "to the end of the file" (parseInt(y) || size - 1).
  if (end === 0) return { kind: 'ignore' };
  return { kind: 'partial', header: `bytes=${start}-${end}` };
}
