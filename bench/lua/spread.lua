-- The same crowd spread over its other courses (see crowd.lua): the popular scenario's reference.
dofile((os.getenv("BENCH_LUA") or "bench/lua") .. "/crowd.lua").scenario("spread")
