/** Reading the integer query parameters of the demo endpoints. */

/**
 * The integer parameter `name`, or `fallback` when absent or not an integer, clamped to
 * [min, max]: a lesson asking for too much gets the most the server allows, not an error.
 */
export function clampedInt(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  const value = raw !== null && /^-?\d+$/.test(raw) ? Number(raw) : fallback;
  return Math.min(max, Math.max(min, value));
}

/** The integer parameter `name`, `fallback` when absent, or NaN when present but not an integer. */
export function strictInt(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}
