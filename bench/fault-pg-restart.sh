#!/usr/bin/env bash
# Fault injection: PostgreSQL restarts under load while a KeyStone OS node keeps running; the node must recover by
# itself (see bench/README.md, "Fault injection: fault-pg-restart.sh").
#
#   a DEDICATED PostgreSQL cluster (initdb into a temporary directory, port PG_PORT; the machine's own cluster on
#   5432 is never touched) → one node on PORT against a fresh database on it → a local webhook receiver subscribed
#   to every event of both demo platforms → KeystoneBench settlements + a curl loop submitting instructions + a
#   probe reading the API every 0.5 s → `pg_ctl restart -m fast` at RESTART_AT s, then `pg_ctl stop -m fast`,
#   DOWN_FOR s of outage and `pg_ctl start` at STOP_AT s → wait for the backlog → the node is the same process,
#   the probe saw only 200 or a 503 problem, and the checks of fault-kill9.sh → PASS/FAIL summary.
#
#   bench/fault-pg-restart.sh                    # defaults below
#   SKIP_BUILD=1 DOWN_FOR=30 bench/fault-pg-restart.sh
set -euo pipefail

LOAD_DURATION=${LOAD_DURATION:-90}       # seconds of load
RESTART_AT=${RESTART_AT:-25}             # seconds into the load: pg_ctl restart -m fast
STOP_AT=${STOP_AT:-55}                   # seconds into the load: pg_ctl stop -m fast, DOWN_FOR s later start
DOWN_FOR=${DOWN_FOR:-10}
CONCURRENCY=${CONCURRENCY:-4}            # settlement workers of the bench
TEMPLATE=${TEMPLATE:-dvp-standard}
BACKLOG_WAIT=${BACKLOG_WAIT:-480}        # max seconds to wait for the backlog after the load
PORT=${PORT:-18281}
RECEIVER_PORT=${RECEIVER_PORT:-18290}
PG_PORT=${PG_PORT:-15532}                # the dedicated cluster
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
FAULT_DB=${FAULT_DB:-keystone_fault}
SKIP_BUILD=${SKIP_BUILD:-0}
SERVER_JAR=${SERVER_JAR:-}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xmx512m}
BENCH_JAVA=${BENCH_JAVA:-}

export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
URL="http://127.0.0.1:$PORT"
AUDIENCE=https://api.keystoneos.xyz

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/fault-pg-restart-$STAMP"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/keystone-fault-pg.XXXXXX)
PGDATA_DIR=""
NODE_PID="" RECEIVER_PID="" LOOP_PID="" BENCH_PID="" PROBE_PID=""
LOG_TIMESTAMPS=1 DIE_STATUS=2
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# postgres refuses to run as root: the cluster belongs to the postgres user when the script runs as root.
as_cluster_owner() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_ctl_cluster() { # <pg_ctl arguments…>
    as_cluster_owner "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/postgres.log" -w -t 60 "$@"
}

cleanup() {
    local rc=$?
    for p in "$LOOP_PID" "$BENCH_PID" "$PROBE_PID"; do
        [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
    done
    stop_pid "$NODE_PID" "the node"
    stop_pid "$RECEIVER_PID" "receiver"
    if [[ -n "$PGDATA_DIR" ]]; then
        [[ -f "$PGDATA_DIR/data/postmaster.pid" ]] && pg_ctl_cluster stop -m immediate >/dev/null 2>&1 || true
        cp "$PGDATA_DIR/postgres.log" "$OUT/postgres.log" 2>/dev/null || true
        rm -rf "$PGDATA_DIR"
    fi
    redact_demo_secrets "$OUT/node.log"
    rm -rf "$WORK"
    exit "$rc"
}
run_cleanup_on_exit

# ---- tools --------------------------------------------------------------------------------------------------
select_bench_java
for tool in psql curl python3 jq; do command -v $tool >/dev/null || die "$tool is missing"; done
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "no initdb/pg_ctl in $PG_BIN (set PG_BIN)"
for port in "$PORT" "$RECEIVER_PORT" "$PG_PORT"; do require_free_port "$port"; done
prepare_server_jar
{
    echo "timestamp:  $STAMP"
    echo "host:       $(uname -srm), $(nproc) CPUs, load avg $(cut -d' ' -f1-3 /proc/loadavg) before the run"
    echo "jar:        $JAR_SOURCE"
    echo "postgres:   $PG_BIN, dedicated cluster on port $PG_PORT"
    echo "parameters: LOAD_DURATION=$LOAD_DURATION RESTART_AT=$RESTART_AT STOP_AT=$STOP_AT DOWN_FOR=$DOWN_FOR" \
        "CONCURRENCY=$CONCURRENCY TEMPLATE=$TEMPLATE BACKLOG_WAIT=$BACKLOG_WAIT"
} | tee "$OUT/environment.txt"

# ---- the dedicated PostgreSQL cluster -----------------------------------------------------------------------
log "initdb a throwaway cluster on port $PG_PORT"
PGDATA_DIR=$(mktemp -d /tmp/keystone-fault-pgdata.XXXXXX)
[[ $(id -u) == 0 ]] && chown postgres: "$PGDATA_DIR"
as_cluster_owner "$PG_BIN/initdb" -D "$PGDATA_DIR/data" -U postgres -A trust --no-sync > "$OUT/initdb.log" 2>&1 \
    || { cat "$OUT/initdb.log"; die "initdb failed"; }
cat >> "$PGDATA_DIR/data/postgresql.conf" <<EOF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGDATA_DIR'
max_connections = 100
EOF
pg_ctl_cluster start > /dev/null || die "the dedicated cluster did not start (see $PGDATA_DIR/postgres.log)"
psql -q -v ON_ERROR_STOP=1 -d postgres -c "create database $FAULT_DB"

# ---- node, receiver ------------------------------------------------------------------------------------------
log "starting the node on $PORT"
: > "$OUT/node.log"
start_keystone_server NODE_PID "$OUT/node.log" "$PORT" "jdbc:postgresql://127.0.0.1:$PG_PORT/$FAULT_DB"
wait_healthy "$NODE_PID" "$URL" "$OUT/node.log" 240 "the node"
read_demo_credentials "$OUT/node.log"
NODE_PID_AT_START=$NODE_PID
sql "update environments set rate_limit_rpm = 1000000" >/dev/null
ACME_TOKEN=$(access_token "$URL" "$KEYSTONE_ACME_CLIENT_ID" "$KEYSTONE_ACME_CLIENT_SECRET")
BETA_TOKEN=$(access_token "$URL" "$KEYSTONE_BETA_CLIENT_ID" "$KEYSTONE_BETA_CLIENT_SECRET")
start_webhook_receiver
register_receiver_endpoints "$URL" "fault-pg-restart receiver"
echo "node pid $NODE_PID; receiver on $RECEIVER_PORT; endpoints $ENDPOINT_A (Acme) and $ENDPOINT_B (Beta)"

# ---- load, probe, faults -------------------------------------------------------------------------------------
# One line per probe: <epoch ms> <HTTP status> <seconds> <content type>.
probe_loop() {
    local line
    while :; do
        line=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{content_type}' --max-time 30 \
            -H "authorization: Bearer $ACME_TOKEN" "$URL/v1/settlements?limit=1" || true)
        echo "$(date +%s%3N) ${line:-000 0 -}" >> "$OUT/probe.txt"
        sleep 0.5
    done
}
: > "$OUT/accepted-instructions.txt"
: > "$OUT/probe.txt"
log "load: KeystoneBench settlements ($CONCURRENCY workers, $LOAD_DURATION s), instructions, API probe;" \
    "pg_ctl restart at +$RESTART_AT s, stop at +$STOP_AT s for $DOWN_FOR s"
LOAD_START=$(date +%s)
"$BENCH_JAVA" "$ROOT/bench/KeystoneBench.java" settlements --base-url "$URL" --concurrency "$CONCURRENCY" \
    --warmup 0 --duration "$LOAD_DURATION" --drain 30 --template "$TEMPLATE" --max-error-rate 100 \
    --settle-timeout 120 --poll-max-ms 250 > "$OUT/bench.txt" 2>&1 & BENCH_PID=$!
instruction_loop "$URL" & LOOP_PID=$!
probe_loop & PROBE_PID=$!

sleep_until() { # <seconds into the load>
    local now
    now=$(( $(date +%s) - LOAD_START ))
    [[ $now -lt $1 ]] && sleep $(( $1 - now ))
    return 0
}
sleep_until "$RESTART_AT"
FAULT1_START=$(date +%s%3N)
pg_ctl_cluster restart -m fast > /dev/null
FAULT1_END=$(date +%s%3N)
log "pg_ctl restart -m fast took $(( FAULT1_END - FAULT1_START )) ms"
echo "---- pg_ctl restart -m fast $(date -u +%H:%M:%S)" >> "$OUT/node.log"

sleep_until "$STOP_AT"
FAULT2_START=$(date +%s%3N)
pg_ctl_cluster stop -m fast > /dev/null
echo "---- pg_ctl stop -m fast $(date -u +%H:%M:%S)" >> "$OUT/node.log"
log "PostgreSQL stopped; down for $DOWN_FOR s"
sleep "$DOWN_FOR"
pg_ctl_cluster start > /dev/null
FAULT2_END=$(date +%s%3N)
echo "---- pg_ctl start $(date -u +%H:%M:%S)" >> "$OUT/node.log"
log "PostgreSQL started again after $(( FAULT2_END - FAULT2_START )) ms"

wait "$BENCH_PID" || true; BENCH_PID=""
kill "$LOOP_PID" 2>/dev/null || true; wait "$LOOP_PID" 2>/dev/null || true; LOOP_PID=""
sleep 2
kill "$PROBE_PID" 2>/dev/null || true; wait "$PROBE_PID" 2>/dev/null || true; PROBE_PID=""
echo "bench: $(grep -E '^(count|errors) ' "$OUT/bench.txt" | tr '\n' ';' || echo 'no report')"

wait_for_backlog "$BACKLOG_WAIT"
sleep 3  # the receiver's last lines

# ---- checks -------------------------------------------------------------------------------------------------
log "checks"
run_fault_checks "$URL" "$URL" "by the node"

# The same process served before and after, and is still healthy.
SAME_NODE=0
if [[ "$NODE_PID" == "$NODE_PID_AT_START" ]] && kill -0 "$NODE_PID" 2>/dev/null \
    && curl -fs -o /dev/null --max-time 10 "$URL/actuator/health"; then SAME_NODE=1; fi
STARTS=$(grep -c 'Started KeystoneApplication' "$OUT/node.log" || true)
check "recovered without a node restart" $(( SAME_NODE == 1 && STARTS == 1 )) \
    "node pid $NODE_PID_AT_START alive and healthy after both faults; application starts in its log: $STARTS"

# Every probe answer is a 200 or a 503 problem, and the API answers 200 again soon after each fault.
recovery_ms() { # <fault start ms> <fault end ms>: from the fault's end to the first 200 probe that started after it
    awk -v from="$2" '$1 >= from && $2 == 200 { print $1 - from; exit }' "$OUT/probe.txt"
}
PROBES=$(grep -c . "$OUT/probe.txt" || true)
PROBE_OK=$(awk '$2 == 200' "$OUT/probe.txt" | grep -c . || true)
PROBE_503=$(awk '$2 == 503 && $4 ~ /^application\/problem\+json/' "$OUT/probe.txt" | grep -c . || true)
PROBE_OTHER=$(( PROBES - PROBE_OK - PROBE_503 ))
PROBE_MAX_S=$(awk '$3 > max { max = $3 } END { printf "%.2f", max }' "$OUT/probe.txt")
RECOVERY1=$(recovery_ms "$FAULT1_START" "$FAULT1_END")
RECOVERY2=$(recovery_ms "$FAULT2_START" "$FAULT2_END")
awk '$2 != 200' "$OUT/probe.txt" > "$OUT/probe-not-200.txt"
check "API answered 200 or a clean 503 throughout" $(( PROBE_OTHER == 0 && PROBES > 0 )) \
    "$PROBES probes: $PROBE_OK × 200, $PROBE_503 × 503 problem+json, $PROBE_OTHER other; slowest answer $PROBE_MAX_S s; first 200 ${RECOVERY1:-never} ms after the restart returned, ${RECOVERY2:-never} ms after the start following the ${DOWN_FOR} s stop"
LISTEN_AGAIN=$(grep -c 'Listening on .* again' "$OUT/node.log" || true)

{
    echo "KeyStone OS fault injection $STAMP: PostgreSQL restarted under load ($LOAD_DURATION s): pg_ctl restart -m fast at +$RESTART_AT s ($(( FAULT1_END - FAULT1_START )) ms), stop -m fast at +$STOP_AT s and start $DOWN_FOR s later ($(( FAULT2_END - FAULT2_START )) ms down); backlog drained in $BACKLOG_SECONDS s"
    echo "bench: $(grep -E '^(count|errors) ' "$OUT/bench.txt" | sed 's/  */ /g' | tr '\n' ';' || echo 'no report')"
    echo "node log: $LISTEN_AGAIN 'Listening on … again' lines (LISTEN reconnects)," \
        "$(grep -c 'answered 503' "$OUT/node.log" || true) requests answered 503 database_unavailable"
    print_check_results
} > "$OUT/summary.txt"
cat "$OUT/summary.txt"
exit "$FAIL"
