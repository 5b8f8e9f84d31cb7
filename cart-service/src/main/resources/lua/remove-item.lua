-- Removes one line (removing an absent line is not an error). KEYS[3] cart hash; ARGV[4] variant, ARGV[5] TTL s.
local cart = KEYS[3]
local removed = redis.call('HDEL', cart, ARGV[4])
if redis.call('EXISTS', cart) == 1 then redis.call('EXPIRE', cart, tonumber(ARGV[5])) end
return {'OK', removed, redis.call('HLEN', cart)}
