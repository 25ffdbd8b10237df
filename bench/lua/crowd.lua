-- The crowd scenarios (popular.lua, spread.lua): many students, each with a token of their own
-- (crowd-tokens.txt), sending lesson heartbeats in random order, and every fourth request reading
-- the progress of the same enrolment, as a class does when a lesson page shows its progress bar.
-- The two scenarios differ only in where the rows are: popular-*.txt are the crowd's lesson rows
-- in the one popular course, spread-*.txt their rows in their other courses, so the ratio between
-- them isolates what concentrating the load on one course costs. Rows: token index, enrolment id,
-- lesson id (shuffled by the seeder). A heartbeat that is not 200 with "refusedSeconds":0 or a
-- read that is not 200 counts as `bad`.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local M = {}

function M.scenario(name)
  local all = C.lines(name .. ".txt")
  local tokens = C.lines("crowd-tokens.txt")
  local rows, i, bad
  setup = C.setup
  function init(args)
    rows = C.slice(all, tid, tonumber(args[1]) or 2)
    i = math.random(#rows)
    bad = 0
  end
  local reading = false
  function request()
    C.capped()
    i = i % #rows + 1
    local r = rows[i]
    local token = tokens[tonumber(r[1]) + 1][1]
    reading = (i % 4 == 0)
    if reading then
      return wrk.format("GET", "/api/v1/enrollments/" .. r[2] .. "/progress",
        {["Authorization"] = "Bearer " .. token})
    end
    return wrk.format("POST", "/api/v1/enrollments/" .. r[2] .. "/lessons/" .. r[3] .. "/heartbeat",
      {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"},
      '{"seconds":1,"positionSeconds":' .. math.random(1, 3000) .. '}')
  end
  -- wrk pipelines nothing here (one request in flight per connection), but a thread runs many
  -- connections: the reply is told apart by its body, not by the last request sent.
  function response(status, headers, body)
    local ok = status == 200 and (body:find('"refusedSeconds":0', 1, true)
      or not body:find('"refusedSeconds"', 1, true))
    if not ok then
      bad = bad + 1
      wrk.thread:set("bad", bad)
    end
  end
  done = C.done
end

return M
