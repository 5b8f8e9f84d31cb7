-- Adds quantity to one line atomically (concurrent adds never lose an increment), snapshotting the product as it is
-- now. KEYS[3] cart hash, KEYS[4] the variant's product summary, KEYS[5] the suspended-shops set.
-- ARGV[4] quantity to add, ARGV[5] max per line, ARGV[6] max lines, ARGV[7] cart TTL s, ARGV[8] now (ISO-8601),
-- ARGV[9] '1' = the cart must already exist (a guest token we did not issue never creates a cart), ARGV[10] variant.
-- Answers {'OK', line quantity, lines in cart, the line's JSON} or a refusal: NOCART, MISS (summary not cached), UNAVAILABLE,
-- QTY (would exceed the per-line maximum; with the current quantity), LINES (cart full).
local cart, summaryKey = KEYS[3], KEYS[4]
local qty, maxQty, maxLines, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local variant = ARGV[10]
if ARGV[9] == '1' and redis.call('EXISTS', cart) == 0 then return {'NOCART'} end
local raw = redis.call('GET', summaryKey)
if not raw then return {'MISS'} end
local s = cjson.decode(raw)
if not s.sellable or redis.call('SISMEMBER', KEYS[5], s.shopId) == 1 then return {'UNAVAILABLE'} end
local existing = redis.call('HGET', cart, variant)
local line
if existing then
  line = cjson.decode(existing)
  if line.quantity + qty > maxQty then return {'QTY', line.quantity} end
  line.quantity = line.quantity + qty
else
  if redis.call('HLEN', cart) >= maxLines then return {'LINES', maxLines} end
  line = {quantity = qty, addedAt = ARGV[8]}
end
line.productId, line.shopId, line.title, line.price, line.currency = s.productId, s.shopId, s.title, s.price, s.currency
local encoded = cjson.encode(line)
redis.call('HSET', cart, variant, encoded)
redis.call('EXPIRE', cart, ttl)
return {'OK', line.quantity, redis.call('HLEN', cart), encoded}
