-- Quiz attempts: POST /api/v1/quizzes/{quizId}/attempts (201, a new attempt) then
-- POST /api/v1/attempts/{id}/submit with four answers (graded at once). Each thread owns the
-- (student, quiz) pairs of its bench students; a pair is started only when it has no open attempt
-- (a second start would be refused), and a started attempt is submitted by the thread's next
-- request. Both requests count; an attempt is two of them. A start that is not 201 or a submit
-- that does not come back graded counts as `bad`.
local C = dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/common.lua")
local all = C.lines("quiz.txt")
setup = C.setup
local rows, free, open, byKey, bad
function init(args)
  rows = C.slice(all, tid, tonumber(args[1]) or 2)
  free, open, byKey, bad = {}, {}, {}, 0
  for i, r in ipairs(rows) do
    free[#free + 1] = i
    byKey[r[2] .. r[3]] = i
  end
end
function request()
  C.capped()
  local r
  if #open > 0 then
    local o = table.remove(open, 1)
    r = rows[o.row]
    return wrk.format("POST", "/api/v1/attempts/" .. o.id .. "/submit",
      {["Authorization"] = "Bearer " .. C.token(r[1]), ["Content-Type"] = "application/json"}, r[4])
  end
  -- More pairs than connections per thread, so one is always free when no attempt is open.
  local i = table.remove(free, 1) or 1 -- none left only after failures (counted as bad)
  r = rows[i]
  return wrk.format("POST", "/api/v1/quizzes/" .. r[3] .. "/attempts",
    {["Authorization"] = "Bearer " .. C.token(r[1])})
end
function response(status, headers, body)
  local student = body:match('"studentId":"([^"]+)"')
  local quiz = body:match('"quizId":"([^"]+)"')
  local i = student and quiz and byKey[student .. quiz]
  if status == 201 and i then
    -- JSON-B writes properties in alphabetical order: the attempt's own id is the first "id".
    open[#open + 1] = {id = body:match('"id":"([^"]+)"'), row = i}
  elseif status == 200 and i and body:find('"status":"graded"', 1, true) then
    free[#free + 1] = i
  else
    bad = bad + 1
    wrk.thread:set("bad", bad)
  end
end
done = C.done
