-- wrk script for bench/run-cart: rotates (bearer token, variant) pairs from BENCH_PAIRS (lines "token<TAB>cart<TAB>variant")
-- over BENCH_MODE: add (POST /api/v1/cart/items), get (GET /api/v1/cart), bare (POST /bench/bare/add).
-- Prints the same one-line JSON summary as search.lua.
local pairs_file, mode = os.getenv("BENCH_PAIRS"), os.getenv("BENCH_MODE") or "add"
local rows = {}
for line in io.lines(pairs_file) do
  local token, cart, variant = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
  if token then rows[#rows + 1] = {token, cart, variant} end
end
local n = 0
local step = tonumber(os.getenv("BENCH_OFFSET") or "0")

function init(args)
  n = math.random(0, #rows - 1) + step
end

function request()
  n = n + 1
  local r = rows[(n % #rows) + 1]
  if mode == "get" then
    return wrk.format("GET", "/api/v1/cart", {["Authorization"] = "Bearer " .. r[1]})
  elseif mode == "bare" then
    return wrk.format("POST", "/bench/bare/add?cart=" .. r[2] .. "&variant=" .. r[3], {})
  end
  return wrk.format("POST", "/api/v1/cart/items", {["Authorization"] = "Bearer " .. r[1],
    ["Content-Type"] = "application/json"}, '{"variantId":"' .. r[3] .. '","quantity":1}')
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format('{"requests": %d, "errors": %d, "seconds": %.1f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, errors, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
