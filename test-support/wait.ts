/** Waiting on state, not on the clock: for tests whose condition has no event to await. */

/** Resolves once check() holds (checked every 10 ms), failing after timeoutMs. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
