-- Shared helpers for the wrk scenarios (loaded with dofile from each scenario script).
-- Data files come from the seeder, in the folder named by the BENCH_DATA environment variable.
-- wrk cannot bind state to one connection, so each wrk thread owns a disjoint slice of the bench
-- students; every request carries the token of the student whose ids it uses, and the thread
-- walks its rows in turn, so consecutive writes touch different rows.
local M = {}
M.data = os.getenv("BENCH_DATA") or "bench-data"

function M.lines(name)
  local rows = {}
  for line in io.lines(M.data .. "/" .. name) do
    local row = {}
    for field in line:gmatch("%S+") do row[#row + 1] = field end
    rows[#rows + 1] = row
  end
  return rows
end

M.tokens = M.lines("tokens.txt")

local threads = {}
local counter = 0
-- setup: number the threads so they can pick their slice.
function M.setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  threads[#threads + 1] = thread
  M.nthreads = counter
end

-- Rows of `rows` whose owner student (column 1, an index into tokens) belongs to this thread.
function M.slice(rows, tid, n)
  local mine = {}
  for _, row in ipairs(rows) do
    if (tonumber(row[1]) % n) == tid then mine[#mine + 1] = row end
  end
  if #mine == 0 then mine = rows end
  return mine
end

-- The request cap of a cell (BENCH_MAX_REQUESTS, 0 = none), shared by the cell's wrk threads
-- (BENCH_WRK_THREADS): a thread that has sent its share stops, so a cell ends at its duration or
-- at its cap, whichever comes first. Every scenario calls this from request(). wrk still reports
-- the full duration, so the req/s of a capped cell is a lower bound; done() flags it.
local cap = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "0")
local share = math.ceil(cap / (tonumber(os.getenv("BENCH_WRK_THREADS") or "2")))
local sent = 0
function M.capped()
  sent = sent + 1
  if cap > 0 and sent > share then wrk.thread:stop() end
end

function M.token(i)
  return M.tokens[tonumber(i) + 1][1]
end

-- Prints one machine-readable line for run.sh: requests, duration, latency percentiles (ms) and
-- every kind of error wrk counts (non-2xx/3xx statuses included), plus the scripts' own checks.
function M.done(summary, latency, requests)
  local e = summary.errors
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("bad") or 0) end
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50=%.2f p90=%.2f p95=%.2f p99=%.2f max=%.2f " ..
    "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d bad=%d " ..
    "capped=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout, bad,
    (cap > 0 and summary.requests >= cap - 64) and 1 or 0))
end

return M
