#!/usr/bin/env bash
# Start-up time of the server jar (see bench/README.md, "Start-up time: startup-time.sh"): RUNS starts against an
# already-migrated PostgreSQL database, then RUNS starts with the embedded default database (its data directory
# created and migrated by one start that is not counted). For each start: wall time from `java -jar` to the first
# healthy /actuator/health (polled every 50 ms), and Spring Boot's own "Started … in X seconds"; median and max.
#
#   bench/startup-time.sh                                   # RUNS=5, both modes
#   LAUNCH=aot bench/startup-time.sh                       # the extracted jar with a JVM AOT cache (Java 25)
#
# LAUNCH: jar       java -jar keystone-server.jar (the fat jar, as docs/operations.md deploys it)
#         extracted java -jar of the layout `java -Djarmode=tools -jar keystone-server.jar extract` writes
#         aot       the extracted layout with -XX:AOTCache=…, made by a training run that exits after the context
#                   refresh (-XX:AOTCacheOutput=… -Dspring.context.exit=onRefresh) against the migrated database
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=${RUNS:-5}
MODES=${MODES:-"postgres embedded"}
START_DB=${START_DB:-keystone_bench_start}
BENCH_PORT=${BENCH_PORT:-18482}
SERVER_JAR=${SERVER_JAR:-}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
BENCH_JAVA=${BENCH_JAVA:-}
LAUNCH=${LAUNCH:-jar}                    # jar | extracted | aot
LABEL=${LABEL:-$LAUNCH}                  # a name for this configuration in the outputs

export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/bench/results/startup-$(date -u +%Y%m%dT%H%M%SZ)-$LABEL"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/keystone-startup.XXXXXX)
SERVER_PID=""

stop_server() {
    stop_pid "$SERVER_PID" server
    SERVER_PID=""
}
cleanup() {
    local rc=$?
    stop_server
    rm -rf "$WORK"
    exit "$rc"
}
run_cleanup_on_exit

select_bench_java
SKIP_BUILD=${SKIP_BUILD:-1}              # the jar in keystone-server/target unless SERVER_JAR; 0: build it first
prepare_server_jar
require_free_port "$BENCH_PORT" "set BENCH_PORT"
LAUNCH_ARGS=(-jar "$WORK/keystone-server.jar")
case "$LAUNCH" in
    jar) ;;
    extracted | aot)
        "$BENCH_JAVA" -Djarmode=tools -jar "$WORK/keystone-server.jar" extract --destination "$WORK/app" > /dev/null
        LAUNCH_ARGS=(-jar "$WORK/app/keystone-server.jar") ;;
    *) die "LAUNCH must be jar, extracted or aot" ;;
esac

# one_start <mode> <log>: sets STARTUP="<ms to healthy> <Boot's seconds> <CPU seconds to healthy>" (no subshell:
# the trap must see the pid). The CPU seconds (user + system of the JVM when health first answered) hardly depend on
# what else runs on the machine; the wall time does.
one_start() {
    local mode=$1 log=$2 args=(--server.port="$BENCH_PORT") begin now cpu
    if [[ $mode == postgres ]]; then
        args+=(--keystone.database.url="jdbc:postgresql://127.0.0.1:5432/$START_DB" --keystone.database.username=postgres)
    fi
    begin=$(date +%s%N)
    # shellcheck disable=SC2086
    (cd "$WORK" && KEYSTONE_DATA_DIR="$WORK/data" KEYSTONE_DATABASE_URL= exec "$BENCH_JAVA" $SERVER_JAVA_OPTS \
        "${LAUNCH_ARGS[@]}" "${args[@]}") > "$log" 2>&1 &
    SERVER_PID=$!
    while true; do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$log" >&2; die "the server exited during start-up"; }
        if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$BENCH_PORT/actuator/health"; then
            now=$(date +%s%N)
            cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat")
            break
        fi
        (( ($(date +%s%N) - begin) / 1000000000 < 300 )) || die "not healthy after 300 s (see $log)"
        sleep 0.05
    done
    local boot
    boot=$(sed -n 's/.*Started KeystoneApplication in \([0-9.]*\) seconds.*/\1/p' "$log" | head -1)
    stop_server
    redact_demo_secrets "$log"
    STARTUP="$(( (now - begin) / 1000000 )) ${boot:--} $cpu"
}

stats() { # median and max of the numbers on stdin
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- -"; exit }
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s\n", m, v[NR] }'
}

{
    echo "host:      $(uname -srm), $(nproc) CPUs"
    echo "java:      $BENCH_JAVA ($("$BENCH_JAVA" -version 2>&1 | head -1))"
    echo "jar:       $JAR_SOURCE"
    echo "options:   ${SERVER_JAVA_OPTS:-(none)}"
    echo "launch:    $LAUNCH"
} | tee "$OUT/environment.txt"

for mode in $MODES; do
    if [[ $mode == postgres ]]; then
        recreate_database "$START_DB"
    fi
    # The first start migrates (and for embedded: unpacks and initialises the database); it is not counted.
    one_start "$mode" "$OUT/$mode-prepare.log"
    printf 'mode %-9s preparing start (not counted): %s\n' "$mode" "$STARTUP"
    if [[ $LAUNCH == aot && ! -f "$WORK/app.aot" ]]; then
        # The training run: the same classpath and a migrated database; it exits once the context is refreshed.
        training=(--keystone.database.url="jdbc:postgresql://127.0.0.1:5432/$START_DB" --keystone.database.username=postgres)
        [[ $mode == postgres ]] || training=()
        (cd "$WORK" && KEYSTONE_DATA_DIR="$WORK/data" KEYSTONE_DATABASE_URL= "$BENCH_JAVA" $SERVER_JAVA_OPTS \
            -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh "${LAUNCH_ARGS[@]}" \
            --server.port="$BENCH_PORT" "${training[@]}") > "$OUT/aot-training.log" 2>&1 \
            || { tail -30 "$OUT/aot-training.log"; die "the AOT training run failed"; }
        [[ -f "$WORK/app.aot" ]] || die "the training run wrote no AOT cache (see $OUT/aot-training.log)"
        echo "AOT cache: $(du -h "$WORK/app.aot" | cut -f1) from the training run (mode $mode)"
        LAUNCH_ARGS=(-XX:AOTCache="$WORK/app.aot" "${LAUNCH_ARGS[@]}")
    fi
    : > "$OUT/$mode.txt"
    for run in $(seq 1 "$RUNS"); do
        load=$(cut -d' ' -f1 /proc/loadavg)
        one_start "$mode" "$OUT/$mode-$run.log"
        read -r healthy boot cpu <<< "$STARTUP"
        printf 'mode %-9s run %d: healthy after %6d ms, Boot "Started in" %6s s, %5s CPU s, load average before %s\n' \
            "$mode" "$run" "$healthy" "$boot" "$cpu" "$load" | tee -a "$OUT/$mode.txt"
        echo "$healthy $boot $load $cpu" >> "$OUT/$mode.values"
    done
    read -r h_med h_max < <(awk '{print $1}' "$OUT/$mode.values" | stats)
    read -r b_med b_max < <(awk '{print $2}' "$OUT/$mode.values" | stats)
    read -r l_med l_max < <(awk '{print $3}' "$OUT/$mode.values" | stats)
    read -r c_med c_max < <(awk '{print $4}' "$OUT/$mode.values" | stats)
    printf 'RESULT label=%s mode=%s runs=%d healthy_median_ms=%s healthy_max_ms=%s boot_median_s=%s boot_max_s=%s cpu_median_s=%s cpu_max_s=%s load_median=%s load_max=%s\n' \
        "$LABEL" "$mode" "$RUNS" "$h_med" "$h_max" "$b_med" "$b_max" "$c_med" "$c_max" "$l_med" "$l_max" | tee -a "$OUT/summary.txt"
    if [[ $mode == postgres ]]; then
        psql -q -d postgres -c "drop database if exists $START_DB with (force)"
    fi
done
echo "raw outputs: ${OUT#"$ROOT"/}/"
