-- Removes what a completed checkout bought, once per checkout: the marker is set in the same atomic script.
-- KEYS[1] buyer cart hash, KEYS[2] processed-checkout marker. ARGV[1] marker TTL s, then pairs variant, quantity.
-- Lines added after the quote stay; a line whose quantity grew after the quote keeps the difference.
-- Answers -1 for a replay, else the number of lines touched.
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', tonumber(ARGV[1])) then return -1 end
local touched = 0
for i = 2, #ARGV, 2 do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  if raw then
    local line = cjson.decode(raw)
    local left = line.quantity - tonumber(ARGV[i + 1])
    if left <= 0 then
      redis.call('HDEL', KEYS[1], ARGV[i])
    else
      line.quantity = left
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(line))
    end
    touched = touched + 1
  end
end
return touched
