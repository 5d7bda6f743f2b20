#!/usr/bin/env bash
# Reproduces the KeyStone OS load benchmark on this machine (see bench/README.md):
#   build the server jar → PostgreSQL on 127.0.0.1:5432 → fresh database keystone_bench → start the server on
#   BENCH_PORT → read the demo credentials it prints → pgbench TPC-B baseline → the Java bench scenarios
#   (instructions, settlements, webhooks) → summary table; raw outputs in bench/results/<timestamp>/. The server
#   is stopped on exit, whatever happens.
#
#   bench/run.sh                                   # defaults: DURATION=30 WARMUP=60 CONCURRENCY=16
#   DURATION=5 WARMUP=1 CONCURRENCY=4 bench/run.sh # smoke run
#   WAIT=webhooks SCENARIOS=settlements bench/run.sh  # settlement workers wait on webhooks instead of polling
set -euo pipefail

DURATION=${DURATION:-30}                 # measured seconds per scenario
WARMUP=${WARMUP:-60}                     # warm-up seconds per scenario (not measured; the JIT needs ~1 min)
CONCURRENCY=${CONCURRENCY:-16}           # concurrent clients / settlement workers
TEMPLATE=${TEMPLATE:-dvp-standard}       # dvp-standard | cross_platform_dvp | fop-standard
SCENARIOS=${SCENARIOS:-"instructions settlements webhooks"}  # also: submit-wrk, get-wrk (need wrk)
DRAIN=${DRAIN:-30}                       # max seconds to let in-flight settlements finish after the window
WAIT=${WAIT:-poll}                       # settlements: poll (GET the settlement) | webhooks (wait on 2 deliveries)
BENCH_PORT=${BENCH_PORT:-18181}
PGBENCH=${PGBENCH:-1}                    # 0: skip the pgbench baseline
PGBENCH_DURATION=${PGBENCH_DURATION:-$DURATION}
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-8}
PGBENCH_THREADS=${PGBENCH_THREADS:-2}
SKIP_BUILD=${SKIP_BUILD:-0}              # 1: use the jar already in keystone-server/target
SERVER_JAR=${SERVER_JAR:-}               # a server jar to run instead of building one (implies SKIP_BUILD=1)
BENCH_DB=${BENCH_DB:-keystone_bench}     # the database that is dropped and recreated for the run
REPLAY_ROUNDS=${REPLAY_ROUNDS:-3}        # webhooks: replays of platform A's events after the load
REPLAY_WAIT=${REPLAY_WAIT:-120}          # webhooks: max seconds to wait for one replay's deliveries
RAISE_RATE_LIMIT=${RAISE_RATE_LIMIT:-1}  # 1: lift the per-environment rate limit in the bench database
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}   # extra JVM options for the server
BENCH_JAVA=${BENCH_JAVA:-}               # a JDK >= 21 'java'; default: the newest under /usr/lib/jvm
if [[ $WAIT != poll && $WAIT != webhooks ]]; then
    echo "run.sh: WAIT must be poll or webhooks, got '$WAIT'" >&2
    exit 2
fi

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
PGBENCH_DB=keystone_pgbench
BASE_URL="http://127.0.0.1:${BENCH_PORT}"

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/keystone-bench.XXXXXX)
SERVER_PID=""
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
    local rc=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping the server (pid $SERVER_PID)"
        stop_pid "$SERVER_PID" server
    fi
    # The demo secrets are printed once by the server; keep them out of the stored log.
    redact_demo_secrets "$OUT/server.log"
    rm -rf "$WORK"
    exit "$rc"
}
run_cleanup_on_exit

# ---- tools --------------------------------------------------------------------------------------------------
select_bench_java

if ! command -v pgbench >/dev/null; then
    log "pgbench is missing; installing postgresql-client"
    apt-get install -y -q postgresql-client >/dev/null || die "could not install pgbench (postgresql-client)"
fi
command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client)"
command -v curl >/dev/null || die "curl is missing"

# ---- environment record -------------------------------------------------------------------------------------
{
    echo "timestamp:   $STAMP"
    echo "host:        $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "cpu:         $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
    echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
    echo "java:        $BENCH_JAVA ($("$BENCH_JAVA" -version 2>&1 | head -1))"
    echo "commit:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
        [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]] && echo ' (+ uncommitted changes)')"
    echo "parameters:  DURATION=$DURATION WARMUP=$WARMUP CONCURRENCY=$CONCURRENCY TEMPLATE=$TEMPLATE DRAIN=$DRAIN" \
        "WAIT=$WAIT"
    echo "scenarios:   $SCENARIOS (webhooks: REPLAY_ROUNDS=$REPLAY_ROUNDS REPLAY_WAIT=$REPLAY_WAIT)"
    echo "pgbench:     -s $PGBENCH_SCALE -c $PGBENCH_CLIENTS -j $PGBENCH_THREADS -T $PGBENCH_DURATION"
} > "$OUT/environment.txt"
cat "$OUT/environment.txt"

# ---- build --------------------------------------------------------------------------------------------------
prepare_server_jar

# ---- PostgreSQL ---------------------------------------------------------------------------------------------
ensure_local_postgres
psql -qAt -c 'select version()' >> "$OUT/environment.txt"

log "fresh database $BENCH_DB"
recreate_database "$BENCH_DB"

# ---- server -------------------------------------------------------------------------------------------------
require_free_port "$BENCH_PORT" "stop that process or set BENCH_PORT"
log "starting the server on port $BENCH_PORT ($BENCH_JAVA)"
: > "$OUT/server.log"
start_keystone_server SERVER_PID "$OUT/server.log" "$BENCH_PORT" "jdbc:postgresql://127.0.0.1:5432/$BENCH_DB"
wait_healthy "$SERVER_PID" "$BASE_URL" "$OUT/server.log" 180 "the server"
read_demo_credentials "$OUT/server.log"
echo "server healthy; demo clients $KEYSTONE_ACME_CLIENT_ID (Acme Securities), $KEYSTONE_BETA_CLIENT_ID (Beta Capital)"

if [[ "$RAISE_RATE_LIMIT" == 1 ]]; then
    # The bench measures throughput, not the per-environment limiter (default 600 requests/min).
    psql -q -d "$BENCH_DB" -c "update environments set rate_limit_rpm = 1000000"
fi

# ---- pgbench baseline ---------------------------------------------------------------------------------------
PG_TPS="-" PG_LAT="-"
if [[ "$PGBENCH" == 1 ]]; then
    log "pgbench TPC-B baseline: -s $PGBENCH_SCALE -c $PGBENCH_CLIENTS -j $PGBENCH_THREADS -T $PGBENCH_DURATION"
    psql -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists $PGBENCH_DB with (force)" \
        -c "create database $PGBENCH_DB"
    pgbench -i -q -s "$PGBENCH_SCALE" "$PGBENCH_DB" > "$OUT/pgbench-init.log" 2>&1 \
        || { cat "$OUT/pgbench-init.log"; die "pgbench -i failed"; }
    pgbench -c "$PGBENCH_CLIENTS" -j "$PGBENCH_THREADS" -T "$PGBENCH_DURATION" "$PGBENCH_DB" \
        > "$OUT/pgbench.txt" 2>&1 || { cat "$OUT/pgbench.txt"; die "pgbench failed"; }
    cat "$OUT/pgbench.txt"
    PG_TPS=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench.txt" | head -1 | awk '{printf "%.1f", $1}')
    PG_LAT=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$OUT/pgbench.txt" | head -1)
    psql -q -d postgres -c "drop database if exists $PGBENCH_DB with (force)"
fi

# ---- submit-wrk and get-wrk: one request driven by wrk --------------------------------------------------------
# KeystoneBench's instructions scenario spends about as much CPU in its own JVM as the server does; wrk (C, Lua)
# drives the same request for a few percent of a core, so the server and PostgreSQL get the machine. Writes wrk's
# output and a RESULT line like KeystoneBench's, plus the CPU per request of the server and of PostgreSQL.
process_cpu_ms() { # <pid>: user + system CPU of one process, in ms (an integer: awk would print 1e+06 style)
    awk '{printf "%d\n", ($14 + $15) * 10}' "/proc/$1/stat"
}
postgres_cpu_ms() { # user + system CPU of every process named postgres*, in ms
    # A process that exits between the glob and the read makes awk fail at the end; its sum still counts.
    awk '$2 ~ /^\(postgres/ {sum += $14 + $15} END {printf "%d\n", sum * 10}' /proc/[0-9]*/stat 2>/dev/null || true
}
run_wrk() { # <scenario> <lua script> <expected status> <output file>: TOKEN (and the script's variables) set
    local scenario=$1 script=$2 expected=$3 out=$4 server0 server1 pg0 pg1
    command -v wrk > /dev/null || die "the $scenario scenario needs wrk (apt-get install wrk)"
    wrk -t1 -c"$CONCURRENCY" -d"${WARMUP}s" -s "$script" "$BASE_URL" > /dev/null
    server0=$(process_cpu_ms "$SERVER_PID") pg0=$(postgres_cpu_ms)
    wrk -t1 -c"$CONCURRENCY" -d"${DURATION}s" --latency -s "$script" "$BASE_URL" > "$out"
    server1=$(process_cpu_ms "$SERVER_PID") pg1=$(postgres_cpu_ms)
    awk -v server="$((server1 - server0))" -v pg="$((pg1 - pg0))" -v c="$CONCURRENCY" -v d="$DURATION" \
        -v scenario="$scenario" -v bad="^non-$expected:" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000
                         return v + 0 }
        $1 == "50%" { p50 = ms($2) } $1 == "90%" { p90 = ms($2) } $1 == "99%" { p99 = ms($2) }
        $1 == "Latency" && max == "" { max = ms($4) }
        /requests in/ { n = $1 } /^Requests\/sec/ { rate = $2 } $0 ~ bad { errors += $2 }
        END { printf "RESULT scenario=%s concurrency=%s duration_s=%s count=%d rate=%.2f p50_ms=%.2f " \
                     "p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d server_cpu_ms_per_op=%.3f " \
                     "postgres_cpu_ms_per_op=%.3f\n", scenario, c, d, n, rate, p50, p90, p99, max, errors + 0,
                     n ? server / n : 0, n ? pg / n : 0 }' "$out" >> "$out"
    cat "$out"
}
run_submit_wrk() { # <output file>
    TOKEN=$(access_token "$BASE_URL" "$KEYSTONE_ACME_CLIENT_ID" "$KEYSTONE_ACME_CLIENT_SECRET") \
        run_wrk submit-wrk "$ROOT/bench/wrk/submit.lua" 201 "$1"
}
# GET /v1/settlements/{id} of Acme's latest settlements (at most 100): run it after a scenario that made some.
run_get_wrk() { # <output file>
    local token ids
    command -v python3 > /dev/null || die "the get-wrk scenario needs python3 (to read the settlement ids)"
    token=$(access_token "$BASE_URL" "$KEYSTONE_ACME_CLIENT_ID" "$KEYSTONE_ACME_CLIENT_SECRET")
    ids=$(curl -fsS -H "Authorization: Bearer $token" "$BASE_URL/v1/settlements?limit=100" \
        | python3 -c 'import json, sys; print(",".join(item["id"] for item in json.load(sys.stdin)["items"]))')
    [[ -n "$ids" ]] || die "get-wrk needs settlements: put settlements (or webhooks) before it in SCENARIOS"
    TOKEN=$token IDS=$ids run_wrk get-wrk "$ROOT/bench/wrk/get.lua" 200 "$1"
}

# ---- KeyStone scenarios -------------------------------------------------------------------------------------
# The server runs with --keystone.webhooks.allow-private-targets=true, so the receiver of the webhooks scenario (and
# of settlements with WAIT=webhooks) on 127.0.0.1 is an allowed target (a deployment refuses loopback/private
# targets by default).
FAILED=0
for scenario in $SCENARIOS; do
    log "KeystoneBench $scenario: concurrency $CONCURRENCY, warm-up $WARMUP s, duration $DURATION s"
    extra=()
    if [[ $scenario == webhooks ]]; then
        extra=(--replay-rounds "$REPLAY_ROUNDS" --replay-wait "$REPLAY_WAIT")
    fi
    if [[ $scenario == settlements ]]; then
        extra=(--wait "$WAIT")
    fi
    if [[ $scenario == submit-wrk ]]; then
        run_submit_wrk "$OUT/$scenario.txt"
        continue
    fi
    if [[ $scenario == get-wrk ]]; then
        run_get_wrk "$OUT/$scenario.txt"
        continue
    fi
    set +e
    "$BENCH_JAVA" "$ROOT/bench/KeystoneBench.java" "$scenario" --base-url "$BASE_URL" \
        --concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION" --drain "$DRAIN" \
        --template "$TEMPLATE" --server-pid "$SERVER_PID" ${extra[@]+"${extra[@]}"} 2>&1 | tee "$OUT/$scenario.txt"
    rc=${PIPESTATUS[0]}
    set -e
    if [[ $rc -ne 0 ]]; then
        echo "KeystoneBench $scenario exited with $rc"
        FAILED=1
    fi
done

echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (after the run)" >> "$OUT/environment.txt"

# ---- summary ------------------------------------------------------------------------------------------------
field() { # <scenario> <key>: a value from the scenario's RESULT line, "-" if absent
    local file="$OUT/$1.txt"
    [[ -f "$file" ]] || { echo "-"; return; }
    grep '^RESULT ' "$file" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p" | grep . || echo "-"
}
settlements_wait=""
if [[ " $SCENARIOS " == *" settlements "* ]]; then
    settlements_wait=", settlements wait $(field settlements wait)"
fi
{
    echo "KeyStone OS benchmark $STAMP: $(nproc) CPUs, concurrency $CONCURRENCY, warm-up $WARMUP s," \
        "$DURATION s measured, template $TEMPLATE$settlements_wait"
    echo
    printf '%-38s %14s %9s %9s %9s %9s %8s %12s\n' "workload" "rate" "p50 ms" "p90 ms" "p99 ms" "max ms" "errors" \
        "server CPU"
    printf '%-38s %14s %9s %9s %9s %9s %8s %12s\n' "--------" "----" "------" "------" "------" "------" "------" \
        "ms/op"
    if [[ "$PGBENCH" == 1 ]]; then
        printf '%-38s %10s tps %9s   (pgbench reports the average latency)\n' \
            "pgbench TPC-B (s=$PGBENCH_SCALE c=$PGBENCH_CLIENTS j=$PGBENCH_THREADS)" "${PG_TPS:--}" "avg ${PG_LAT:--}"
    fi
    for scenario in $SCENARIOS; do
        case $scenario in
            instructions) label="instructions: submit (pending_match)"; unit="/s" ;;
            submit-wrk) label="submit (pending_match), driven by wrk"; unit="/s" ;;
            get-wrk) label="GET /v1/settlements/{id}, by wrk"; unit="/s" ;;
            settlements) label="settlements: submit -> FINALIZED"; unit="/s" ;;
            webhooks)
                # Two lines: the lag under the settlements load, then the replay throughput.
                printf '%-38s %12s%s %9s %9s %9s %9s %8s\n' "webhooks: lag created -> delivered" \
                    "$(field webhooks events_per_s)" "/s" "$(field webhooks lag_p50_ms)" \
                    "$(field webhooks lag_p90_ms)" "$(field webhooks lag_p99_ms)" "$(field webhooks lag_max_ms)" \
                    "$(field webhooks errors)"
                printf '%-38s %12s%s   %s of %s replayed events arrived, %s signature mismatches\n' \
                    "webhooks: replay deliveries" "$(field webhooks deliveries_per_s)" "/s" \
                    "$(field webhooks arrived)" "$(field webhooks replayed)" "$(field webhooks signature_mismatches)"
                continue ;;
            *) label=$scenario; unit="/s" ;;
        esac
        printf '%-38s %12s%s %9s %9s %9s %9s %8s %12s\n' "$label" "$(field "$scenario" rate)" "$unit" \
            "$(field "$scenario" p50_ms)" "$(field "$scenario" p90_ms)" "$(field "$scenario" p99_ms)" \
            "$(field "$scenario" max_ms)" "$(field "$scenario" errors)" "$(field "$scenario" server_cpu_ms_per_op)"
        if [[ $scenario == *-wrk ]]; then
            printf '%-38s %14s %9s %9s %9s %9s %8s %12s\n' "$scenario: PostgreSQL CPU ms/op" "" "" "" "" "" "" \
                "$(field "$scenario" postgres_cpu_ms_per_op)"
        fi
        if [[ $scenario == settlements ]]; then
            printf '%-38s %14s %9s %9s %9s %9s\n' "settlements: match (buyer submit)" "" \
                "$(field settlements match_p50_ms)" "$(field settlements match_p90_ms)" \
                "$(field settlements match_p99_ms)" "$(field settlements match_max_ms)"
        fi
    done
    echo
    echo "raw outputs: ${OUT#"$ROOT"/}/"
} > "$OUT/summary.txt"
log "summary"
cat "$OUT/summary.txt"
ln -sfn "$STAMP" "$ROOT/bench/results/latest"
exit "$FAILED"
