#!/usr/bin/env bash
# Heap use under load (see bench/README.md, "Heap: heap.sh"): runs bench/run.sh's instructions and settlements
# scenarios once per heap setting, with GC logging, and summarises each GC log: the largest heap left after a
# collection (live data plus what survived), the pause percentiles, the number of collections, and the scenario
# throughput next to it.
#
#   bench/heap.sh                                       # HEAPS="512m default"
#   HEAPS=512m DURATION=60 bench/heap.sh
#
# Every other setting (DURATION, WARMUP, CONCURRENCY, SKIP_BUILD, SERVER_JAR, …) is passed on to run.sh.
# It drives bench/run.sh (which uses bench/lib.sh) and reads its results.
set -euo pipefail

HEAPS=${HEAPS:-"512m default"}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/bench/results/heap-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
export SCENARIOS=${SCENARIOS:-"instructions settlements"}
export PGBENCH=${PGBENCH:-0}
export BENCH_DB=${BENCH_DB:-keystone_bench_heap}
export BENCH_PORT=${BENCH_PORT:-18483}

# gc_summary <gc log>: heap after GC (max), pauses (count, p50, p99, max, total) from -Xlog:gc* (G1 or others)
gc_summary() {
    awk '
        # "[…][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 5.123ms"
        / Pause / && /[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\) [0-9.]+ms$/ {
            match($0, /[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)/)
            part = substr($0, RSTART, RLENGTH)
            split(part, a, /->|\(|\)/)
            after = mb(a[2]); committed = mb(a[3])
            if (after > peak) peak = after
            if (committed > peakCommitted) peakCommitted = committed
            ms = $NF; sub(/ms$/, "", ms)
            pauses[++n] = ms + 0; total += ms
            if (/Pause Full/) full++
        }
        function mb(v,   unit, x) {
            unit = substr(v, length(v)); x = substr(v, 1, length(v) - 1) + 0
            return unit == "G" ? x * 1024 : unit == "K" ? x / 1024 : x
        }
        function pct(p,   rank) { rank = int(p / 100 * n + 0.999999); if (rank < 1) rank = 1; return pauses[rank] }
        END {
            if (n == 0) { print "no pauses found"; exit }
            asort(pauses)
            printf "pauses=%d full=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f total_ms=%.0f heap_after_gc_max_mb=%.0f heap_committed_max_mb=%.0f\n",
                n, full, pct(50), pct(90), pct(99), pauses[n], total, peak, peakCommitted
        }' "$1"
}

for heap in $HEAPS; do
    opts="-Xlog:gc*:file=$OUT/gc-$heap.log:uptime,level,tags"
    [[ $heap != default ]] && opts="-Xmx$heap $opts"
    echo "==> heap $heap: SERVER_JAVA_OPTS=$opts (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    set +e
    SERVER_JAVA_OPTS="$opts ${SERVER_JAVA_OPTS:-}" "$ROOT/bench/run.sh" > "$OUT/run-$heap.txt" 2>&1
    rc=$?
    set -e
    results=$(readlink -f "$ROOT/bench/results/latest" || true)
    {
        echo "heap $heap: run.sh exit $rc, raw outputs ${results#"$ROOT"/}"
        grep -E '^(instructions|settlements):' "$results/summary.txt" 2>/dev/null || tail -20 "$OUT/run-$heap.txt"
        grep '^load avg' "$results/environment.txt" 2>/dev/null || true
        echo "GC: $(gc_summary "$OUT/gc-$heap.log")"
        echo
    } | tee -a "$OUT/summary.txt"
done
echo "summary: ${OUT#"$ROOT"/}/summary.txt"
