/** One-line, key=value logs; never message contents. */

/** How much the server says: nothing, errors only, lifecycle, or every connection. */
export type LogLevel = 'silent' | 'error' | 'info' | 'debug';

/** A logger with one method per level that is actually printed. */
export interface Logger {
  /** Failures worth an instructor's attention. */
  error(message: string): void;
  /** Start, stop and the like. */
  info(message: string): void;
  /** One line per connection close. */
  debug(message: string): void;
}

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };
const noop = (): void => {};

/** Creates a logger printing to stderr (errors) and stdout (the rest) up to `level`. */
export function createLogger(level: LogLevel): Logger {
  const at = RANK[level];
  const stamp = (): string => new Date().toISOString();
  return {
    error: at >= 1 ? (m) => console.error(`${stamp()} error ${m}`) : noop,
    info: at >= 2 ? (m) => console.log(`${stamp()} info ${m}`) : noop,
    debug: at >= 3 ? (m) => console.log(`${stamp()} debug ${m}`) : noop,
  };
}
