-- wrk: every request a different unit page, from the list in $PATHS (one path a line). Each
-- wrk thread starts at its own offset, so the threads do not repeat each other's units.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local counter = 1
local threads = 0
local accept = os.getenv("ACCEPT")

function setup(thread)
    thread:set("offset", threads * 7919)
    threads = threads + 1
end

function init(args)
    counter = (offset or 0) + 1
end

function request()
    counter = counter + 1
    local headers = nil
    if accept and accept ~= "" then headers = { ["Accept"] = accept } end
    return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end
