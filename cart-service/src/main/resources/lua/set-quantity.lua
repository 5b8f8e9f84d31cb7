-- Sets one line's quantity (0 removes it), refreshing its snapshot when the product is cached and sellable: the buyer
-- changing a line has seen the current price. KEYS[3] cart hash, KEYS[4] product summary.
-- ARGV[4] quantity, ARGV[5] cart TTL s, ARGV[6] variant. Answers {'OK', quantity, lines, the line's JSON ('' when removed)} or {'NOLINE'}.
local cart, summaryKey = KEYS[3], KEYS[4]
local qty, ttl, variant = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local existing = redis.call('HGET', cart, variant)
if not existing then return {'NOLINE'} end
local encoded = ''
if qty == 0 then
  redis.call('HDEL', cart, variant)
else
  local line = cjson.decode(existing)
  line.quantity = qty
  local raw = redis.call('GET', summaryKey)
  if raw then
    local s = cjson.decode(raw)
    if s.sellable then
      line.productId, line.shopId, line.title, line.price, line.currency = s.productId, s.shopId, s.title, s.price, s.currency
    end
  end
  encoded = cjson.encode(line)
  redis.call('HSET', cart, variant, encoded)
end
if redis.call('EXISTS', cart) == 1 then redis.call('EXPIRE', cart, ttl) end
return {'OK', qty, redis.call('HLEN', cart), encoded}
