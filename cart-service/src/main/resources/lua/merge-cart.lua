-- Merges a guest cart into a buyer's cart atomically (one script = no interleaving with other writes).
-- KEYS[3] buyer cart hash, KEYS[4] guest cart hash; each field is a variantId, each value a JSON line.
-- ARGV[4] max quantity per line, ARGV[5] max lines per cart, ARGV[6] buyer cart TTL seconds.
-- Answers {'OK', merged lines, skipped lines}. The guest cart is deleted, so a replay finds nothing and changes nothing.
local buyer, guest = KEYS[3], KEYS[4]
local maxQty, maxLines, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local g = redis.call('HGETALL', guest)
if #g == 0 then return {'OK', 0, 0} end
local merged, skipped = 0, 0
local lines = redis.call('HLEN', buyer)
for i = 1, #g, 2 do
  local variant, gl = g[i], cjson.decode(g[i + 1])
  local existing = redis.call('HGET', buyer, variant)
  if existing then
    local bl = cjson.decode(existing)
    bl.quantity = math.min(maxQty, bl.quantity + gl.quantity)
    redis.call('HSET', buyer, variant, cjson.encode(bl))
    merged = merged + 1
  elseif lines < maxLines then
    gl.quantity = math.min(maxQty, gl.quantity)
    redis.call('HSET', buyer, variant, cjson.encode(gl))
    lines = lines + 1
    merged = merged + 1
  else
    skipped = skipped + 1
  end
end
redis.call('DEL', guest)
redis.call('EXPIRE', buyer, ttl)
return {'OK', merged, skipped}
