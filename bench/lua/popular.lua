-- Popular course: the crowd's heartbeats and progress reads all in one course (see crowd.lua).
dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/crowd.lua").scenario("popular")
