-- wrk script for bench/pages.py: cycles through prepared requests (one per line of the
-- file named by the REQUESTS environment variable: method \t path \t headers \t body,
-- headers as "Name: value" joined by "|"), and prints the latency percentiles as JSON.
local requests_list = {}
local index = 0

local function split(text, sep)
  local parts = {}
  for part in (text .. sep):gmatch("(.-)" .. sep) do table.insert(parts, part) end
  return parts
end

function init(args)
  for line in io.lines(os.getenv("REQUESTS")) do
    local f = split(line, "\t")
    local headers = {}
    for _, h in ipairs(split(f[3], "|")) do
      local name, value = h:match("^([^:]+): (.*)$")
      if name then headers[name] = value end
    end
    local body = f[4] ~= "" and f[4] or nil
    table.insert(requests_list, wrk.format(f[1], f[2], headers, body))
  end
  index = math.random(#requests_list)
end

function request()
  index = index % #requests_list + 1
  return requests_list[index]
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "errors_status": %d, "errors_connect": %d, '
    .. '"errors_read": %d, "errors_timeout": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, '
    .. '"mean_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.timeout, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.mean / 1000,
    latency.max / 1000))
end
