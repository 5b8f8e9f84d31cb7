-- wrk script for the search benchmark: rotates through a fixed list of queries (one per line in $BENCH_QUERIES,
-- already URL paths; BENCH_METHOD, default GET) and prints throughput and P50/P95/P99 latency as one JSON line.
local paths = {}
local method = os.getenv("BENCH_METHOD") or "GET"
local i = 0

init = function(args)
  local file = os.getenv("BENCH_QUERIES")
  for line in io.lines(file) do
    if #line > 0 then paths[#paths + 1] = line end
  end
end

request = function()
  i = (i % #paths) + 1
  return wrk.format(method, paths[i])
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "errors": %d, "seconds": %.1f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
