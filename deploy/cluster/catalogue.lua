-- GET /api/v1/courses?q=<word>&size=20 without a token: the public catalogue as visitors and
-- search engines read it. Anonymous reads are the ones served by the read replica (ADR 16).
-- Words come from the seeder's words.txt (BENCH_DATA); any non-200 answer counts as `bad`.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local words = C.lines("words.txt")
setup = C.setup
local i, bad
function init(args)
  i = math.random(1000)
  bad = 0
end
function request()
  C.capped()
  i = i + 1
  local w = words[i % #words + 1][1]
  return wrk.format("GET", "/api/v1/courses?q=" .. w .. "&size=20&page=" .. (i % 2))
end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    wrk.thread:set("bad", bad)
  end
end
done = C.done
