-- wrk prints this one JSON line when the run ends: latencies in milliseconds;
-- "not_ok" counts answers other than 200 (a redirect to the login page is one).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, "p50": %.3f, "p95": %.3f, "mean": %.3f, "max": %.3f}\n',
    summary.requests, summary.duration / 1000000, errors.connect + errors.read + errors.write + errors.timeout,
    bad, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency.mean / 1000, latency.max / 1000))
end
