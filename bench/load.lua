-- Mixed read load for wrk: each request takes the next "<session key> <path>" line of the file in
-- $LOAD_URLS (written by bench/sessions.py), so every role's main pages are read in turn, signed in.
-- At the end: requests per second, p50/p95/p99 latency and the answers that were not 2xx.

local entries = {}
for line in io.lines(os.getenv("LOAD_URLS")) do
  local key, path = line:match("^(%S+)%s+(%S+)$")
  if key then entries[#entries + 1] = { key, path } end
end

local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

function init(args)
  counter = offset
  non2xx = 0
end

function request()
  counter = counter + 1
  local entry = entries[(counter % #entries) + 1]
  return wrk.format("GET", entry[2], { ["Cookie"] = "sessionid=" .. entry[1] })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write("\n=== load result ===\n")
  io.write(string.format("pages in rotation: %d\n", #entries))
  io.write(string.format("requests: %d in %.1f s\n", summary.requests, seconds))
  io.write(string.format("requests per second: %.1f\n", summary.requests / seconds))
  io.write(string.format("latency p50: %.1f ms\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p95: %.1f ms\n", latency:percentile(95) / 1000))
  io.write(string.format("latency p99: %.1f ms\n", latency:percentile(99) / 1000))
  io.write(string.format("latency max: %.1f ms\n", latency.max / 1000))
  io.write(string.format("non-2xx answers: %d\n", bad))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
  io.write(string.format(
    'JSON {"rps": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, "requests": %d, "non2xx": %d, "socket_errors": %d}\n',
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, bad,
    e.connect + e.read + e.write + e.timeout))
end
