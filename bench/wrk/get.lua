-- wrk script of the get-wrk scenario (bench/run.sh, bench/README.md): GET /v1/settlements/{id}, cycling through the
-- settlement ids in the environment variable IDS (comma-separated; run.sh takes them from Acme's first list page).
-- The access token comes from the environment variable TOKEN. Prints the number of answers other than 200 per
-- thread ("non-200: n") and the first three of them.
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  token = os.getenv("TOKEN")
  ids = {}
  for id in string.gmatch(os.getenv("IDS"), "[^,]+") do table.insert(ids, id) end
  next_id = tid
  bad = 0
end
function request()
  next_id = next_id + 1
  local id = ids[(next_id % #ids) + 1]
  return wrk.format("GET", "/v1/settlements/" .. id, {["Authorization"] = "Bearer " .. token})
end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad <= 3 then print("status " .. status .. ": " .. body) end
  end
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do print("non-200: " .. tostring(t:get("bad"))) end
end
