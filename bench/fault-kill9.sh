#!/usr/bin/env bash
# Fault injection: kill -9 one of two KeyStone OS nodes under load, then check that nothing was lost, stuck or
# done twice (see bench/README.md, "Fault injection: fault-kill9.sh").
#
#   two nodes (A on PORT_A, B on PORT_B) from the server jar on one fresh database keystone_fault
#   → a local webhook receiver (python3) subscribed to every event of both demo platforms
#   → KeystoneBench settlements against A and against B, plus a curl loop submitting instructions to B
#   → kill -9 B after KILL_AFTER s; A keeps running; B restarts RESTART_AFTER s later
#   → wait for the backlog (engine jobs, settlements, webhook deliveries; a killed node's webhook leases expire
#     only after 5 min) → checks with SQL and the API → PASS/FAIL summary.
#
#   bench/fault-kill9.sh                                   # defaults below
#   SERVER_JAR=/tmp/opsbuild/keystone-server/target/keystone-server-0.1.0-SNAPSHOT.jar bench/fault-kill9.sh
set -euo pipefail

LOAD_DURATION=${LOAD_DURATION:-60}       # seconds of load per bench process
KILL_AFTER=${KILL_AFTER:-25}             # seconds into the load when node B gets kill -9
RESTART_AFTER=${RESTART_AFTER:-10}       # seconds between the kill and B's restart
CONCURRENCY=${CONCURRENCY:-4}            # settlement workers per bench process (two processes)
TEMPLATE=${TEMPLATE:-dvp-standard}
BACKLOG_WAIT=${BACKLOG_WAIT:-480}        # max seconds to wait for the backlog after the load
PORT_A=${PORT_A:-18181}
PORT_B=${PORT_B:-18182}
RECEIVER_PORT=${RECEIVER_PORT:-18190}
FAULT_DB=${FAULT_DB:-keystone_fault}     # dropped and recreated
SKIP_BUILD=${SKIP_BUILD:-0}
SERVER_JAR=${SERVER_JAR:-}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xmx512m}
BENCH_JAVA=${BENCH_JAVA:-}

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
URL_A="http://127.0.0.1:$PORT_A"
URL_B="http://127.0.0.1:$PORT_B"
AUDIENCE=https://api.keystoneos.xyz
# Both nodes issue and accept the same iss, as a deployment behind a load balancer must (docs/operations.md).
ISSUER="$URL_A"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/fault-$STAMP"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/keystone-fault.XXXXXX)
PID_A="" PID_B="" RECEIVER_PID="" LOOP_PID="" BENCH_A_PID="" BENCH_B_PID=""
LOG_TIMESTAMPS=1 DIE_STATUS=2
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
sql() { psql -qAtX -v ON_ERROR_STOP=1 -d "$FAULT_DB" -c "$1"; }

cleanup() {
    local rc=$?
    for p in "$LOOP_PID" "$BENCH_A_PID" "$BENCH_B_PID"; do
        [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
    done
    stop_pid "$PID_A" "node A"
    stop_pid "$PID_B" "node B"
    stop_pid "$RECEIVER_PID" "receiver"
    redact_demo_secrets "$OUT"/node-*.log
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- tools (as bench/run.sh) --------------------------------------------------------------------------------
select_bench_java
for tool in psql curl python3 jq; do command -v $tool >/dev/null || die "$tool is missing"; done
prepare_server_jar
{
    echo "timestamp:  $STAMP"
    echo "host:       $(uname -srm), $(nproc) CPUs, load avg $(cut -d' ' -f1-3 /proc/loadavg) before the run"
    echo "jar:        $JAR_SOURCE"
    echo "parameters: LOAD_DURATION=$LOAD_DURATION KILL_AFTER=$KILL_AFTER RESTART_AFTER=$RESTART_AFTER" \
        "CONCURRENCY=$CONCURRENCY x2 TEMPLATE=$TEMPLATE BACKLOG_WAIT=$BACKLOG_WAIT"
} | tee "$OUT/environment.txt"

# ---- PostgreSQL ---------------------------------------------------------------------------------------------
ensure_local_postgres
log "fresh database $FAULT_DB"
recreate_database "$FAULT_DB"

# ---- nodes --------------------------------------------------------------------------------------------------
for port in "$PORT_A" "$PORT_B" "$RECEIVER_PORT"; do require_free_port "$port"; done

start_node() { # <A|B> <port>: starts a node, sets PID_<name>; the log is appended (restarts)
    local name=$1 port=$2
    echo "---- start $(date -u +%H:%M:%S)" >> "$OUT/node-$name.log"
    start_keystone_server "PID_$name" "$OUT/node-$name.log" "$port" "jdbc:postgresql://127.0.0.1:5432/$FAULT_DB" \
        --keystone.auth.issuer="$ISSUER"
}
wait_node_healthy() { # <A|B> <url>
    local pid_var="PID_$1"
    wait_healthy "${!pid_var}" "$2" "$OUT/node-$1.log" 240 "node $1"
}

log "starting node A on $PORT_A (it seeds the demo data), then node B on $PORT_B"
start_node A "$PORT_A"
wait_node_healthy A "$URL_A"
start_node B "$PORT_B"
read_demo_credentials "$OUT/node-A.log"
wait_node_healthy B "$URL_B"
sql "update environments set rate_limit_rpm = 1000000" >/dev/null
echo "nodes healthy: A pid $PID_A, B pid $PID_B"

token() { # <base url> <client id> <client secret>
    jq -n --arg id "$2" --arg secret "$3" --arg aud "$AUDIENCE" \
        '{grant_type: "client_credentials", client_id: $id, client_secret: $secret, audience: $aud}' |
        curl -fsS --max-time 10 -H 'content-type: application/json' --data-binary @- "$1/oauth/token" |
        jq -r .access_token
}
ACME_TOKEN=$(token "$URL_A" "$KEYSTONE_ACME_CLIENT_ID" "$KEYSTONE_ACME_CLIENT_SECRET")
BETA_TOKEN=$(token "$URL_A" "$KEYSTONE_BETA_CLIENT_ID" "$KEYSTONE_BETA_CLIENT_SECRET")
# A token from A must work on B: same signing keys (database) and the same fixed issuer.
curl -fs -o /dev/null -H "authorization: Bearer $ACME_TOKEN" "$URL_B/v1/settlements?limit=1" \
    || die "a token issued by node A is refused by node B"

# ---- webhook receiver ---------------------------------------------------------------------------------------
# Logs one line per request: <path> <event id> <delivery id> <signature ok 1|0>; always answers 204.
cat > "$WORK/receiver.py" <<'EOF'
import hashlib, hmac, json, os, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, secrets_file, log_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()
out = open(log_file, "a", buffering=1)
class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        try:
            secrets = json.load(open(secrets_file))
        except (OSError, ValueError):
            secrets = {}
        secret = secrets.get(self.path, "")
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        ok = 1 if secret and hmac.compare_digest(expected, self.headers.get("X-Keystone-Signature", "")) else 0
        with lock:
            out.write("%s %s %s %d\n" % (self.path, self.headers.get("X-Keystone-Event-Id", "-"),
                                          self.headers.get("X-Keystone-Delivery-Id", "-"), ok))
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
EOF
echo '{}' > "$WORK/secrets.json"
: > "$OUT/receiver.log"
python3 "$WORK/receiver.py" "$RECEIVER_PORT" "$WORK/secrets.json" "$OUT/receiver.log" 2> "$OUT/receiver.err" &
RECEIVER_PID=$!
sleep 1
kill -0 "$RECEIVER_PID" 2>/dev/null || die "the webhook receiver did not start (see $OUT/receiver.err)"

create_endpoint() { # <token> <path>: prints "<id> <secret>"
    jq -n --arg url "http://127.0.0.1:$RECEIVER_PORT$2" \
        '{url: $url, events: ["*"], description: "fault-kill9 receiver"}' |
        curl -fsS --max-time 10 -H "authorization: Bearer $1" -H 'content-type: application/json' \
            --data-binary @- "$URL_A/v1/platforms/me/webhooks" | jq -r '"\(.id) \(.secret)"'
}
read -r ENDPOINT_A SECRET_A < <(create_endpoint "$ACME_TOKEN" /acme)
read -r ENDPOINT_B SECRET_B < <(create_endpoint "$BETA_TOKEN" /beta)
[[ -n "$SECRET_A" && -n "$SECRET_B" ]] || die "could not create the webhook endpoints"
jq -n --arg a "$SECRET_A" --arg b "$SECRET_B" '{"/acme": $a, "/beta": $b}' > "$WORK/secrets.json"
echo "receiver on $RECEIVER_PORT; endpoints $ENDPOINT_A (Acme) and $ENDPOINT_B (Beta)"

# ---- load ---------------------------------------------------------------------------------------------------
run_bench() { # <A|B> <url>
    "$BENCH_JAVA" "$ROOT/bench/KeystoneBench.java" settlements --base-url "$2" --concurrency "$CONCURRENCY" \
        --warmup 0 --duration "$LOAD_DURATION" --drain 30 --template "$TEMPLATE" --max-error-rate 100 \
        --settle-timeout 120 --poll-max-ms 250 > "$OUT/bench-$1.txt" 2>&1
}
# Instructions submitted to node B across the kill: every 201 is an accepted write the API must show later.
instruction_loop() {
    local seq=0 wallet body code id
    wallet="0x$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')00000000"
    while :; do
        seq=$((seq + 1))
        body=$(jq -nc --arg key "fault-$STAMP-$seq" --arg wallet "$wallet" --arg template "$TEMPLATE" \
            --arg timeout "$(date -u -d '+2 hours' +%Y-%m-%dT%H:%M:%SZ)" '{idempotency_key: $key,
              template_slug: $template, role: "seller",
              party: {external_reference: ("FAULT-" + $key), name: "Fault Seller", wallet_address: $wallet,
                      chain_id: 11155111},
              legs: [{leg_type: "asset_delivery", instrument_id: "BOND-2026-A", quantity: "1000", direction: "deliver"},
                     {leg_type: "payment", instrument_id: "TUSDC", quantity: "99000.50", direction: "receive"}],
              timeout_at: $timeout}')
        code=$(curl -s -o "$WORK/instr.json" -w '%{http_code}' --max-time 10 -H "authorization: Bearer $ACME_TOKEN" \
            -H 'content-type: application/json' --data-binary "$body" "$URL_B/v1/instructions" || true)
        if [[ "$code" == 201 ]]; then
            id=$(jq -r .id "$WORK/instr.json")
            echo "$id" >> "$OUT/accepted-instructions.txt"
        else
            echo "$seq $code" >> "$OUT/instruction-errors.txt"
            sleep 0.2
        fi
        sleep 0.1
    done
}

log "load: KeystoneBench settlements against A and B ($CONCURRENCY workers each, $LOAD_DURATION s)," \
    "instructions to B; kill -9 B after $KILL_AFTER s"
: > "$OUT/accepted-instructions.txt"
LOAD_START=$(date +%s)
run_bench A "$URL_A" & BENCH_A_PID=$!
run_bench B "$URL_B" & BENCH_B_PID=$!
instruction_loop & LOOP_PID=$!

sleep "$KILL_AFTER"
B_LEASES_BEFORE=$(sql "select count(*) from engine_jobs where leased_until > now()")
kill -KILL "$PID_B"
wait "$PID_B" 2>/dev/null || true
KILLED_AT=$(date +%s)
log "killed node B (pid $PID_B) with SIGKILL at +$((KILLED_AT - LOAD_START)) s; engine leases held just before: $B_LEASES_BEFORE"
echo "---- killed with SIGKILL at $(date -u +%H:%M:%S)" >> "$OUT/node-B.log"
sleep 2
ORPHAN_ENGINE=$(sql "select count(*) from engine_jobs where leased_until > now()")
ORPHAN_WEBHOOK=$(sql "select count(*) from webhook_deliveries where status = 'pending' and leased_until > now()")
echo "leases outstanding 2 s after the kill: engine_jobs $ORPHAN_ENGINE, webhook_deliveries $ORPHAN_WEBHOOK"
sleep "$RESTART_AFTER"
log "restarting node B"
start_node B "$PORT_B"
wait_node_healthy B "$URL_B"
echo "node B healthy again (pid $PID_B), $(( $(date +%s) - KILLED_AT )) s after the kill"

wait "$BENCH_A_PID" || true; BENCH_A_PID=""
wait "$BENCH_B_PID" || true; BENCH_B_PID=""
kill "$LOOP_PID" 2>/dev/null || true; wait "$LOOP_PID" 2>/dev/null || true; LOOP_PID=""
LOAD_END=$(date +%s)
for n in A B; do
    echo "bench $n: $(grep -E '^(count|errors) ' "$OUT/bench-$n.txt" | tr '\n' ';' || echo 'no report')"
done

# ---- backlog ------------------------------------------------------------------------------------------------
TERMINAL="'FINALIZED','ROLLED_BACK','TIMED_OUT','CANCELLED','MATURED'"
# A settlement is "progressing" if it waits for outside input (deposits not all made, a compliance decision) or
# has an engine job that is due and not held by an expired lease; "stuck" otherwise (checked at the end).
backlog() {
    sql "select (select count(*) from engine_jobs where run_at <= now()) || ' ' ||
                (select count(*) from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B')
                                                          and status = 'pending') || ' ' ||
                (select count(*) from settlements s where s.state not in ($TERMINAL)
                   and not (s.state = 'AWAITING_DEPOSITS' and exists (select 1 from chain_escrow_legs l
                            where l.settlement_id = s.id and l.status = 'pending')))"
}
log "waiting for the backlog (max $BACKLOG_WAIT s): due engine jobs, pending deliveries, settlements the engine still has to move"
BACKLOG_START=$(date +%s)
while :; do
    read -r due pending moving < <(backlog)
    elapsed=$(( $(date +%s) - BACKLOG_START ))
    printf '[%4ss] due engine jobs %s, pending webhook deliveries %s, settlements to move %s\n' \
        "$elapsed" "$due" "$pending" "$moving"
    [[ "$due" == 0 && "$pending" == 0 && "$moving" == 0 ]] && break
    [[ $elapsed -ge $BACKLOG_WAIT ]] && { echo "backlog not drained after $BACKLOG_WAIT s"; break; }
    sleep 10
done
BACKLOG_SECONDS=$(( $(date +%s) - BACKLOG_START ))
sleep 3  # the receiver's last lines

# ---- checks -------------------------------------------------------------------------------------------------
log "checks"
FAIL=0
RESULTS=()
check() { # <name> <ok 0|1> <detail>
    if [[ "$2" == 1 ]]; then RESULTS+=("PASS  $1: $3"); else RESULTS+=("FAIL  $1: $3"); FAIL=1; fi
}

# 1. Accepted instructions (201 from B, before or after the kill) are visible through the API (node A).
ACCEPTED=$(sort -u "$OUT/accepted-instructions.txt" | grep -c . || true)
MISSING=0
while read -r id; do
    [[ -n "$id" ]] || continue
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "authorization: Bearer $ACME_TOKEN" \
        "$URL_A/v1/instructions/$id")
    [[ "$code" == 200 ]] || { MISSING=$((MISSING + 1)); echo "instruction $id: HTTP $code" >> "$OUT/missing.txt"; }
done < <(sort -u "$OUT/accepted-instructions.txt")
INSTR_ERRORS=$( [[ -f "$OUT/instruction-errors.txt" ]] && wc -l < "$OUT/instruction-errors.txt" || echo 0)
check "accepted instructions visible" $(( MISSING == 0 )) \
    "$((ACCEPTED - MISSING)) of $ACCEPTED instructions accepted by B (201) found via the API on A ($INSTR_ERRORS submits refused/failed around the kill)"

# 2. Every settlement in the database is readable through the API (as Acme, a party to all of them).
SETTLEMENTS=$(sql "select count(*) from settlements")
API_MISSING=0
while read -r id; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "authorization: Bearer $ACME_TOKEN" \
        "$URL_B/v1/settlements/$id")
    [[ "$code" == 200 ]] || { API_MISSING=$((API_MISSING + 1)); echo "settlement $id: HTTP $code" >> "$OUT/missing.txt"; }
done < <(sql "select id from settlements")
check "settlements visible" $(( API_MISSING == 0 )) \
    "$((SETTLEMENTS - API_MISSING)) of $SETTLEMENTS settlements readable via the API on B"

# 3. Terminal or progressing; no engine job held by a dead lease.
sql "select state, count(*) from settlements group by state order by state" | tr '\n' ' ' > "$WORK/states"
STUCK=$(sql "select count(*) from settlements s where s.state not in ($TERMINAL)
               and not (s.state = 'AWAITING_DEPOSITS' and exists (select 1 from chain_escrow_legs l
                        where l.settlement_id = s.id and l.status = 'pending'))
               and not exists (select 1 from engine_jobs j where j.settlement_id = s.id and j.kind = 'advance'
                               and (j.leased_until is null or j.leased_until > now()))")
WAITING=$(sql "select count(*) from settlements s where s.state = 'AWAITING_DEPOSITS' and exists
                 (select 1 from chain_escrow_legs l where l.settlement_id = s.id and l.status = 'pending')")
DEAD_LEASES=$(sql "select count(*) from engine_jobs where leased_until < now()")
OVERDUE=$(sql "select count(*) from engine_jobs where run_at < now() - interval '2 minutes'
                 and (leased_until is null or leased_until < now())")
check "no stuck settlement" $(( STUCK == 0 && DEAD_LEASES == 0 && OVERDUE == 0 )) \
    "states: $(cat "$WORK/states")| stuck $STUCK, waiting for deposits $WAITING, engine jobs with an expired lease $DEAD_LEASES, overdue jobs $OVERDUE"

# 4. Executed at most once.
TWICE=$(sql "select count(*) from (select settlement_id from settlement_events
              where from_state = 'EXECUTING_SWAP' and to_state = 'FINALIZED'
              group by settlement_id having count(*) > 1) t")
DUP_MOVES=$(sql "select count(*) from (select settlement_id, leg_index, kind from chain_ledger_entries
                  where kind <> 'mint' group by 1, 2, 3 having count(*) > 1) t")
DUP_SEQ=$(sql "select count(*) from (select settlement_id, sequence from settlement_events
                group by 1, 2 having count(*) > 1) t")
FINALIZED=$(sql "select count(*) from settlements where state = 'FINALIZED'")
check "no settlement executed twice" $(( TWICE == 0 && DUP_MOVES == 0 && DUP_SEQ == 0 )) \
    "$FINALIZED finalized; settlements with >1 EXECUTING_SWAP→FINALIZED $TWICE, duplicate deposit/release/refund entries $DUP_MOVES, duplicate event sequences $DUP_SEQ"

# 5. Conservation per (chain, instrument): balances + deposited escrow = minted (V5__simulated_chain.sql).
sql "with minted as (select chain_id, instrument_id, sum(amount) m from chain_ledger_entries where kind = 'mint' group by 1, 2),
          held as (select chain_id, instrument_id, sum(amount) b from chain_balances group by 1, 2),
          escrow as (select chain_id, instrument_id, sum(quantity) e from chain_escrow_legs where status = 'deposited' group by 1, 2)
     select m.chain_id || '/' || m.instrument_id, m.m, coalesce(h.b, 0), coalesce(e.e, 0),
            m.m = coalesce(h.b, 0) + coalesce(e.e, 0)
     from minted m left join held h using (chain_id, instrument_id) left join escrow e using (chain_id, instrument_id)
     order by 1" > "$WORK/conservation"
UNBALANCED=$(awk -F'|' '$5 != "t"' "$WORK/conservation" | grep -c . || true)
CONS_DETAIL=$(awk -F'|' '{printf "%s minted %s = balances %s + escrow %s; ", $1, $2, $3, $4}' "$WORK/conservation")
check "balances conserved" $(( UNBALANCED == 0 )) "${CONS_DETAIL}unbalanced instruments $UNBALANCED"

# 6. Every event for the two endpoints delivered (succeeded) and seen by the receiver at least once.
EVENTS=$(sql "select count(*) from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B')")
SUCCEEDED=$(sql "select count(*) from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B') and status = 'succeeded'")
OUTBOX=$(sql "select count(*) from webhook_outbox o join webhook_endpoints e on e.environment_id = o.environment_id
              where e.id in ('$ENDPOINT_A', '$ENDPOINT_B') and o.created_at >= e.created_at")
sql "select case endpoint_id when '$ENDPOINT_A' then '/acme' else '/beta' end || ' ' || event_id
     from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B')" | sort -u > "$WORK/expected"
awk '{print $1, $2}' "$OUT/receiver.log" | sort -u > "$WORK/arrived"
NOT_ARRIVED=$(comm -23 "$WORK/expected" "$WORK/arrived" | grep -c . || true)
REQUESTS=$(grep -c . "$OUT/receiver.log" || true)
DUPLICATES=$(( REQUESTS - $(grep -c . "$WORK/arrived" || true) ))
BAD_SIG=$(awk '$4 != 1' "$OUT/receiver.log" | grep -c . || true)
if [[ $NOT_ARRIVED -gt 0 ]]; then comm -23 "$WORK/expected" "$WORK/arrived" > "$OUT/not-arrived.txt"; fi
check "webhooks delivered at least once" $(( NOT_ARRIVED == 0 && SUCCEEDED == EVENTS && EVENTS >= OUTBOX && BAD_SIG == 0 )) \
    "$EVENTS deliveries queued (outbox events since the endpoints: $OUTBOX), $SUCCEEDED succeeded, $((EVENTS - NOT_ARRIVED)) arrived at the receiver ($REQUESTS requests, $DUPLICATES redeliveries), bad signatures $BAD_SIG"

{
    echo "KeyStone OS fault injection $STAMP: 2 nodes, kill -9 of node B at +$((KILLED_AT - LOAD_START)) s of $LOAD_DURATION s load, restart after $RESTART_AFTER s; backlog drained in $BACKLOG_SECONDS s"
    for n in A B; do
        echo "bench $n: $(grep -E '^(count|errors) ' "$OUT/bench-$n.txt" | sed 's/  */ /g' | tr '\n' ';' || echo 'no report')"
    done
    echo
    printf '%s\n' "${RESULTS[@]}"
    echo
    if [[ $FAIL == 0 ]]; then echo "RESULT: PASS"; else echo "RESULT: FAIL"; fi
    echo "raw outputs: ${OUT#"$ROOT"/}/"
} > "$OUT/summary.txt"
cat "$OUT/summary.txt"
exit "$FAIL"
