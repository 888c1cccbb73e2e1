/**
 * The Lua scripts behind SharedState's counters. Each instance writes its own contributions
 * into hashes of its own, `<prefix>c:<group>:<instance>`, that expire after the key TTL unless
 * its heartbeat refreshes them; a sorted set `<prefix>instances` (score: expiry in ms, by Redis's
 * clock) lists the live ones. A crashed instance simply stops refreshing: its counts vanish.
 */

/**
 * PUT: ARGV = prefix, instance, ttlMs, group, replace (1: forget the other keys first), query,
 * then key/value pairs to write (0 deletes). query: '' (nothing returned), '=KEY' (sum of KEY
 * over live instances), or '*' (every key's sum over the OTHER live instances, flat).
 */
export const PUT = `
local prefix, me, ttl, group = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local index = prefix .. 'instances'
redis.call('ZADD', index, now + ttl, me)
redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
local own = prefix .. 'c:' .. group .. ':' .. me
if ARGV[5] == '1' then redis.call('DEL', own) end
for i = 7, #ARGV, 2 do
  if tonumber(ARGV[i + 1]) > 0 then redis.call('HSET', own, ARGV[i], ARGV[i + 1]) else redis.call('HDEL', own, ARGV[i]) end
end
redis.call('PEXPIRE', own, ttl)
local query = ARGV[6]
if query == '' then return 0 end
local live = redis.call('ZRANGE', index, 0, -1)
if string.sub(query, 1, 1) == '=' then
  local key, total = string.sub(query, 2), 0
  for _, id in ipairs(live) do total = total + (tonumber(redis.call('HGET', prefix .. 'c:' .. group .. ':' .. id, key)) or 0) end
  return total
end
local sums, keys = {}, {}
for _, id in ipairs(live) do
  if id ~= me then
    local flat = redis.call('HGETALL', prefix .. 'c:' .. group .. ':' .. id)
    for i = 1, #flat, 2 do
      local k = flat[i]
      if sums[k] == nil then sums[k] = 0; keys[#keys + 1] = k end
      sums[k] = sums[k] + tonumber(flat[i + 1])
    end
  end
end
local out = {}
for _, k in ipairs(keys) do out[#out + 1] = k; out[#out + 1] = tostring(sums[k]) end
return out
`;

/** NEXT: KEYS[1] = the sequence; ARGV[1] = at least. Increments, never below ARGV[1] + 1. */
export const NEXT = `
local v = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1]) + 1
if v < floor then redis.call('SET', KEYS[1], floor); return floor end
return v
`;

/** LEAVE: ARGV = prefix, instance, then group names: withdraws this instance at once (clean stop). */
export const LEAVE = `
redis.call('ZREM', ARGV[1] .. 'instances', ARGV[2])
for i = 3, #ARGV do redis.call('DEL', ARGV[1] .. 'c:' .. ARGV[i] .. ':' .. ARGV[2]) end
return 0
`;

/** CLAIM: KEYS[1] = the lock; ARGV = instance, ttlMs. 1 when the instance holds it (taken or renewed). */
export const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;
