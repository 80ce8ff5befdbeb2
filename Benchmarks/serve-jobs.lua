-- wrk script for Benchmarks/serve-load.sh: every request submits the small job in the file
-- named by JOB_FILE (POST /api/jobs) and the answers are tallied by status code. A full queue
-- answers 429 by design; any 5xx or socket error is a failure.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("JOB_FILE"), "r"))
  local body = file:read("*a")
  file:close()
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  counts = {}
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do total[status] = (total[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(total) do table.insert(parts, status .. ": " .. n) end
  table.sort(parts)
  io.write("status codes: " .. table.concat(parts, ", ") .. "\n")
end
