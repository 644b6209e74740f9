/**
 * The store's Lua scripts. Every key a script touches is passed in KEYS and carries the
 * store's hash tag, so on a Redis Cluster each script runs on one node, atomically.
 * Numbers that must survive exactly (window starts, amounts) travel as strings.
 */

/**
 * Window counters: a hash of `w` (window start), `e` (its end) and `v`; a later window
 * replaces it, writes to an earlier one are dropped. Then the writes made after calls, in
 * order: counter adds (`a`, answering the new value), deletes (`d`), hold releases (`r`,
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
 * (expired holds are dropped only when they would decide a refusal), per probe 0.
 */
export const CLAIM_SCRIPT = `${PRELUDE}
local written = applyWrites(ARGV[1], ARGV[2])
local reply = { #written }
for _, value in ipairs(written) do reply[#reply + 1] = value end

local function parse(from, last)
  local items = {}
  local at = from
  while at <= last do
    local kind = ARGV[at]
    if kind == 'c' then
      items[#items + 1] = {
        t = 'c', k = KEYS[tonumber(ARGV[at + 1])], ws = ARGV[at + 2], we = ARGV[at + 3],
        ttl = tonumber(ARGV[at + 4]), a = ARGV[at + 5], l = tonumber(ARGV[at + 6]), r = ARGV[at + 7]
      }
      at = at + 8
    elseif kind == 'b' then
      items[#items + 1] = {
        t = 'b', sk = KEYS[tonumber(ARGV[at + 1])], sw = ARGV[at + 2], rk = KEYS[tonumber(ARGV[at + 3])],
        hk = KEYS[tonumber(ARGV[at + 4])], ws = ARGV[at + 5], we = ARGV[at + 6], ttl = tonumber(ARGV[at + 7]),
        max = tonumber(ARGV[at + 8]), a = ARGV[at + 9]
      }
      at = at + 10
    else
      items[#items + 1] = { t = 'p', k = KEYS[tonumber(ARGV[at + 1])] }
      at = at + 2
    end
  end
  return items
end

local function fitsBudget(item, spent, reserved)
  local room = item.max - spent - reserved
  return room > 1e-9 and tonumber(item.a) <= room + 1e-9
end

local function claim(now, holdMs, holdId, items)
  local values = {}
  for index, item in ipairs(items) do
    if item.t == 'c' then
      local value, w = readCounter(item.k, item.ws)
      item.w = w
      values[#values + 1] = tostring(value)
      local amount = tonumber(item.a)
      local over
      if item.r == '1' then over = value >= item.l or (value > 0 and value + amount > item.l)
      else over = value + amount > item.l end
      if over then return 'refused', index, values end
    elseif item.t == 'b' then
      local spent = readCounter(item.sk, item.sw)
      local reserved, w = readCounter(item.rk, item.ws)
      if not fitsBudget(item, spent, math.max(0, reserved)) then
        purgeHolds(item.hk, item.rk, now)
        reserved, w = readCounter(item.rk, item.ws)
      end
      reserved = math.max(0, reserved)
      item.spent = spent
      item.w = w
      values[#values + 1] = tostring(spent)
      values[#values + 1] = tostring(reserved)
      if not fitsBudget(item, spent, reserved) then return 'refused', index, values end
    else
      local owner = redis.call('GET', item.k)
      values[#values + 1] = '0'
      if owner and owner ~= holdId then return 'refused', index, values end
    end
  end
  values = {}
  for _, item in ipairs(items) do
    if item.t == 'c' then
      values[#values + 1] = addCounterAt(item.k, item.w, item.ws, item.we, item.ttl, item.a, false)
    elseif item.t == 'b' then
      local ttl = math.max(item.ttl, holdMs)
      values[#values + 1] = tostring(item.spent)
      values[#values + 1] = addCounterAt(item.rk, item.w, item.ws, item.we, ttl, item.a, true)
      redis.call('ZADD', item.hk, now + holdMs, holdId .. '|' .. item.ws .. '|' .. item.a)
      extendTo(item.hk, ttl)
    else
      redis.call('SET', item.k, holdId, 'PX', holdMs)
      values[#values + 1] = '0'
    end
  end
  return 'taken', 0, values
end

local at = 4
for _ = 1, tonumber(ARGV[3]) do
  local now, holdMs, holdId = tonumber(ARGV[at]), tonumber(ARGV[at + 1]), ARGV[at + 2]
  local last = at + 3 + tonumber(ARGV[at + 3])
  local status, index, values = claim(now, holdMs, holdId, parse(at + 4, last))
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
