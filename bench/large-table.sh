#!/usr/bin/env bash
# The list/get benchmark on a large settlement table (see bench/README.md, "Large table: large-table.sh"):
#
#   bench/large-table.sh fill      # fresh database BENCH_DB, schema + demo data from the server itself, then
#                                  # bench/large-table.sql adds TOTAL settlements (10 M) with parties, legs, ...
#   bench/large-table.sh measure   # start the server on that database, run KeystoneBench listget, stop it
#   bench/large-table.sh explain   # EXPLAIN (ANALYZE, BUFFERS) of the server's list/get SQL for the hot environment
#   bench/large-table.sh drop      # drop the database and the saved credentials
#
# The demo credentials the server prints on its first start are saved (mode 600) in STATE_DIR, outside the
# repository, so 'measure' can run any number of times (e.g. before and after a migration) against one fill.
# Outputs go to bench/results/large-table-<timestamp>-<step>/. Any server this script starts is stopped on exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ACTION=${1:-}
BENCH_DB=${BENCH_DB:-keystone_bench_10m}
TOTAL=${TOTAL:-10000000}                 # settlements added by 'fill'
SPAN_DAYS=${SPAN_DAYS:-365}              # their created_at spread, up to now
HOT_EVENTS=${HOT_EVENTS:-1}              # 1: event chains for the hot environment's settlements
SAMPLE_IDS=${SAMPLE_IDS:-100000}         # random ids of the hot environment that 'measure' GETs
STATE_DIR=${STATE_DIR:-/tmp/keystone-large-table}
BENCH_PORT=${BENCH_PORT:-18481}
CONCURRENCY=${CONCURRENCY:-8}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-30}
SERVER_JAR=${SERVER_JAR:-}               # a jar to run; default: build one (SKIP_BUILD=1: the one in target/)
SKIP_BUILD=${SKIP_BUILD:-0}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
BENCH_JAVA=${BENCH_JAVA:-}
LISTGET_OPTIONS=${LISTGET_OPTIONS:-}     # extra options for KeystoneBench listget, e.g. "--kinds get,list_first"

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
BASE_URL="http://127.0.0.1:${BENCH_PORT}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SERVER_PID=""
WORK=$(mktemp -d /tmp/keystone-large-table.XXXXXX)

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

cleanup() {
    local rc=$?
    stop_pid "$SERVER_PID" server
    [[ -n "$WORK" ]] && rm -rf "$WORK"
    exit "$rc"
}
run_cleanup_on_exit

# start_server <log file>: the jar (built or SERVER_JAR) against BENCH_DB, waiting for /actuator/health
start_server() {
    local out=$1
    select_bench_java
    require_free_port "$BENCH_PORT" "set BENCH_PORT"
    if [[ ! -f "$WORK/keystone-server.jar" ]]; then
        prepare_server_jar
    fi
    start_keystone_server SERVER_PID "$out" "$BENCH_PORT" "jdbc:postgresql://127.0.0.1:5432/$BENCH_DB"
    wait_healthy "$SERVER_PID" "$BASE_URL" "$out" 240 "the server"
}

stop_server() {
    stop_pid "$SERVER_PID" server
    SERVER_PID=""
}

db() { psql -qAtX -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"; }

hot_environment() {
    db -c "select e.id from environments e join platforms p on p.id = e.platform_id
           where p.name = 'Acme Securities' and e.kind = 'sandbox'"
}

results_dir() {
    OUT="$ROOT/bench/results/large-table-$(date -u +%Y%m%dT%H%M%SZ)-$1"
    mkdir -p "$OUT"
    {
        echo "host:      $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
        echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (before)"
        echo "commit:    $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(
            [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]] && echo ' (+ uncommitted changes)')"
        echo "database:  $BENCH_DB"
    } > "$OUT/environment.txt"
}

fill() {
    results_dir fill
    ensure_local_postgres
    log "fresh database $BENCH_DB (load average $(loadavg))"
    recreate_database "$BENCH_DB"
    log "schema and demo data: starting the server once"
    start_server "$OUT/server-first-start.log"
    read_demo_credentials "$OUT/server-first-start.log"
    mkdir -p "$STATE_DIR"
    chmod 700 "$STATE_DIR"
    (
        umask 077
        printf '%s\n' "KEYSTONE_ACME_CLIENT_ID=$KEYSTONE_ACME_CLIENT_ID" \
            "KEYSTONE_ACME_CLIENT_SECRET=$KEYSTONE_ACME_CLIENT_SECRET" \
            "KEYSTONE_BETA_CLIENT_ID=$KEYSTONE_BETA_CLIENT_ID" \
            "KEYSTONE_BETA_CLIENT_SECRET=$KEYSTONE_BETA_CLIENT_SECRET" > "$STATE_DIR/credentials.env"
    )
    redact_demo_secrets "$OUT/server-first-start.log"
    stop_server
    log "adding $TOTAL settlements (bench/large-table.sql, span $SPAN_DAYS days, hot events $HOT_EVENTS; load average $(loadavg))"
    local started=$SECONDS
    psql -X -v ON_ERROR_STOP=1 -d "$BENCH_DB" -v total="$TOTAL" -v span_days="$SPAN_DAYS" \
        -v hot_events="$HOT_EVENTS" -f "$ROOT/bench/large-table.sql" 2>&1 | tee "$OUT/fill.log"
    log "VACUUM ANALYZE"
    for table in settlements settlement_parties settlement_legs settlement_events compliance_checks \
            chain_escrow_legs environments platforms; do
        psql -qX -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "\\timing on" -c "vacuum (analyze) $table" | tee -a "$OUT/fill.log"
    done
    echo "fill took $((SECONDS - started)) s" | tee -a "$OUT/fill.log"
    log "sampling $SAMPLE_IDS ids of the hot environment for the GETs"
    db -c "\\copy (select id from settlements where environment_id = '$(hot_environment)' order by random()
                  limit $SAMPLE_IDS) to '$STATE_DIR/hot-ids.txt'"
    {
        echo "database size: $(db -c "select pg_size_pretty(pg_database_size('$BENCH_DB'))")"
        db -F ' ' -c "select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid))
                      from pg_stat_user_tables where n_live_tup > 1000 order by pg_total_relation_size(relid) desc"
        echo "settlements per environment:"
        db -F ' ' -c "select p.name, e.kind, count(*) from settlements s join environments e on e.id = s.environment_id
                      join platforms p on p.id = e.platform_id group by 1, 2 order by 3 desc"
        echo "states:"
        db -F ' ' -c "select state, count(*) from settlements group by 1 order by 2 desc"
    } | tee "$OUT/contents.txt"
    echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (after)" >> "$OUT/environment.txt"
}

measure() {
    [[ -f "$STATE_DIR/credentials.env" && -f "$STATE_DIR/hot-ids.txt" ]] || die "run '$0 fill' first"
    results_dir measure
    log "starting the server on $BENCH_DB (load average $(loadavg))"
    local began=$SECONDS
    start_server "$OUT/server.log"
    echo "server healthy after $((SECONDS - began)) s" | tee -a "$OUT/environment.txt"
    # The bench measures reads, not the per-environment limiter (600 requests/min by default).
    db -c "update environments set rate_limit_rpm = 1000000"
    set -a
    # shellcheck disable=SC1091
    source "$STATE_DIR/credentials.env"
    set +a
    log "KeystoneBench listget: concurrency $CONCURRENCY, warm-up $WARMUP s, duration $DURATION s (load average $(loadavg))"
    # shellcheck disable=SC2086
    "$BENCH_JAVA" "$ROOT/bench/KeystoneBench.java" listget --base-url "$BASE_URL" --concurrency "$CONCURRENCY" \
        --warmup "$WARMUP" --duration "$DURATION" --ids-file "$STATE_DIR/hot-ids.txt" --server-pid "$SERVER_PID" \
        $LISTGET_OPTIONS \
        2>&1 | tee "$OUT/listget.txt"
    echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (after)" >> "$OUT/environment.txt"
    stop_server
    redact_demo_secrets "$OUT/server.log"
    echo "raw outputs: ${OUT#"$ROOT"/}/"
}

explain() {
    results_dir explain
    local env cursor_day
    env=$(hot_environment)
    cursor_day=$(db -c "select (now() - interval '30 days')::date")
    log "EXPLAIN (ANALYZE, BUFFERS) of the list/get SQL as the hot environment $env (load average $(loadavg))"
    psql -X -v ON_ERROR_STOP=1 -d "$BENCH_DB" -v env="'$env'" -v after="'$cursor_day'" \
        -v id="'$(head -1 "$STATE_DIR/hot-ids.txt")'" -f "$ROOT/bench/large-table-explain.sql" 2>&1 | tee "$OUT/explain.txt"
}

drop() {
    log "dropping $BENCH_DB and $STATE_DIR"
    psql -q -d postgres -c "drop database if exists $BENCH_DB with (force)"
    rm -rf "$STATE_DIR"
}

case "$ACTION" in
    fill) fill ;;
    measure) measure ;;
    explain) explain ;;
    drop) drop ;;
    *) echo "usage: $0 fill|measure|explain|drop   (see the comment at the top)" >&2; exit 2 ;;
esac
