/**
 * The store's Lua scripts. Every key a script touches is passed in KEYS and carries the
 * store's hash tag, so on a Redis Cluster each script runs on one node, atomically.
 * Numbers that must survive exactly (window starts, amounts) travel as strings.
 */

/**
 * Window counters: a hash of `w` (window start), `e` (its end) and `v`; a later window
 * replaces it, writes to an earlier one are dropped. Then the writes made after calls, in
 * order: counter adds (`a`, answering the new value), raises to at least a value (`m`, never
 * lowering it; answering the value after), deletes (`d`), hold releases (`r`,
 * answering the reservation left), probe releases (`p`), circuit writes (`s`) and deletes
 * (`x`). A circuit write that would undo a newer one (an older opening, or a stale open
 * over a probe's close) is refused; either way the circuit as stored is published, as `id`
 * newline JSON (empty when deleted), so every process follows it.
 */
const PRELUDE = `
local function readCounter(key, ws)
  local stored = redis.call('HMGET', key, 'w', 'v')
  local w = tonumber(stored[1])
  if w == tonumber(ws) then return tonumber(stored[2]) or 0, w end
  return 0, w
end
local function extendTo(key, ttl)
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
-- Adds to a counter whose stored window start is w (nil: none).
local function addCounterAt(key, w, ws, we, ttl, amount, extend)
  if w == nil or w < tonumber(ws) then
    redis.call('HSET', key, 'w', ws, 'e', we, 'v', amount)
    if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
    return amount
  elseif w == tonumber(ws) then
    local value = redis.call('HINCRBYFLOAT', key, 'v', amount)
    if extend then extendTo(key, ttl) end
    return value
  end
  return '0'
end
local function addCounter(key, ws, we, ttl, amount, extend)
  return addCounterAt(key, tonumber(redis.call('HGET', key, 'w')), ws, we, ttl, amount, extend)
end
-- Raises a counter to at least target in window ws (an ended window is replaced, a later one left alone); answers its value.
local function raiseCounter(key, ws, we, ttl, target)
  local value, w = readCounter(key, ws)
  if w ~= nil and w > tonumber(ws) then return '0' end
  if w == nil or w < tonumber(ws) then
    redis.call('HSET', key, 'w', ws, 'e', we, 'v', target)
    if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
    return target
  end
  if value < tonumber(target) then
    redis.call('HSET', key, 'v', target)
    return target
  end
  return tostring(value)
end
-- Takes a hold's amount back from its reservation counter (if still in that window); answers what is left.
local function takeBack(key, ws, amount)
  local w = redis.call('HGET', key, 'w')
  if w and tonumber(w) == tonumber(ws) then return tonumber(redis.call('HINCRBYFLOAT', key, 'v', -tonumber(amount))) end
  return 0
end
local function purgeHolds(holds, reserved, now)
  local expired = redis.call('ZRANGEBYSCORE', holds, '-inf', now)
  for _, member in ipairs(expired) do
    local ws, amount = string.match(member, '^[^|]*|([^|]*)|(.*)$')
    takeBack(reserved, ws, amount)
  end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', holds, '-inf', now) end
end

local function applyWrites(json, channel)
  local values = {}
  if json == '' then return values end
  for _, op in ipairs(cjson.decode(json)) do
    if op.t == 'a' then
      values[#values + 1] = addCounter(KEYS[op.k], op.ws, op.we, op.ttl, op.a, false)
    elseif op.t == 'm' then
      values[#values + 1] = raiseCounter(KEYS[op.k], op.ws, op.we, op.ttl, op.v)
    elseif op.t == 'd' then
      redis.call('DEL', KEYS[op.k])
    elseif op.t == 'r' then
      local left
      if redis.call('ZREM', KEYS[op.hk], op.m) == 1 then left = takeBack(KEYS[op.rk], op.ws, op.a)
      else left = readCounter(KEYS[op.rk], op.ws) end
      values[#values + 1] = tostring(left)
    elseif op.t == 'p' then
      if redis.call('GET', KEYS[op.k]) == op.owner then redis.call('DEL', KEYS[op.k]) end
    elseif op.t == 's' then
      local stored = redis.call('HGET', KEYS[op.k], op.id)
      local keep = false
      if stored then
        local old = cjson.decode(stored)
        local new = cjson.decode(op.c)
        keep = new.openedAt < old.openedAt or (new.openedAt == old.openedAt and new.open and not old.open)
      end
      if not keep then
        redis.call('HSET', KEYS[op.k], op.id, op.c)
        stored = op.c
      end
      redis.call('PUBLISH', channel, op.id .. '\\n' .. stored)
    elseif op.t == 'x' then
      redis.call('HDEL', KEYS[op.k], op.id)
      redis.call('PUBLISH', channel, op.id .. '\\n')
    end
  end
  return values
end
`;

/**
 * The claims of one turn of the event loop, each atomic on its own (the script is). First
 * the writes queued on the counters they read (ARGV[1], JSON or empty; ARGV[2] the
 * circuits channel), so each claim sees this process's released holds and recorded spend.
 * ARGV[3] is how many claims follow; each is `now, holdMs, holdId, argument count`, then
 * its items, flat so nothing is decoded: counter `c, key, windowStart, windowEnd, ttl,
 * amount, limit, rule (1: first-fits)`; budget `b, spendKey, spendWindowStart,
 * reservedKey, holdsKey, windowStart, windowEnd, ttl, maxUsd, amount`; probe `p, key`;
 * keys as indexes into KEYS. A claim checks every item, then (all fitting) takes them all.
 * Answers `{ writeCount, write values…, then per claim: 'taken' | 'refused', refusedIndex,
 * valueCount, values… }`: per counter its value, per budget its spend and reservations
 * (the expired holds of processes that died dropped first), per probe 0.
 */
export const CLAIM_SCRIPT = `${PRELUDE}
local written = applyWrites(ARGV[1], ARGV[2])
local reply = { #written }
for _, value in ipairs(written) do reply[#reply + 1] = value end

-- Counter item: c, key, windowStart, windowEnd, ttl, amount, limit, rule. Budget item: b, spendKey,
-- spendWindowStart, reservedKey, holdsKey, windowStart, windowEnd, ttl, maxUsd, amount. Probe: p, key.
local SIZE = { c = 8, b = 10, p = 2 }

-- Checks the items from ARGV[from] to ARGV[last]; answers the index of the first refused (0: none),
-- what each read, and per item the stored window (and a budget's spend) the take needs.
local function check(from, last, now, holdId)
  local values, seen = {}, {}
  local at, index = from, 0
  while at <= last do
    index = index + 1
    local kind = ARGV[at]
    if kind == 'c' then
      local value, w = readCounter(KEYS[tonumber(ARGV[at + 1])], ARGV[at + 2])
      seen[index] = w
      values[#values + 1] = tostring(value)
      local amount, limit = tonumber(ARGV[at + 5]), tonumber(ARGV[at + 6])
      local over
      if ARGV[at + 7] == '1' then over = value >= limit or (value > 0 and value + amount > limit)
      else over = value + amount > limit end
      if over then return index, values, seen end
    elseif kind == 'b' then
      local reservedKey = KEYS[tonumber(ARGV[at + 3])]
      purgeHolds(KEYS[tonumber(ARGV[at + 4])], reservedKey, now)
      local spent = readCounter(KEYS[tonumber(ARGV[at + 1])], ARGV[at + 2])
      local reserved, w = readCounter(reservedKey, ARGV[at + 5])
      reserved = math.max(0, reserved)
      seen[index] = w
      values[#values + 1] = tostring(spent)
      values[#values + 1] = tostring(reserved)
      local room = tonumber(ARGV[at + 8]) - spent - reserved
      if not (room > 1e-9 and tonumber(ARGV[at + 9]) <= room + 1e-9) then return index, values, seen end
    else
      local owner = redis.call('GET', KEYS[tonumber(ARGV[at + 1])])
      values[#values + 1] = '0'
      if owner and owner ~= holdId then return index, values, seen end
    end
    at = at + SIZE[kind]
  end
  return 0, values, seen
end

-- Takes every item (all fitted); answers each one's value after.
local function take(from, last, now, holdMs, holdId, seen, read)
  local values = {}
  local at, index, next = from, 0, 1
  while at <= last do
    index = index + 1
    local kind = ARGV[at]
    if kind == 'c' then
      values[#values + 1] = addCounterAt(KEYS[tonumber(ARGV[at + 1])], seen[index], ARGV[at + 2], ARGV[at + 3], tonumber(ARGV[at + 4]), ARGV[at + 5], false)
      next = next + 1
    elseif kind == 'b' then
      local ws, amount = ARGV[at + 5], ARGV[at + 9]
      local windowTtl = tonumber(ARGV[at + 7])
      local ttl = math.max(windowTtl, holdMs)
      local holds = KEYS[tonumber(ARGV[at + 4])]
      -- A period's reservation counter expires with its window; an all-time one lives as long as its longest hold.
      values[#values + 1] = read[next]
      values[#values + 1] = addCounterAt(KEYS[tonumber(ARGV[at + 3])], seen[index], ws, ARGV[at + 6], ttl, amount, windowTtl == 0)
      redis.call('ZADD', holds, now + holdMs, holdId .. '|' .. ws .. '|' .. amount)
      if windowTtl > holdMs then redis.call('PEXPIRE', holds, windowTtl) else extendTo(holds, ttl) end
      next = next + 2
    else
      redis.call('SET', KEYS[tonumber(ARGV[at + 1])], holdId, 'PX', holdMs)
      values[#values + 1] = '0'
      next = next + 1
    end
    at = at + SIZE[kind]
  end
  return values
end

local function claim(from, last, now, holdMs, holdId)
  local refused, read, seen = check(from, last, now, holdId)
  if refused > 0 then return 'refused', refused, read end
  return 'taken', 0, take(from, last, now, holdMs, holdId, seen, read)
end

local at = 4
for _ = 1, tonumber(ARGV[3]) do
  local now, holdMs, holdId = tonumber(ARGV[at]), tonumber(ARGV[at + 1]), ARGV[at + 2]
  local last = at + 3 + tonumber(ARGV[at + 3])
  local status, index, values = claim(at + 4, last, now, holdMs, holdId)
  reply[#reply + 1] = status
  reply[#reply + 1] = index - 1
  reply[#reply + 1] = #values
  for _, value in ipairs(values) do reply[#reply + 1] = value end
  at = last + 1
end
return reply
`;

/** The writes of a batch no claim carried (ARGV[1] JSON, ARGV[2] the circuits channel). */
export const WRITE_SCRIPT = `${PRELUDE}
return applyWrites(ARGV[1], ARGV[2])
`;
