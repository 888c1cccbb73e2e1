/** The global scope that the sandbox wraps around learner code: a run worker's, or a page frame's window. */

/** A global scope (worker or window); loosely typed because the sandbox replaces its globals. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Scope = Record<string, any> & { addEventListener(type: string, listener: (event: any) => void): void };
