#!/usr/bin/env bash
# Reproduces the KeyStone OS load benchmark on this machine (see bench/README.md):
#   build the server jar → PostgreSQL on 127.0.0.1:5432 → fresh database keystone_bench → start the server on
#   BENCH_PORT → read the demo credentials it prints → pgbench TPC-B baseline → the Java bench scenarios
#   (instructions, settlements, webhooks) → summary table; raw outputs in bench/results/<timestamp>/. The server
#   is stopped on exit, whatever happens.
#
#   bench/run.sh                                   # defaults: DURATION=30 WARMUP=5 CONCURRENCY=16
#   DURATION=5 WARMUP=1 CONCURRENCY=4 bench/run.sh # smoke run
set -euo pipefail

DURATION=${DURATION:-30}                 # measured seconds per scenario
WARMUP=${WARMUP:-5}                      # warm-up seconds per scenario (not measured)
CONCURRENCY=${CONCURRENCY:-16}           # concurrent clients / settlement workers
TEMPLATE=${TEMPLATE:-dvp-standard}       # dvp-standard | cross_platform_dvp | fop-standard
SCENARIOS=${SCENARIOS:-"instructions settlements webhooks"}
DRAIN=${DRAIN:-30}                       # max seconds to let in-flight settlements finish after the window
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

log() { printf '\n==> %s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

cleanup() {
    local rc=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        log "stopping the server (pid $SERVER_PID)"
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 40); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "server did not stop within 20 s; killing it"
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    # The demo secrets are printed once by the server; keep them out of the stored log.
    if [[ -f "$OUT/server.log" ]]; then
        sed -i -E 's/(client_secret: +)[^ ]+/\1<redacted>/; s#(Operator login: [^ ]+ / ).*#\1<redacted>#' \
            "$OUT/server.log"
    fi
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- tools --------------------------------------------------------------------------------------------------
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }

if [[ -z "$BENCH_JAVA" ]]; then
    best=0
    for candidate in /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" ]] || continue
        major=$(java_major "$candidate")
        if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best" ]]; then
            best=$major
            BENCH_JAVA=$candidate
        fi
    done
fi
[[ -n "$BENCH_JAVA" ]] || die "no JDK >= 21 found under /usr/lib/jvm (set BENCH_JAVA=/path/to/bin/java)"
[[ "$(java_major "$BENCH_JAVA")" -ge 21 ]] || die "$BENCH_JAVA is older than Java 21"

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
    echo "parameters:  DURATION=$DURATION WARMUP=$WARMUP CONCURRENCY=$CONCURRENCY TEMPLATE=$TEMPLATE DRAIN=$DRAIN"
    echo "scenarios:   $SCENARIOS (webhooks: REPLAY_ROUNDS=$REPLAY_ROUNDS REPLAY_WAIT=$REPLAY_WAIT)"
    echo "pgbench:     -s $PGBENCH_SCALE -c $PGBENCH_CLIENTS -j $PGBENCH_THREADS -T $PGBENCH_DURATION"
} > "$OUT/environment.txt"
cat "$OUT/environment.txt"

# ---- build --------------------------------------------------------------------------------------------------
JAR_SOURCE=${SERVER_JAR:-"$ROOT/keystone-server/target/keystone-server-0.1.0-SNAPSHOT.jar"}
if [[ -n "$SERVER_JAR" ]]; then
    echo "using the server jar $SERVER_JAR (no build)"
elif [[ "$SKIP_BUILD" != 1 ]]; then
    log "building the server jar"
    ./mvnw -q -B -DskipTests package -pl keystone-server -am > "$OUT/build.log" 2>&1 \
        || { tail -30 "$OUT/build.log"; die "build failed (see $OUT/build.log)"; }
fi
[[ -f "$JAR_SOURCE" ]] || die "no server jar at $JAR_SOURCE"
# Run a private copy, so a rebuild in the tree cannot swap the jar under the running server.
cp "$JAR_SOURCE" "$WORK/keystone-server.jar"

# ---- PostgreSQL ---------------------------------------------------------------------------------------------
if ! pg_isready -q; then
    log "starting PostgreSQL"
    cluster=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL on $PGHOST:$PGPORT does not answer"
fi
psql -qAt -c 'select version()' >> "$OUT/environment.txt"

log "fresh database $BENCH_DB"
psql -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists $BENCH_DB with (force)" \
    -c "create database $BENCH_DB"

# ---- server -------------------------------------------------------------------------------------------------
if (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_PORT") 2>/dev/null; then
    die "port $BENCH_PORT is already in use; stop that process or set BENCH_PORT"
fi
log "starting the server on port $BENCH_PORT ($BENCH_JAVA)"
# shellcheck disable=SC2086
(cd "$WORK" && KEYSTONE_DATA_DIR="$WORK/data" exec "$BENCH_JAVA" $SERVER_JAVA_OPTS -jar "$WORK/keystone-server.jar" \
    --server.port="$BENCH_PORT" \
    --keystone.database.url="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB" \
    --keystone.database.username=postgres \
    --keystone.webhooks.allow-private-targets=true) > "$OUT/server.log" 2>&1 &
SERVER_PID=$!

for i in $(seq 1 180); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$OUT/server.log"; die "the server exited during start-up"; }
    curl -fs -o /dev/null --max-time 2 "$BASE_URL/actuator/health" && break
    [[ $i -lt 180 ]] || die "the server was not healthy after 180 s (see $OUT/server.log)"
    sleep 1
done

# The demo credentials are printed once, right after start-up, on a fresh database.
credential() { # <platform name> <client_id|client_secret>
    awk -v platform="$1" -v field="$2:" '
        index($0, platform " (sandbox") == 1 { inside = 1; next }
        inside && $1 == field { print $2; exit }
        /^$/ { inside = 0 }' "$OUT/server.log"
}
for _ in $(seq 1 60); do
    [[ -n "$(credential 'Beta Capital' client_secret)" ]] && break
    sleep 1
done
KEYSTONE_ACME_CLIENT_ID=$(credential 'Acme Securities' client_id)
KEYSTONE_ACME_CLIENT_SECRET=$(credential 'Acme Securities' client_secret)
KEYSTONE_BETA_CLIENT_ID=$(credential 'Beta Capital' client_id)
KEYSTONE_BETA_CLIENT_SECRET=$(credential 'Beta Capital' client_secret)
[[ -n "$KEYSTONE_ACME_CLIENT_SECRET" && -n "$KEYSTONE_BETA_CLIENT_SECRET" ]] \
    || die "could not read the demo credentials from $OUT/server.log"
# Passed to the bench through the environment, so the secrets never show in a process listing.
export KEYSTONE_ACME_CLIENT_ID KEYSTONE_ACME_CLIENT_SECRET KEYSTONE_BETA_CLIENT_ID KEYSTONE_BETA_CLIENT_SECRET
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

# ---- KeyStone scenarios -------------------------------------------------------------------------------------
# The server runs with --keystone.webhooks.allow-private-targets=true, so the webhooks scenario's receiver on
# 127.0.0.1 is an allowed target (a deployment refuses loopback/private targets by default).
FAILED=0
for scenario in $SCENARIOS; do
    log "KeystoneBench $scenario: concurrency $CONCURRENCY, warm-up $WARMUP s, duration $DURATION s"
    extra=()
    if [[ $scenario == webhooks ]]; then
        extra=(--replay-rounds "$REPLAY_ROUNDS" --replay-wait "$REPLAY_WAIT")
    fi
    set +e
    "$BENCH_JAVA" "$ROOT/bench/KeystoneBench.java" "$scenario" --base-url "$BASE_URL" \
        --concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION" --drain "$DRAIN" \
        --template "$TEMPLATE" ${extra[@]+"${extra[@]}"} 2>&1 | tee "$OUT/$scenario.txt"
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
{
    echo "KeyStone OS benchmark $STAMP: $(nproc) CPUs, concurrency $CONCURRENCY, warm-up $WARMUP s," \
        "$DURATION s measured, template $TEMPLATE"
    echo
    printf '%-38s %14s %9s %9s %9s %9s %8s\n' "workload" "rate" "p50 ms" "p90 ms" "p99 ms" "max ms" "errors"
    printf '%-38s %14s %9s %9s %9s %9s %8s\n' "--------" "----" "------" "------" "------" "------" "------"
    if [[ "$PGBENCH" == 1 ]]; then
        printf '%-38s %10s tps %9s   (pgbench reports the average latency)\n' \
            "pgbench TPC-B (s=$PGBENCH_SCALE c=$PGBENCH_CLIENTS j=$PGBENCH_THREADS)" "${PG_TPS:--}" "avg ${PG_LAT:--}"
    fi
    for scenario in $SCENARIOS; do
        case $scenario in
            instructions) label="instructions: submit (pending_match)"; unit="/s" ;;
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
        printf '%-38s %12s%s %9s %9s %9s %9s %8s\n' "$label" "$(field "$scenario" rate)" "$unit" \
            "$(field "$scenario" p50_ms)" "$(field "$scenario" p90_ms)" "$(field "$scenario" p99_ms)" \
            "$(field "$scenario" max_ms)" "$(field "$scenario" errors)"
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
