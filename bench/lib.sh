# shellcheck shell=bash
# Shared helpers of the bench and fault-injection scripts (run.sh, fault-*.sh). Source it after `set -euo pipefail`:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Variables the helpers read (set them before calling):
#   ROOT          the repository root                       OUT    the results directory of this run
#   WORK          a private temporary directory             BENCH_JAVA, SERVER_JAR, SKIP_BUILD (as in run.sh)
#   LOG_TIMESTAMPS=1 to prefix `log` lines with the UTC time; DIE_STATUS: exit status of `die` (default 1)
#
# Output and processes
#   log <message…>                    a "==> message" section line on stdout
#   die <message…>                    "<script>: message" on stderr, exit $DIE_STATUS
#   stop_pid <pid> <name>             SIGTERM, SIGKILL after 20 s; no-op for an empty or dead pid
#   redact_demo_secrets <file…>       blanks the demo client secrets and operator password a server log printed
#   run_cleanup_on_exit               runs the script's `cleanup` function on exit; Ctrl-C and TERM exit through it
# Tools
#   java_major <java>                 the Java feature version of a `java` binary
#   select_bench_java                 sets BENCH_JAVA to the newest JDK >= 21 under /usr/lib/jvm unless already set
#   prepare_server_jar                builds the jar (unless SERVER_JAR or SKIP_BUILD=1), copies it to $WORK/keystone-server.jar
# PostgreSQL (PGHOST/PGPORT/PGUSER from the environment)
#   ensure_local_postgres             starts the machine's newest cluster if nothing answers on $PGHOST:$PGPORT
#   recreate_database <name>          drops (with force) and creates a database
# Server
#   require_free_port <port> [hint]   dies if something listens on 127.0.0.1:<port>
#   start_keystone_server <pid variable> <log file> <port> <jdbc url> [server option…]
#                                     starts $WORK/keystone-server.jar in the background, appending to the log, and
#                                     stores its pid in the named variable; options after the url are passed on
#   wait_healthy <pid> <base url> <log file> <max seconds> <name>
#                                     waits for /actuator/health; dies if the process exits or the time runs out
#   read_demo_credentials <log file>  exports KEYSTONE_{ACME,BETA}_CLIENT_{ID,SECRET} from a first start's log
#                                     (demo_credential <log file> <platform> <field> reads one of them)
#   access_token <base url> <client id> <client secret>   prints a client-credentials access token
# Fault scripts (fault-*.sh): they also set FAULT_DB, RECEIVER_PORT, ACME_TOKEN, ENDPOINT_A, ENDPOINT_B, STAMP, TEMPLATE
#   sql <statement>                   runs one statement on $FAULT_DB, unaligned output
#   start_webhook_receiver            python3 receiver on $RECEIVER_PORT, logs to $OUT/receiver.log, sets RECEIVER_PID;
#                                     answers what $WORK/receiver-mode says (204 by default, or e.g. 503)
#   set_receiver_answer <status>      what the receiver answers from now on
#   register_receiver_endpoints <base url> <description>
#                                     one endpoint per demo platform (/acme, /beta) on the receiver, events ["*"];
#                                     sets ENDPOINT_A/ENDPOINT_B and tells the receiver their signing secrets
#   instruction_loop <base url>       submits seller instructions forever; every 201's id goes to
#                                     $OUT/accepted-instructions.txt, every other answer to instruction-errors.txt
#   fault_backlog                     prints "<due engine jobs> <pending deliveries> <settlements to move>"
#   wait_for_backlog <max seconds>    until all three are 0 (at most that long); sets BACKLOG_SECONDS
#   run_fault_checks <instructions url> <settlements url> <where accepted>
#                                     the six checks of bench/README.md (fault injection): check_accepted_instructions,
#                                     check_settlements_visible, check_no_stuck_settlement, check_not_executed_twice,
#                                     check_balances_conserved, check_webhooks_delivered; sets FAIL=0 and RESULTS=()
#                                     first, then each check appends a line
#   check <name> <ok 0|1> <detail>    appends "PASS  name: detail" or "FAIL  …" to RESULTS (FAIL=1 on a failure)
#   print_check_results               the checks' lines, "RESULT: PASS|FAIL" and the raw outputs directory

log() {
    if [[ "${LOG_TIMESTAMPS:-0}" == 1 ]]; then
        printf '\n==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"
    else
        printf '\n==> %s\n' "$*"
    fi
}

die() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
    exit "${DIE_STATUS:-1}"
}

stop_pid() { # <pid> <name>
    local pid=$1
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "$2 did not stop within 20 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

run_cleanup_on_exit() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

redact_demo_secrets() { # <file…>
    local file
    for file in "$@"; do
        [[ -f "$file" ]] && sed -i -E 's/(client_secret: +)[^ ]+/\1<redacted>/; s#(Operator login: [^ ]+ / ).*#\1<redacted>#' "$file"
    done
    return 0
}

java_major() { # <java>
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

select_bench_java() {
    local best=0 candidate major
    if [[ -z "${BENCH_JAVA:-}" ]]; then
        for candidate in /usr/lib/jvm/*/bin/java; do
            [[ -x "$candidate" ]] || continue
            major=$(java_major "$candidate")
            if [[ -n "$major" && "$major" -ge 21 && "$major" -gt "$best" ]]; then
                best=$major
                BENCH_JAVA=$candidate
            fi
        done
    fi
    [[ -n "${BENCH_JAVA:-}" ]] || die "no JDK >= 21 found under /usr/lib/jvm (set BENCH_JAVA=/path/to/bin/java)"
    [[ "$(java_major "$BENCH_JAVA")" -ge 21 ]] || die "$BENCH_JAVA is older than Java 21"
}

prepare_server_jar() {
    local jar=${SERVER_JAR:-"$ROOT/keystone-server/target/keystone-server-0.1.0-SNAPSHOT.jar"}
    if [[ -n "${SERVER_JAR:-}" ]]; then
        echo "using the server jar $SERVER_JAR (no build)"
    elif [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        log "building the server jar"
        (cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl keystone-server -am) > "$OUT/build.log" 2>&1 \
            || { tail -30 "$OUT/build.log"; die "build failed (see $OUT/build.log)"; }
    fi
    [[ -f "$jar" ]] || die "no server jar at $jar"
    # Run a private copy, so a rebuild in the tree cannot swap the jar under the running server.
    cp "$jar" "$WORK/keystone-server.jar"
    JAR_SOURCE=$jar
}

ensure_local_postgres() {
    local cluster
    pg_isready -q && return 0
    log "starting PostgreSQL"
    cluster=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$cluster" main start
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL on $PGHOST:$PGPORT does not answer"
}

recreate_database() { # <name>
    psql -q -v ON_ERROR_STOP=1 -d postgres -c "drop database if exists $1 with (force)" -c "create database $1"
}

require_free_port() { # <port> [hint]
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then die "port $1 is already in use${2:+; $2}"; fi
}

start_keystone_server() { # <pid variable> <log file> <port> <jdbc url> [server option…]
    local pid_variable=$1 log_file=$2 port=$3 url=$4
    shift 4
    # shellcheck disable=SC2086
    (cd "$WORK" && KEYSTONE_DATA_DIR="$WORK/data" exec "$BENCH_JAVA" ${SERVER_JAVA_OPTS:-} \
        -jar "$WORK/keystone-server.jar" \
        --server.port="$port" \
        --keystone.database.url="$url" \
        --keystone.database.username=postgres \
        --keystone.webhooks.allow-private-targets=true "$@") >> "$log_file" 2>&1 &
    printf -v "$pid_variable" '%s' "$!"
}

wait_healthy() { # <pid> <base url> <log file> <max seconds> <name>
    local pid=$1 url=$2 log_file=$3 max=$4 name=$5 i
    for i in $(seq 1 "$max"); do
        kill -0 "$pid" 2>/dev/null || { tail -40 "$log_file"; die "$name exited during start-up"; }
        curl -fs -o /dev/null --max-time 2 "$url/actuator/health" && return 0
        [[ $i -lt $max ]] || die "$name was not healthy after $max s (see $log_file)"
        sleep 1
    done
}

demo_credential() { # <log file> <platform name> <client_id|client_secret>
    awk -v platform="$2" -v field="$3:" '
        index($0, platform " (sandbox") == 1 { inside = 1; next }
        inside && $1 == field { print $2; exit }
        /^$/ { inside = 0 }' "$1"
}

read_demo_credentials() { # <log file>
    local log_file=$1
    # The demo credentials are printed once, right after start-up, on a fresh database.
    for _ in $(seq 1 60); do
        [[ -n "$(demo_credential "$log_file" 'Beta Capital' client_secret)" ]] && break
        sleep 1
    done
    KEYSTONE_ACME_CLIENT_ID=$(demo_credential "$log_file" 'Acme Securities' client_id)
    KEYSTONE_ACME_CLIENT_SECRET=$(demo_credential "$log_file" 'Acme Securities' client_secret)
    KEYSTONE_BETA_CLIENT_ID=$(demo_credential "$log_file" 'Beta Capital' client_id)
    KEYSTONE_BETA_CLIENT_SECRET=$(demo_credential "$log_file" 'Beta Capital' client_secret)
    [[ -n "$KEYSTONE_ACME_CLIENT_SECRET" && -n "$KEYSTONE_BETA_CLIENT_SECRET" ]] \
        || die "could not read the demo credentials from $log_file"
    # Passed to the bench through the environment, so the secrets never show in a process listing.
    export KEYSTONE_ACME_CLIENT_ID KEYSTONE_ACME_CLIENT_SECRET KEYSTONE_BETA_CLIENT_ID KEYSTONE_BETA_CLIENT_SECRET
}

access_token() { # <base url> <client id> <client secret>
    jq -n --arg id "$2" --arg secret "$3" --arg aud "${AUDIENCE:-https://api.keystoneos.xyz}" \
        '{grant_type: "client_credentials", client_id: $id, client_secret: $secret, audience: $aud}' |
        curl -fsS --max-time 10 -H 'content-type: application/json' --data-binary @- "$1/oauth/token" |
        jq -r .access_token
}

# ---- fault scripts -----------------------------------------------------------------------------------------

sql() { psql -qAtX -v ON_ERROR_STOP=1 -d "$FAULT_DB" -c "$1"; }

# Logs one line per request: <path> <event id> <delivery id> <signature ok 1|0> <status answered>.
write_webhook_receiver() { # <file>
    cat > "$1" <<'PYTHON'
import hashlib, hmac, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, secrets_file, log_file, mode_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
lock = threading.Lock()
out = open(log_file, "a", buffering=1)
def answer():
    try:
        return int(open(mode_file).read().strip() or "204")
    except (OSError, ValueError):
        return 204
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
        status = answer()
        with lock:
            out.write("%s %s %s %d %d\n" % (self.path, self.headers.get("X-Keystone-Event-Id", "-"),
                                             self.headers.get("X-Keystone-Delivery-Id", "-"), ok, status))
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PYTHON
}

start_webhook_receiver() {
    [[ -f "$WORK/receiver.py" ]] || write_webhook_receiver "$WORK/receiver.py"
    [[ -f "$WORK/secrets.json" ]] || echo '{}' > "$WORK/secrets.json"
    touch "$OUT/receiver.log"
    python3 "$WORK/receiver.py" "$RECEIVER_PORT" "$WORK/secrets.json" "$OUT/receiver.log" "$WORK/receiver-mode" \
        2>> "$OUT/receiver.err" &
    RECEIVER_PID=$!
    # python3 may need several seconds to start on a busy machine.
    for _ in $(seq 1 120); do
        (exec 3<>"/dev/tcp/127.0.0.1/$RECEIVER_PORT") 2>/dev/null && return 0
        kill -0 "$RECEIVER_PID" 2>/dev/null || break
        sleep 0.25
    done
    die "the webhook receiver did not start (see $OUT/receiver.err)"
}

set_receiver_answer() { # <status>
    echo "$1" > "$WORK/receiver-mode"
}

register_receiver_endpoints() { # <base url> <description>
    local base_url=$1 description=$2 secret_a secret_b
    create_receiver_endpoint() { # <token> <path>: prints "<id> <secret>"
        jq -n --arg url "http://127.0.0.1:$RECEIVER_PORT$2" --arg description "$description" \
            '{url: $url, events: ["*"], description: $description}' |
            curl -fsS --max-time 10 -H "authorization: Bearer $1" -H 'content-type: application/json' \
                --data-binary @- "$base_url/v1/platforms/me/webhooks" | jq -r '"\(.id) \(.secret)"'
    }
    read -r ENDPOINT_A secret_a < <(create_receiver_endpoint "$ACME_TOKEN" /acme)
    read -r ENDPOINT_B secret_b < <(create_receiver_endpoint "$BETA_TOKEN" /beta)
    [[ -n "$secret_a" && -n "$secret_b" ]] || die "could not create the webhook endpoints"
    jq -n --arg a "$secret_a" --arg b "$secret_b" '{"/acme": $a, "/beta": $b}' > "$WORK/secrets.json"
}

instruction_loop() { # <base url>
    local base_url=$1 seq=0 wallet body code id
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
            -H 'content-type: application/json' --data-binary "$body" "$base_url/v1/instructions" || true)
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

FAULT_TERMINAL_STATES="'FINALIZED','ROLLED_BACK','TIMED_OUT','CANCELLED','MATURED'"
# A settlement is "progressing" if it waits for outside input (deposits not all made, a compliance decision) or
# has an engine job that is due and not held by an expired lease; "stuck" otherwise (checked at the end).
fault_backlog() {
    sql "select (select count(*) from engine_jobs where run_at <= now()) || ' ' ||
                (select count(*) from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B')
                                                          and status = 'pending') || ' ' ||
                (select count(*) from settlements s where s.state not in ($FAULT_TERMINAL_STATES)
                   and not (s.state = 'AWAITING_DEPOSITS' and exists (select 1 from chain_escrow_legs l
                            where l.settlement_id = s.id and l.status = 'pending')))"
}

wait_for_backlog() { # <max seconds>
    local max=$1 started elapsed due pending moving
    log "waiting for the backlog (max $max s): due engine jobs, pending deliveries, settlements the engine still has to move"
    started=$(date +%s)
    while :; do
        read -r due pending moving < <(fault_backlog)
        elapsed=$(( $(date +%s) - started ))
        printf '[%4ss] due engine jobs %s, pending webhook deliveries %s, settlements to move %s\n' \
            "$elapsed" "$due" "$pending" "$moving"
        [[ "$due" == 0 && "$pending" == 0 && "$moving" == 0 ]] && break
        [[ $elapsed -ge $max ]] && { echo "backlog not drained after $max s"; break; }
        sleep 10
    done
    BACKLOG_SECONDS=$(( $(date +%s) - started ))
}

check() { # <name> <ok 0|1> <detail>
    if [[ "$2" == 1 ]]; then RESULTS+=("PASS  $1: $3"); else RESULTS+=("FAIL  $1: $3"); FAIL=1; fi
}

# The end of a fault script's summary: every check's line, the verdict and where the raw outputs are.
print_check_results() {
    echo
    printf '%s\n' "${RESULTS[@]}"
    echo
    if [[ $FAIL == 0 ]]; then echo "RESULT: PASS"; else echo "RESULT: FAIL"; fi
    echo "raw outputs: ${OUT#"$ROOT"/}/"
}

# 1. Accepted instructions (every 201 of the instruction loop) are visible through the API.
check_accepted_instructions() { # <base url> <where they were accepted, for the detail>
    local accepted missing=0 errors code id
    accepted=$(sort -u "$OUT/accepted-instructions.txt" | grep -c . || true)
    while read -r id; do
        [[ -n "$id" ]] || continue
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "authorization: Bearer $ACME_TOKEN" \
            "$1/v1/instructions/$id")
        [[ "$code" == 200 ]] || { missing=$((missing + 1)); echo "instruction $id: HTTP $code" >> "$OUT/missing.txt"; }
    done < <(sort -u "$OUT/accepted-instructions.txt")
    errors=$( [[ -f "$OUT/instruction-errors.txt" ]] && wc -l < "$OUT/instruction-errors.txt" || echo 0)
    check "accepted instructions visible" $(( missing == 0 )) \
        "$((accepted - missing)) of $accepted instructions accepted $2 (201) found via the API ($errors submits refused/failed during the fault)"
}

# 2. Every settlement in the database is readable through the API (as Acme, a party to all of them).
check_settlements_visible() { # <base url>
    local settlements missing=0 code id
    settlements=$(sql "select count(*) from settlements")
    while read -r id; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "authorization: Bearer $ACME_TOKEN" \
            "$1/v1/settlements/$id")
        [[ "$code" == 200 ]] || { missing=$((missing + 1)); echo "settlement $id: HTTP $code" >> "$OUT/missing.txt"; }
    done < <(sql "select id from settlements")
    check "settlements visible" $(( missing == 0 )) "$((settlements - missing)) of $settlements settlements readable via the API"
}

# 3. Terminal or progressing; no engine job held by a dead lease.
check_no_stuck_settlement() {
    local states stuck waiting dead_leases overdue
    states=$(sql "select state, count(*) from settlements group by state order by state" | tr '\n' ' ')
    stuck=$(sql "select count(*) from settlements s where s.state not in ($FAULT_TERMINAL_STATES)
                   and not (s.state = 'AWAITING_DEPOSITS' and exists (select 1 from chain_escrow_legs l
                            where l.settlement_id = s.id and l.status = 'pending'))
                   and not exists (select 1 from engine_jobs j where j.settlement_id = s.id and j.kind = 'advance'
                                   and (j.leased_until is null or j.leased_until > now()))")
    waiting=$(sql "select count(*) from settlements s where s.state = 'AWAITING_DEPOSITS' and exists
                     (select 1 from chain_escrow_legs l where l.settlement_id = s.id and l.status = 'pending')")
    dead_leases=$(sql "select count(*) from engine_jobs where leased_until < now()")
    overdue=$(sql "select count(*) from engine_jobs where run_at < now() - interval '2 minutes'
                     and (leased_until is null or leased_until < now())")
    check "no stuck settlement" $(( stuck == 0 && dead_leases == 0 && overdue == 0 )) \
        "states: $states| stuck $stuck, waiting for deposits $waiting, engine jobs with an expired lease $dead_leases, overdue jobs $overdue"
}

# 4. Executed at most once.
check_not_executed_twice() {
    local twice dup_moves dup_seq finalized
    twice=$(sql "select count(*) from (select settlement_id from settlement_events
                  where from_state = 'EXECUTING_SWAP' and to_state = 'FINALIZED'
                  group by settlement_id having count(*) > 1) t")
    dup_moves=$(sql "select count(*) from (select settlement_id, leg_index, kind from chain_ledger_entries
                      where kind <> 'mint' group by 1, 2, 3 having count(*) > 1) t")
    dup_seq=$(sql "select count(*) from (select settlement_id, sequence from settlement_events
                    group by 1, 2 having count(*) > 1) t")
    finalized=$(sql "select count(*) from settlements where state = 'FINALIZED'")
    check "no settlement executed twice" $(( twice == 0 && dup_moves == 0 && dup_seq == 0 )) \
        "$finalized finalized; settlements with >1 EXECUTING_SWAP→FINALIZED $twice, duplicate deposit/release/refund entries $dup_moves, duplicate event sequences $dup_seq"
}

# 5. Conservation per (chain, instrument): balances + deposited escrow = minted (V5__simulated_chain.sql).
check_balances_conserved() {
    local unbalanced detail
    sql "with minted as (select chain_id, instrument_id, sum(amount) m from chain_ledger_entries where kind = 'mint' group by 1, 2),
              held as (select chain_id, instrument_id, sum(amount) b from chain_balances group by 1, 2),
              escrow as (select chain_id, instrument_id, sum(quantity) e from chain_escrow_legs where status = 'deposited' group by 1, 2)
         select m.chain_id || '/' || m.instrument_id, m.m, coalesce(h.b, 0), coalesce(e.e, 0),
                m.m = coalesce(h.b, 0) + coalesce(e.e, 0)
         from minted m left join held h using (chain_id, instrument_id) left join escrow e using (chain_id, instrument_id)
         order by 1" > "$WORK/conservation"
    unbalanced=$(awk -F'|' '$5 != "t"' "$WORK/conservation" | grep -c . || true)
    detail=$(awk -F'|' '{printf "%s minted %s = balances %s + escrow %s; ", $1, $2, $3, $4}' "$WORK/conservation")
    check "balances conserved" $(( unbalanced == 0 )) "${detail}unbalanced instruments $unbalanced"
}

# 6. Every event for the two endpoints delivered (succeeded) and answered 2xx by the receiver at least once.
check_webhooks_delivered() {
    local events succeeded outbox not_arrived requests duplicates bad_sig refused
    events=$(sql "select count(*) from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B')")
    succeeded=$(sql "select count(*) from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B') and status = 'succeeded'")
    outbox=$(sql "select count(*) from webhook_outbox o join webhook_endpoints e on e.environment_id = o.environment_id
                  where e.id in ('$ENDPOINT_A', '$ENDPOINT_B') and o.created_at >= e.created_at")
    sql "select case endpoint_id when '$ENDPOINT_A' then '/acme' else '/beta' end || ' ' || event_id
         from webhook_deliveries where endpoint_id in ('$ENDPOINT_A', '$ENDPOINT_B')" | sort -u > "$WORK/expected"
    awk '$5 ~ /^2/ {print $1, $2}' "$OUT/receiver.log" | sort -u > "$WORK/arrived"
    not_arrived=$(comm -23 "$WORK/expected" "$WORK/arrived" | grep -c . || true)
    requests=$(awk '$5 ~ /^2/' "$OUT/receiver.log" | grep -c . || true)
    refused=$(awk '$5 !~ /^2/' "$OUT/receiver.log" | grep -c . || true)
    duplicates=$(( requests - $(grep -c . "$WORK/arrived" || true) ))
    bad_sig=$(awk '$4 != 1' "$OUT/receiver.log" | grep -c . || true)
    if [[ $not_arrived -gt 0 ]]; then comm -23 "$WORK/expected" "$WORK/arrived" > "$OUT/not-arrived.txt"; fi
    check "webhooks delivered at least once" $(( not_arrived == 0 && succeeded == events && events >= outbox && bad_sig == 0 )) \
        "$events deliveries queued (outbox events since the endpoints: $outbox), $succeeded succeeded, $((events - not_arrived)) arrived at the receiver with a 2xx answer ($requests such requests, $duplicates redeliveries; $refused requests answered non-2xx), bad signatures $bad_sig"
}

run_fault_checks() { # <url to read instructions> <url to read settlements> <where the instructions were accepted>
    FAIL=0
    RESULTS=()
    check_accepted_instructions "$1" "$3"
    check_settlements_visible "$2"
    check_no_stuck_settlement
    check_not_executed_twice
    check_balances_conserved
    check_webhooks_delivered
}
