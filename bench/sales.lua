-- wrk: tills selling units through the write API (bench/sales.sh). Run with -t N -c N: each
-- thread is one till with one keep-alive connection and its own token (line i of $TOKENS), and
-- offers every N-th code of $CODES starting at its own index (with $SHIFT, another till's share:
-- the second offers). A code is left for the next only when its answer arrived (a request wrk
-- sends again after a reconnect offers the same code), and a thread stops after its last answer.
local tokens, codes = {}, {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
local shift = tonumber(os.getenv("SHIFT") or "0")
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("index", threads)
end

function init(args)
    count = #tokens
    token = tokens[index]
    current = ((index - 1 + shift) % count) + 1
end

function request()
    local code = codes[current]
    if code == nil then return wrk.format("GET", "/healthz") end  -- never sent: the thread has stopped
    return wrk.format("POST", "/api/v1/sales", { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
                      '{"code":"' .. code .. '"}')
end

function response(status, headers, body)
    current = current + count
    if codes[current] == nil then wrk.thread:stop() end
end
