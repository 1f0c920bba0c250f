-- wrk script for POST benchmarks: the JSON body is read from the file named by
-- $BENCH_BODY_FILE (written by bench/run.py), e.g. a non-streaming /api/chat request.
local dir = os.getenv("BENCH_WRK_DIR") or "bench/wrk"
dofile(dir .. "/report.lua")

local path = os.getenv("BENCH_BODY_FILE")
if not path then
  error("BENCH_BODY_FILE is not set")
end
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

done = bench_report
