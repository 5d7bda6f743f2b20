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
run_cleanup_on_exit

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

ACME_TOKEN=$(access_token "$URL_A" "$KEYSTONE_ACME_CLIENT_ID" "$KEYSTONE_ACME_CLIENT_SECRET")
BETA_TOKEN=$(access_token "$URL_A" "$KEYSTONE_BETA_CLIENT_ID" "$KEYSTONE_BETA_CLIENT_SECRET")
# A token from A must work on B: same signing keys (database) and the same fixed issuer.
curl -fs -o /dev/null -H "authorization: Bearer $ACME_TOKEN" "$URL_B/v1/settlements?limit=1" \
    || die "a token issued by node A is refused by node B"

# ---- webhook receiver ---------------------------------------------------------------------------------------
start_webhook_receiver
register_receiver_endpoints "$URL_A" "fault-kill9 receiver"
echo "receiver on $RECEIVER_PORT; endpoints $ENDPOINT_A (Acme) and $ENDPOINT_B (Beta)"

# ---- load ---------------------------------------------------------------------------------------------------
run_bench() { # <A|B> <url>
    "$BENCH_JAVA" "$ROOT/bench/KeystoneBench.java" settlements --base-url "$2" --concurrency "$CONCURRENCY" \
        --warmup 0 --duration "$LOAD_DURATION" --drain 30 --template "$TEMPLATE" --max-error-rate 100 \
        --settle-timeout 120 --poll-max-ms 250 > "$OUT/bench-$1.txt" 2>&1
}
# Instructions submitted to node B across the kill: every 201 is an accepted write the API must show later.
log "load: KeystoneBench settlements against A and B ($CONCURRENCY workers each, $LOAD_DURATION s)," \
    "instructions to B; kill -9 B after $KILL_AFTER s"
: > "$OUT/accepted-instructions.txt"
LOAD_START=$(date +%s)
run_bench A "$URL_A" & BENCH_A_PID=$!
run_bench B "$URL_B" & BENCH_B_PID=$!
instruction_loop "$URL_B" & LOOP_PID=$!

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
wait_for_backlog "$BACKLOG_WAIT"
sleep 3  # the receiver's last lines

# ---- checks -------------------------------------------------------------------------------------------------
log "checks"
# Instructions accepted by B are read on A, settlements on B: both nodes serve everything.
run_fault_checks "$URL_A" "$URL_B" "by B"

{
    echo "KeyStone OS fault injection $STAMP: 2 nodes, kill -9 of node B at +$((KILLED_AT - LOAD_START)) s of $LOAD_DURATION s load, restart after $RESTART_AFTER s; backlog drained in $BACKLOG_SECONDS s"
    for n in A B; do
        echo "bench $n: $(grep -E '^(count|errors) ' "$OUT/bench-$n.txt" | sed 's/  */ /g' | tr '\n' ';' || echo 'no report')"
    done
    print_check_results
} > "$OUT/summary.txt"
cat "$OUT/summary.txt"
exit "$FAIL"
