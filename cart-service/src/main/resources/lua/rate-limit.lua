-- Prelude of every cart write (prepended when the scripts load): a fixed-window counter per user and per client IP,
-- checked and counted in the same atomic script as the write, so a limited request changes nothing.
-- KEYS[1] user counter, KEYS[2] IP counter ('-' = none); ARGV[1] user limit, ARGV[2] IP limit, ARGV[3] window ms
-- (0 = limiting off). When over a limit the script answers {'RATE', ms until the window ends}.
local function bazaar_rate_limited()
  local window = tonumber(ARGV[3])
  if window <= 0 then return nil end
  for i = 1, 2 do
    local key, limit = KEYS[i], tonumber(ARGV[i])
    if key ~= '-' then
      local n = redis.call('INCR', key)
      if n == 1 then redis.call('PEXPIRE', key, window) end
      if n > limit then
        local left = redis.call('PTTL', key)
        if left < 0 then redis.call('PEXPIRE', key, window); left = window end
        return {'RATE', left}
      end
    end
  end
  return nil
end
local bazaar_limited = bazaar_rate_limited()
if bazaar_limited then return bazaar_limited end
