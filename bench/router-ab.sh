#!/usr/bin/env bash
# Two routers side by side, A and B (two jars, or one jar with two sets of JVM options), against nginx
# as a reverse proxy, on the same backend (nginx serving a small body), with wrk. Each round measures
# nginx, then A, then B, one after the other, so that whatever else loads the machine weighs on the
# three alike: on a shared two-core machine a change of a few percent in the router's CPU per request
# shows only this way (bench/router.sh runs one router and swings by 20% from run to run).
# Prints each round's req/s and each proxy's CPU time per request (user and system, from
# /proc/<pid>/stat); then the medians, the ratios to nginx, and each router's resident memory (VmRSS,
# sampled every 0.5 s) at its peak and at the end.
#
# Knobs (environment):
#   JAR_A, JAR_B        the routers' jars (default: paasmaker-router/target/paasmaker-router.jar, built first)
#   OPTS_A, OPTS_B      their JVM options (default: the engine's, RouterProcessSettings.DEFAULT_JVM_OPTIONS)
#   ROUNDS=5 DURATION=8s WARMUP=5s THREADS=2 CONNECTIONS=64 HOSTNAMES=10000
# Example: OPTS_B="-Xms16m -Xmx256m -XX:+UseSerialGC" bench/router-ab.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-8s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
HOSTNAMES=${HOSTNAMES:-10000}

# shellcheck source=bench/lib/proxies.sh
. bench/lib/proxies.sh
require_tools nginx wrk curl python3
if [ -z "${JAR_A:-}" ] || [ -z "${JAR_B:-}" ]; then
    mvn -q -pl paasmaker-router -am package -DskipTests
fi
JAR_A=${JAR_A:-paasmaker-router/target/paasmaker-router.jar}
JAR_B=${JAR_B:-paasmaker-router/target/paasmaker-router.jar}

OPTS_A=${OPTS_A:-$ENGINE_ROUTER_JVM_OPTS}
OPTS_B=${OPTS_B:-$ENGINE_ROUTER_JVM_OPTS}
work_directory paasmaker-router-ab

BACKEND_PORT=$(free_port)
PROXY_PORT=$(free_port)
HOST=app-1.bench.localhost
start_nginx backend "server { listen 127.0.0.1:$BACKEND_PORT; location / { return 200 'Hello from the bench backend\n'; } }"
# The same proxy settings and access log as bench/router.sh's (b).
start_nginx proxy "upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
    server {
        listen 127.0.0.1:$PROXY_PORT;
$(proxy_location "$WORK/proxy/logs/access.log")
    }"
NGINX_PROXY_MASTER=${PIDS[-1]}

routing_table "$HOSTNAMES" "$BACKEND_PORT" > "$WORK/table.json"

declare -A PORT PID
for router in A B; do
    jar_variable=JAR_$router
    opts_variable=OPTS_$router
    PORT[$router]=$(free_port)
    mkdir -p "$WORK/router-$router"
    # shellcheck disable=SC2086
    MALLOC_ARENA_MAX=2 java ${!opts_variable} -jar "${!jar_variable}" --home "$WORK/router-$router" --port "${PORT[$router]}" \
        --https-port -1 --bind=127.0.0.1 > "$WORK/router-$router/router.log" 2>&1 &
    PID[$router]=$!
    PIDS+=("$!")
done
wait_for_port "$BACKEND_PORT"
wait_for_port "$PROXY_PORT"
for router in A B; do
    wait_for_port "${PORT[$router]}"
    for _ in $(seq 1 300); do [ -s "$WORK/router-$router/control.port" ] && break; sleep 0.1; done
    push_table "$WORK/router-$router" "$WORK/table.json"
    body=$(curl -sf -H "Host: $HOST" "http://127.0.0.1:${PORT[$router]}/")
    [ "$body" = "Hello from the bench backend" ] || { echo "router $router answered '$body'" >&2; exit 1; }
    ( while kill -0 "${PID[$router]}" 2>/dev/null; do rss_kb "${PID[$router]}"; sleep 0.5; done ) \
        > "$WORK/$router.rss" 2>/dev/null &
    PIDS+=("$!")
done
NGINX_PROXY_WORKERS=$(pgrep -P "$NGINX_PROXY_MASTER" | tr '\n' ' ')
TICKS_PER_SECOND=$(getconf CLK_TCK)

measure() {  # label, port, pids whose CPU time to count; appends "rps cpu user system" to $WORK/label.results
    local label=$1 port=$2
    shift 2
    local before after out
    before=$(cpu_ticks "$@")
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Host: $HOST" "http://127.0.0.1:$port/")
    after=$(cpu_ticks "$@")
    echo "$out" | awk -v label="$label" -v before="$before" -v after="$after" -v hz="$TICKS_PER_SECOND" '
        /^Requests\/sec/ {rps = $2}
        /requests in/ {n = $1}
        /Non-2xx|Socket errors/ {errors = errors " " $0}
        END {
            split(before, b, " "); split(after, a, " ")
            user = (a[1] - b[1]) / hz * 1e6 / n; sys = (a[2] - b[2]) / hz * 1e6 / n
            printf "  %-6s %9.0f req/s   CPU/request %5.2f us (user %5.2f, system %5.2f)%s\n", label, rps, user + sys, user, sys, errors > "/dev/stderr"
            print rps, user + sys, user, sys
        }' >> "$WORK/$label.results"
}
median() {  # label, column
    awk -v c="$2" '{print $c}' "$WORK/$1.results" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds of nginx, A, B (each warmed up for $WARMUP first); $HOSTNAMES hostnames"
echo "A: java $OPTS_A -jar $JAR_A"
echo "B: java $OPTS_B -jar $JAR_B"
for port in "$PROXY_PORT" "${PORT[A]}" "${PORT[B]}"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $HOST" "http://127.0.0.1:$port/" > /dev/null
done
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round"
    # shellcheck disable=SC2086
    measure nginx "$PROXY_PORT" $NGINX_PROXY_WORKERS 2>&1
    measure A "${PORT[A]}" "${PID[A]}" 2>&1
    measure B "${PORT[B]}" "${PID[B]}" 2>&1
done
echo "medians over $ROUNDS rounds"
for label in nginx A B; do
    printf '  %-6s %9.0f req/s   CPU/request %5.2f us (user %5.2f, system %5.2f)\n' "$label" "$(median "$label" 1)" \
        "$(median "$label" 2)" "$(median "$label" 3)" "$(median "$label" 4)"
done
awk -v a="$(median A 1)" -v b="$(median B 1)" -v n="$(median nginx 1)" \
    'BEGIN {printf "ratio A/nginx: %.3f   B/nginx: %.3f   B/A: %.3f\n", a / n, b / n, b / a}'
for router in A B; do
    awk -v router="$router" -v now="$(rss_kb "${PID[$router]}")" '$1 > peak {peak = $1}
        END {printf "router %s resident memory: %.1f MB at its peak, %.1f MB at the end\n", router, peak / 1024, now / 1024}' \
        "$WORK/$router.rss"
done
