/**
 * The store's Lua scripts. Every key a script touches is passed in KEYS and carries the
 * store's hash tag, so on a Redis Cluster each script runs on one node, atomically.
 * Numbers that must survive exactly (window starts, amounts) travel as strings.
 */

/** Window counters: a hash of `w` (window start), `e` (its end) and `v`; a later window replaces it, writes to an earlier one are dropped. */
const COUNTERS = `
local function readCounter(key, ws)
  local stored = redis.call('HMGET', key, 'w', 'v')
  if stored[1] and tonumber(stored[1]) == tonumber(ws) then return tonumber(stored[2]) or 0 end
  return 0
end
local function addCounter(key, ws, we, ttl, amount)
  local w = tonumber(redis.call('HGET', key, 'w'))
  local value
  if w == nil or w < tonumber(ws) then
    redis.call('HSET', key, 'w', ws, 'e', we, 'v', amount)
    value = amount
  elseif w == tonumber(ws) then
    value = redis.call('HINCRBYFLOAT', key, 'v', amount)
  else
    return '0'
  end
  if ttl > 0 then
    local left = redis.call('PTTL', key)
    if left < ttl then redis.call('PEXPIRE', key, ttl) end
  end
  return tostring(value)
end
local function takeBack(key, ws, amount)
  local w = redis.call('HGET', key, 'w')
  if w and tonumber(w) == tonumber(ws) then redis.call('HINCRBYFLOAT', key, 'v', -tonumber(amount)) end
end
local function purgeHolds(holds, reserved, now)
  local expired = redis.call('ZRANGEBYSCORE', holds, '-inf', now)
  for _, member in ipairs(expired) do
    local ws, amount = string.match(member, '^[^|]*|([^|]*)|(.*)$')
    takeBack(reserved, ws, amount)
  end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', holds, '-inf', now) end
end
`;

/**
 * One attempt's claim: checks every item, then (all fitting) takes them all. ARGV[1] is
 * `{ now, holdMs, holdId, items }`; items name their keys by index into KEYS. Answers
 * `{ 'taken' | 'refused', refusedIndex, values… }`: per counter its value, per budget its
 * spend and reservations, per probe 0.
 */
export const CLAIM_SCRIPT = `${COUNTERS}
local spec = cjson.decode(ARGV[1])
local now = tonumber(spec.now)
local values = {}
local refused = 0
for index, item in ipairs(spec.items) do
  if item.t == 'c' then
    local value = readCounter(KEYS[item.k], item.ws)
    values[#values + 1] = tostring(value)
    local amount = tonumber(item.a)
    local over
    if item.r == 1 then over = value >= item.l or (value > 0 and value + amount > item.l)
    else over = value + amount > item.l end
    if over then refused = index break end
  elseif item.t == 'b' then
    purgeHolds(KEYS[item.hk], KEYS[item.rk], now)
    local spent = readCounter(KEYS[item.sk], item.sw)
    local reserved = math.max(0, readCounter(KEYS[item.rk], item.ws))
    values[#values + 1] = tostring(spent)
    values[#values + 1] = tostring(reserved)
    local room = item.max - spent - reserved
    if not (room > 1e-9 and tonumber(item.a) <= room + 1e-9) then refused = index break end
  else
    local owner = redis.call('GET', KEYS[item.k])
    values[#values + 1] = '0'
    if owner and owner ~= spec.holdId then refused = index break end
  end
end
if refused > 0 then return { 'refused', refused - 1, unpack(values) } end
values = {}
for _, item in ipairs(spec.items) do
  if item.t == 'c' then
    values[#values + 1] = addCounter(KEYS[item.k], item.ws, item.we, item.ttl, item.a)
  elseif item.t == 'b' then
    local ttl = math.max(item.ttl, spec.holdMs)
    values[#values + 1] = tostring(readCounter(KEYS[item.sk], item.sw))
    values[#values + 1] = addCounter(KEYS[item.rk], item.ws, item.we, ttl, item.a)
    redis.call('ZADD', KEYS[item.hk], now + spec.holdMs, spec.holdId .. '|' .. item.ws .. '|' .. item.a)
    if redis.call('PTTL', KEYS[item.hk]) < ttl then redis.call('PEXPIRE', KEYS[item.hk], ttl) end
  else
    redis.call('SET', KEYS[item.k], spec.holdId, 'PX', spec.holdMs)
    values[#values + 1] = '0'
  end
end
return { 'taken', -1, unpack(values) }
`;

/**
 * Writes made after calls, in order: counter adds (`a`, answering the new value),
 * deletes (`d`), hold releases (`r`), probe releases (`p`), circuit writes (`s`) and
 * deletes (`x`). A circuit write that would undo a newer one (an older opening, or a stale
 * open over a probe's close) is refused; either way the circuit as stored is published on
 * ARGV[2], as `id` newline JSON (empty when deleted), so every process follows it.
 */
export const WRITE_SCRIPT = `${COUNTERS}
local ops = cjson.decode(ARGV[1])
local channel = ARGV[2]
local values = {}
for _, op in ipairs(ops) do
  if op.t == 'a' then
    values[#values + 1] = addCounter(KEYS[op.k], op.ws, op.we, op.ttl, op.a)
  elseif op.t == 'd' then
    redis.call('DEL', KEYS[op.k])
  elseif op.t == 'r' then
    if redis.call('ZREM', KEYS[op.hk], op.m) == 1 then takeBack(KEYS[op.rk], op.ws, op.a) end
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
`;
