-- Version-guarded write of a product summary: an older event never overwrites newer data.
-- KEYS[1] summary key. ARGV[1] product version, ARGV[2] event time (ms since epoch), ARGV[3] JSON fields to set,
-- ARGV[4] 'full' (may create the entry) or 'patch' (only updates an existing one), ARGV[5] TTL s.
-- Order: (version, time); equal pairs apply again (a redelivery writes the same values). Answers 1 if written.
local v, ts = tonumber(ARGV[1]), tonumber(ARGV[2])
local raw = redis.call('GET', KEYS[1])
local cur
if raw then
  cur = cjson.decode(raw)
  if cur.v > v or (cur.v == v and cur.ts > ts) then return 0 end
elseif ARGV[4] ~= 'full' then
  return 0
else
  cur = {}
end
for k, val in pairs(cjson.decode(ARGV[3])) do cur[k] = val end
cur.v, cur.ts = v, ts
redis.call('SET', KEYS[1], cjson.encode(cur), 'EX', tonumber(ARGV[5]))
return 1
