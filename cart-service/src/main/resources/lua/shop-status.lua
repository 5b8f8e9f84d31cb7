-- Version-guarded shop status: an older shop event (a redelivery, a dead letter replayed late) never undoes a newer one.
-- KEYS[1] the set of suspended shops, KEYS[2] the hash of the last applied shop versions.
-- ARGV[1] shop id, ARGV[2] the shop's version in its event, ARGV[3] '1' suspended or '0' not.
-- An equal version applies again (a redelivery writes the same). Answers 1 if applied, 0 if older than what is known.
local v = tonumber(ARGV[2])
local known = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '-1')
if known > v then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ARGV[3] == '1' then
  redis.call('SADD', KEYS[1], ARGV[1])
else
  redis.call('SREM', KEYS[1], ARGV[1])
end
return 1
