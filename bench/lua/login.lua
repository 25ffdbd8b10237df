-- POST /api/v1/auth/login for the bench students in turn (PBKDF2 by design: its cost is reported
-- apart from the other scenarios).
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local users = C.lines("login.txt")
setup = C.setup
-- Each thread signs in its own slice of the students (never the same account on two connections at
-- once: concurrent sign-ins of one account conflict, see docs/PERFORMANCE.md).
local rows, i
function init(args)
  local mine = {}
  local n = tonumber(args[1]) or 2
  for k, u in ipairs(users) do
    if (k - 1) % n == tid then mine[#mine + 1] = u end
  end
  rows = mine
  i = math.random(#rows)
end
function request()
  C.capped()
  i = i % #rows + 1
  return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json"},
    '{"email":"' .. rows[i][1] .. '","password":"' .. rows[i][2] .. '"}')
end
done = C.done
