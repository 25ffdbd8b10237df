-- GET /api/v1/courses?q=<word>&size=20: catalogue full-text search, a student token, varied words
-- and pages.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local words = C.lines("words.txt")
setup = C.setup
local i
function init(args) i = math.random(1000) end
function request()
  C.capped()
  i = i + 1
  local w = words[i % #words + 1][1]
  return wrk.format("GET", "/api/v1/courses?q=" .. w .. "&size=20&page=" .. (i % 2),
    {["Authorization"] = "Bearer " .. C.token(i % #C.tokens)})
end
done = C.done
