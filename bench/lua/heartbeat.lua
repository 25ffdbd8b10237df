-- POST /api/v1/enrollments/{id}/lessons/{lessonId}/heartbeat {seconds: 1}: a real write each time
-- (1 s is always accepted: the seeded lessons were first started 30 days ago). A reply that refuses
-- seconds counts as `bad`.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local all = C.lines("heartbeat.txt")
setup = C.setup
local rows, i, bad
function init(args)
  rows = C.slice(all, tid, tonumber(args[1]) or 2)
  i = math.random(#rows)
  bad = 0
end
function request()
  C.capped()
  i = i % #rows + 1
  local r = rows[i]
  return wrk.format("POST", "/api/v1/enrollments/" .. r[2] .. "/lessons/" .. r[3] .. "/heartbeat",
    {["Authorization"] = "Bearer " .. C.token(r[1]), ["Content-Type"] = "application/json"},
    '{"seconds":1,"positionSeconds":' .. math.random(1, 3000) .. '}')
end
function response(status, headers, body)
  if status ~= 200 or not body:find('"refusedSeconds":0', 1, true) then
    bad = bad + 1
    wrk.thread:set("bad", bad)
  end
end
done = C.done
