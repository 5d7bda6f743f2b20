#!/usr/bin/env bash
# Fault injection: the webhook receiver is down for a while under load (connection refused, then answering 503) and
# comes back; measures how the backlog drains and checks that every event arrives (see bench/README.md,
# "Fault injection: fault-webhook-down.sh").
#
#   one node on PORT against a fresh database on the local PostgreSQL (127.0.0.1:5432) → a local webhook receiver
#   subscribed to every event of both demo platforms → KeystoneBench settlements + a curl loop submitting
#   instructions → at DOWN_AT s the receiver stops (connection refused) for REFUSED_FOR s, then answers 503 for
#   UNAVAILABLE_FOR s, then 204 again → the backlog is sampled every second until it is empty → drain time and
#   rate, and the checks of fault-kill9.sh → PASS/FAIL summary.
#
#   bench/fault-webhook-down.sh                                # defaults below: events keep coming after the return
#   LOAD_DURATION=80 bench/fault-webhook-down.sh               # the load ends when the receiver returns
set -euo pipefail

LOAD_DURATION=${LOAD_DURATION:-110}      # seconds of load
DOWN_AT=${DOWN_AT:-20}                   # seconds into the load when the receiver stops
REFUSED_FOR=${REFUSED_FOR:-30}           # seconds of connection refused
UNAVAILABLE_FOR=${UNAVAILABLE_FOR:-30}   # then seconds of 503
CONCURRENCY=${CONCURRENCY:-4}
TEMPLATE=${TEMPLATE:-dvp-standard}
BACKLOG_WAIT=${BACKLOG_WAIT:-600}        # max seconds to wait for the backlog after the receiver returns
PORT=${PORT:-18281}
RECEIVER_PORT=${RECEIVER_PORT:-18290}
FAULT_DB=${FAULT_DB:-keystone_fault_webhooks}   # dropped and recreated
SKIP_BUILD=${SKIP_BUILD:-0}
SERVER_JAR=${SERVER_JAR:-}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xmx512m}
BENCH_JAVA=${BENCH_JAVA:-}

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
URL="http://127.0.0.1:$PORT"
AUDIENCE=https://api.keystoneos.xyz

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/fault-webhook-down-$STAMP"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/keystone-fault-webhook.XXXXXX)
NODE_PID="" RECEIVER_PID="" LOOP_PID="" BENCH_PID=""
LOG_TIMESTAMPS=1 DIE_STATUS=2
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
    local rc=$?
    for p in "$LOOP_PID" "$BENCH_PID"; do
        [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
    done
    stop_pid "$NODE_PID" "the node"
    stop_pid "$RECEIVER_PID" "receiver"
    redact_demo_secrets "$OUT/node.log"
    rm -rf "$WORK"
    exit "$rc"
}
run_cleanup_on_exit

select_bench_java
for tool in psql curl python3 jq; do command -v $tool >/dev/null || die "$tool is missing"; done
for port in "$PORT" "$RECEIVER_PORT"; do require_free_port "$port"; done
prepare_server_jar
{
    echo "timestamp:  $STAMP"
    echo "host:       $(uname -srm), $(nproc) CPUs, load avg $(cut -d' ' -f1-3 /proc/loadavg) before the run"
    echo "jar:        $JAR_SOURCE"
    echo "parameters: LOAD_DURATION=$LOAD_DURATION DOWN_AT=$DOWN_AT REFUSED_FOR=$REFUSED_FOR" \
        "UNAVAILABLE_FOR=$UNAVAILABLE_FOR CONCURRENCY=$CONCURRENCY TEMPLATE=$TEMPLATE BACKLOG_WAIT=$BACKLOG_WAIT"
} | tee "$OUT/environment.txt"

ensure_local_postgres
log "fresh database $FAULT_DB"
recreate_database "$FAULT_DB"

log "starting the node on $PORT"
: > "$OUT/node.log"
start_keystone_server NODE_PID "$OUT/node.log" "$PORT" "jdbc:postgresql://127.0.0.1:5432/$FAULT_DB"
wait_healthy "$NODE_PID" "$URL" "$OUT/node.log" 240 "the node"
read_demo_credentials "$OUT/node.log"
sql "update environments set rate_limit_rpm = 1000000" >/dev/null
ACME_TOKEN=$(access_token "$URL" "$KEYSTONE_ACME_CLIENT_ID" "$KEYSTONE_ACME_CLIENT_SECRET")
BETA_TOKEN=$(access_token "$URL" "$KEYSTONE_BETA_CLIENT_ID" "$KEYSTONE_BETA_CLIENT_SECRET")
set_receiver_answer 204
start_webhook_receiver
register_receiver_endpoints "$URL" "fault-webhook-down receiver"
echo "receiver on $RECEIVER_PORT; endpoints $ENDPOINT_A (Acme) and $ENDPOINT_B (Beta)"

# ---- load and the outage ------------------------------------------------------------------------------------
: > "$OUT/accepted-instructions.txt"
log "load: KeystoneBench settlements ($CONCURRENCY workers, $LOAD_DURATION s) and instructions; receiver down at" \
    "+$DOWN_AT s: refused for $REFUSED_FOR s, 503 for $UNAVAILABLE_FOR s"
LOAD_START=$(date +%s)
"$BENCH_JAVA" "$ROOT/bench/KeystoneBench.java" settlements --base-url "$URL" --concurrency "$CONCURRENCY" \
    --warmup 0 --duration "$LOAD_DURATION" --drain 30 --template "$TEMPLATE" --max-error-rate 100 \
    --settle-timeout 120 --poll-max-ms 250 > "$OUT/bench.txt" 2>&1 & BENCH_PID=$!
instruction_loop "$URL" & LOOP_PID=$!

sleep "$DOWN_AT"
stop_pid "$RECEIVER_PID" "receiver"
RECEIVER_PID=""
log "receiver stopped: connection refused for $REFUSED_FOR s"
sleep "$REFUSED_FOR"
set_receiver_answer 503
start_webhook_receiver
log "receiver answers 503 for $UNAVAILABLE_FOR s"
sleep "$UNAVAILABLE_FOR"

# The backlog at the return: the pending deliveries of the two endpoints, kept in a table of this throwaway database.
sql "create table fault_backlog as
     select id, now() as back_at, next_attempt_at < now() + interval '10 seconds' as due_soon from webhook_deliveries
     where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B') and status = 'pending'" > /dev/null
set_receiver_answer 204
BACK_AT=$(date +%s)
PENDING_AT_BACK=$(sql "select count(*) from fault_backlog")
DUE_SOON_AT_BACK=$(sql "select count(*) from fault_backlog where due_soon")
log "receiver back (answers 204) at +$(( BACK_AT - LOAD_START )) s; backlog: $PENDING_AT_BACK pending deliveries," \
    "$DUE_SOON_AT_BACK of them were due within 10 s on their schedule"

# ---- drain --------------------------------------------------------------------------------------------------
backlog_left() {
    sql "select count(*) from fault_backlog join webhook_deliveries d using (id) where d.status = 'pending'"
}
echo "seconds_since_back backlog_left" > "$OUT/drain.txt"
while :; do
    left=$(backlog_left)
    since=$(( $(date +%s) - BACK_AT ))
    echo "$since $left" >> "$OUT/drain.txt"
    [[ "$left" == 0 ]] && break
    [[ $since -ge $BACKLOG_WAIT ]] && { echo "backlog deliveries still pending after $BACKLOG_WAIT s"; break; }
    if (( since % 10 == 0 )); then printf '[%4ss] backlog deliveries left %s\n' "$since" "$left"; fi
    sleep 1
done
# From the return to the last backlog delivery's success; the median one; the rate over the whole drain.
read -r DRAIN_S DRAIN_P50_S < <(sql "select coalesce(round(extract(epoch from max(d.completed_at) - min(b.back_at)), 1)::text, '-')
        || ' ' || coalesce(round(extract(epoch from percentile_cont(0.5) within group (order by d.completed_at - b.back_at)), 1)::text, '-')
     from fault_backlog b join webhook_deliveries d using (id) where d.status = 'succeeded'")
DRAIN_RATE=$(awk -v n="$PENDING_AT_BACK" -v s="$DRAIN_S" 'BEGIN { if (s + 0 > 0) printf "%.1f", n / s; else print "-" }')
BACKLOG_LEFT=$(backlog_left)
BROUGHT_FORWARD=$(grep -c 'waiting retries brought forward' "$OUT/node.log" || true)

wait "$BENCH_PID" || true; BENCH_PID=""
kill "$LOOP_PID" 2>/dev/null || true; wait "$LOOP_PID" 2>/dev/null || true; LOOP_PID=""
echo "bench: $(grep -E '^(count|errors) ' "$OUT/bench.txt" | tr '\n' ';' || echo 'no report')"

wait_for_backlog 120
sleep 3

log "checks"
run_fault_checks "$URL" "$URL" "by the node"
REFUSED_AT_RECEIVER=$(awk '$5 == 503' "$OUT/receiver.log" | grep -c . || true)
FAILED_ATTEMPTS=$(sql "select count(*) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
                       where d.endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B') and (a.status_code is null or a.status_code >= 300)")
check "backlog drained" $(( BACKLOG_LEFT == 0 )) \
    "$PENDING_AT_BACK deliveries pending when the receiver came back ($DUE_SOON_AT_BACK due within 10 s on their schedule), the last delivered ${DRAIN_S} s later, the median ${DRAIN_P50_S} s (${DRAIN_RATE} deliveries/s over the drain); still pending $BACKLOG_LEFT"

{
    echo "KeyStone OS fault injection $STAMP: webhook receiver down under load ($LOAD_DURATION s) at +$DOWN_AT s: connection refused $REFUSED_FOR s, then 503 $UNAVAILABLE_FOR s, then back"
    echo "bench: $(grep -E '^(count|errors) ' "$OUT/bench.txt" | sed 's/  */ /g' | tr '\n' ';' || echo 'no report')"
    echo "failed attempts logged: $FAILED_ATTEMPTS ($REFUSED_AT_RECEIVER answered 503 by the receiver, the rest refused);" \
        "recoveries that brought retries forward: $BROUGHT_FORWARD"
    print_check_results
} > "$OUT/summary.txt"
cat "$OUT/summary.txt"
exit "$FAIL"
