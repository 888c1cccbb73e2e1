/** What the benchmark reads about its child processes (CPU, memory, loaded libraries, JSON output); test-support/processes.ts starts them. */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux.

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of a process, in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : NaN;
}

/** True when a shared library whose path contains `name` is mapped in the process (e.g. bufferutil's .node). */
export function hasLoaded(pid: number, name: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/maps`, 'utf8').includes(name);
  } catch {
    return false;
  }
}

/** Reads a child's stdout line by line as JSON objects. */
export async function* jsonLines(child: ChildProcess): AsyncGenerator<Record<string, unknown>> {
  let buffer = '';
  for await (const chunk of child.stdout!) {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('{')) yield JSON.parse(line);
    }
  }
}
