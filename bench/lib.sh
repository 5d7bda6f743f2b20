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
