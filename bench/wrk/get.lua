-- wrk script for GET benchmarks (e.g. GET /api/tags).  Extra headers such as
-- Authorization are passed on the wrk command line with -H.
local dir = os.getenv("BENCH_WRK_DIR") or "bench/wrk"
dofile(dir .. "/report.lua")

wrk.method = "GET"

done = bench_report
