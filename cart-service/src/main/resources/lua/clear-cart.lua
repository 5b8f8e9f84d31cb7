-- Empties a cart. KEYS[3] cart hash.
return {'OK', redis.call('DEL', KEYS[3]), 0}
