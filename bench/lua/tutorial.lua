-- POST /v1/tutorials/progress/{tutorialId}/chapter: every request a growing watch time on a varied
-- chapter, so each write changes the stored row.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local all = C.lines("tutorials.txt")
setup = C.setup
local rows, i, n
function init(args)
  rows = C.slice(all, tid, tonumber(args[1]) or 2)
  i = math.random(#rows)
  n = 10
end
function request()
  C.capped()
  i = i % #rows + 1
  n = n + 1
  local r = rows[i]
  return wrk.format("POST", "/v1/tutorials/progress/" .. r[2] .. "/chapter",
    {["Authorization"] = "Bearer " .. C.token(r[1]), ["Content-Type"] = "application/json"},
    '{"chapterId":"chapter-' .. (n % 10 + 1) .. '","watchTime":' .. n ..
    ',"lastPosition":' .. n .. ',"totalChapters":10}')
end
done = C.done
