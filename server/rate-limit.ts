/**
 * A token bucket kept in two numbers on the caller's own object, so that rate-limiting a
 * message allocates nothing and adds no object per connection.
 */
export interface TokenBucket {
  tokens: number;
  lastRefill: number;
}

/** Refills `bucket` for the time elapsed until `now` and takes one token; false when none is left. */
export function takeToken(bucket: TokenBucket, now: number, ratePerSecond: number, burst: number): boolean {
  bucket.tokens += ((now - bucket.lastRefill) * ratePerSecond) / 1000;
  bucket.lastRefill = now;
  if (bucket.tokens > burst) bucket.tokens = burst;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
