-- GET /api/v1/courses/{id or slug}: course detail with its lesson outline, alternating id and slug.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local courses = C.lines("courses.txt")
setup = C.setup
local i
function init(args) i = math.random(1000) end
function request()
  C.capped()
  i = i + 1
  local c = courses[i % #courses + 1]
  return wrk.format("GET", "/api/v1/courses/" .. c[(i % 2) + 1],
    {["Authorization"] = "Bearer " .. C.token(i % #C.tokens)})
end
done = C.done
