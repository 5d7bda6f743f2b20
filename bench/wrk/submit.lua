-- wrk script of the submit-wrk scenario (bench/run.sh, bench/README.md): POST /v1/instructions, the same seller
-- instruction as KeystoneBench's instructions scenario (no trade_reference, so it stays pending_match), with a new
-- idempotency key per request. The access token comes from the environment variable TOKEN. Prints the number of
-- answers other than 201 per thread ("non-201: n") and the first three of them.
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() + tid)
  prefix = string.format("wrk-%d-%d-%d", os.time(), tid, math.random(1, 1000000000))
  bad = 0
  token = os.getenv("TOKEN")
end
function request()
  counter = counter + 1
  local key = prefix .. "-" .. counter
  local body = string.format([[{"idempotency_key": "%s", "template_slug": "dvp-standard", "role": "seller", "party": {"external_reference": "SELLER-%s-REF", "name": "SELLER-%s", "wallet_address": "0x0000000000000000000000000000000000000000", "chain_id": 11155111}, "legs": [{"leg_type": "asset_delivery", "instrument_id": "BOND-2026-A", "quantity": "1000", "direction": "deliver"}, {"leg_type": "payment", "instrument_id": "TUSDC", "quantity": "99000.50", "direction": "receive"}], "timeout_at": "%s"}]], key, key, key, os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + 7200))
  return wrk.format("POST", "/v1/instructions", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
function response(status, headers, body)
  if status ~= 201 then
    bad = bad + 1
    if bad <= 3 then print("status " .. status .. ": " .. body) end
  end
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do print("non-201: " .. tostring(t:get("bad"))) end
end
