-- GET /api/v1/enrollments/{id}/progress with the enrolled student's token.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local all = C.lines("progress.txt")
setup = C.setup
local rows, i
function init(args)
  rows = C.slice(all, tid, tonumber(args[1]) or 2)
  i = math.random(#rows)
end
function request()
  C.capped()
  i = i % #rows + 1
  local r = rows[i]
  return wrk.format("GET", "/api/v1/enrollments/" .. r[2] .. "/progress",
    {["Authorization"] = "Bearer " .. C.token(r[1])})
end
done = C.done
