-- wrk script for the search benchmark: replays a query log (one URL path per line in $BENCH_QUERIES, e.g. the log
-- of bench/lib/queries.py; BENCH_METHOD, default GET) and prints throughput and P50/P95/P99 latency as one JSON line.
-- Each wrk thread starts at its own place in the log (thread k of BENCH_THREADS, default 2 as in `wrk -t2`, at line
-- k/n of it), so two threads never send the same query at the same moment and a cache cannot win by seeing each
-- search twice.
local paths = {}
local method = os.getenv("BENCH_METHOD") or "GET"
local i = 0
local started = 0

setup = function(thread)
  thread:set("id", started)
  started = started + 1
end

init = function(args)
  local file = os.getenv("BENCH_QUERIES")
  for line in io.lines(file) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  local n = math.max(1, tonumber(os.getenv("BENCH_THREADS") or "2") or 2)
  i = math.floor((tonumber(id) or 0) * #paths / n)
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
