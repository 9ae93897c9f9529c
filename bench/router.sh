#!/usr/bin/env bash
# Paasmaker's router against nginx, on this machine, with wrk:
#   (a) nginx serving a small fixed body directly,
#   (b) nginx as a reverse proxy in front of (a),
#   (c) the Paasmaker router (paasmaker-router.jar, its own process, built from this tree) in front of (a),
#       with a routing table of 10,000 hostnames pushed through its control channel;
#   and over HTTPS (HTTP/1.1 keep-alive over TLS 1.3, as wrk speaks it), with the same certificate and key:
#   (d) nginx terminating TLS in front of (a), (e) the router's HTTPS listener in front of (a).
# Each target is warmed up first, then measured with the same wrk threads, connections and duration.
# Prints req/s and p99 latency of each, CPU time per request of both proxies (from /proc/<pid>/stat),
# and the ratios router/direct and router/nginx, over HTTPS too; the router's resident memory (VmRSS) with its
# table loaded before the load, its peak during the rounds (sampled every 0.5 s) and after them. Then new TLS connections per second
# against (d) and (e): full handshakes with wrk (Connection: close), then full and resumed ones with
# bench/tls_handshakes.py (each a handshake and one request), and the server's CPU time per connection.
#
# The targets are measured in turn, ROUNDS times, and the medians reported: other work on the
# machine then weighs on all three alike.
#
# Knobs (environment): THREADS=2 CONNECTIONS=64 DURATION=15s WARMUP=10s ROUNDS=3 HOSTNAMES=10000
#   HANDSHAKE_SECONDS=10 HANDSHAKE_THREADS=2 (client processes)
#   ROUTER_ARGS="--event-loops=2"   extra router options
#   ROUTER_JVM_OPTS="..."           the router's JVM options (default: the engine's, as it launches its router)
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
ROUNDS=${ROUNDS:-3}
HOSTNAMES=${HOSTNAMES:-10000}
HANDSHAKE_SECONDS=${HANDSHAKE_SECONDS:-10}
HANDSHAKE_THREADS=${HANDSHAKE_THREADS:-2}
ROUTER_ARGS=${ROUTER_ARGS:-}

# shellcheck source=bench/lib/proxies.sh
. bench/lib/proxies.sh
require_tools nginx wrk curl python3 openssl

mvn -q -pl paasmaker-router -am package -DskipTests
ROUTER_JAR=paasmaker-router/target/paasmaker-router.jar

ROUTER_JVM_OPTS=${ROUTER_JVM_OPTS:-$ENGINE_ROUTER_JVM_OPTS}
work_directory paasmaker-router-bench
cpu_total() {  # user + system clock ticks of the given pids
    cpu_ticks "$@" | awk '{print $1 + $2}'
}

BACKEND_PORT=$(free_port)
PROXY_PORT=$(free_port)
ROUTER_PORT=$(free_port)
TLS_PROXY_PORT=$(free_port)
ROUTER_TLS_PORT=$(free_port)
HOST=app-4321.bench.localhost

# One certificate and key for both. wrk sends the URL's host as its SNI name, and the URL's host must be
# an address here: so the router's table lists the certificate for 127.0.0.1 too (nginx serves its one
# certificate whatever the name).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$HOST" \
    -addext "subjectAltName=DNS:$HOST,IP:127.0.0.1" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

start_nginx backend "server { listen 127.0.0.1:$BACKEND_PORT; location / { return 200 'Hello from the bench backend\n'; } }"
start_nginx proxy "upstream backend { server 127.0.0.1:$BACKEND_PORT; keepalive 64; }
    server {
        listen 127.0.0.1:$PROXY_PORT;
$(proxy_location "$WORK/proxy/logs/access.log")
    }
    server {
        listen 127.0.0.1:$TLS_PROXY_PORT ssl http2;
        ssl_certificate $WORK/cert.pem;
        ssl_certificate_key $WORK/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20;
        ssl_session_cache shared:SSL:10m;
$(proxy_location "$WORK/proxy/logs/access-tls.log")
    }"
NGINX_PROXY_MASTER=${PIDS[-1]}

mkdir -p "$WORK/router"
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 java $ROUTER_JVM_OPTS -jar "$ROUTER_JAR" \
    --home "$WORK/router" --port "$ROUTER_PORT" --https-port "$ROUTER_TLS_PORT" --bind=127.0.0.1 $ROUTER_ARGS > "$WORK/router/router.log" 2>&1 &
ROUTER_PID=$!
PIDS+=("$ROUTER_PID")
wait_for_port "$BACKEND_PORT"
wait_for_port "$PROXY_PORT"
wait_for_port "$ROUTER_PORT"
wait_for_port "$TLS_PROXY_PORT"
wait_for_port "$ROUTER_TLS_PORT"
for _ in $(seq 1 300); do [ -s "$WORK/router/control.port" ] && break; sleep 0.1; done

routing_table "$HOSTNAMES" "$BACKEND_PORT" "$WORK/cert.pem" "$WORK/key.pem" > "$WORK/table.json"
push_table "$WORK/router" "$WORK/table.json"
for port in "$BACKEND_PORT" "$PROXY_PORT" "$ROUTER_PORT"; do
    body=$(curl -sf -H "Host: $HOST" "http://127.0.0.1:$port/")
    [ "$body" = "Hello from the bench backend" ] || { echo "port $port answered '$body'" >&2; exit 1; }
done
for port in "$TLS_PROXY_PORT" "$ROUTER_TLS_PORT"; do
    for version in --http1.1 --http2; do
        body=$(curl -sfk "$version" --resolve "$HOST:$port:127.0.0.1" "https://$HOST:$port/")
        [ "$body" = "Hello from the bench backend" ] || { echo "port $port ($version) answered '$body'" >&2; exit 1; }
    done
done

NGINX_PROXY_WORKERS=$(pgrep -P "$NGINX_PROXY_MASTER" | tr '\n' ' ')
TICKS_PER_SECOND=$(getconf CLK_TCK)

measure() {  # label, URL, pids whose CPU time to count; appends "rps p99 cpu_us" to $WORK/label.results
    local label=$1 url=$2
    shift 2
    local before after out
    before=$(cpu_total "$@")
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: $HOST" "$url")
    after=$(cpu_total "$@")
    local rps p99 requests errors cpu_us="-"
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}')
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    if [ $# -gt 0 ]; then
        cpu_us=$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
    fi
    printf '  %-12s %10.0f req/s   p99 %7.2f ms   proxy CPU/request %6s us %s\n' "$label" "$rps" "$p99" "$cpu_us" "$errors"
    echo "$rps $p99 $cpu_us" >> "$WORK/$label.results"
}
median() {  # label, column: the median of that column over the rounds
    awk -v c="$2" '{print $c}' "$WORK/$1.results" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'
}

ROUTER_IDLE_KB=$(rss_kb "$ROUTER_PID")
( while kill -0 "$ROUTER_PID" 2>/dev/null; do rss_kb "$ROUTER_PID"; sleep 0.5; done ) > "$WORK/router.rss" 2>/dev/null &
RSS_SAMPLER=$!
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds (each target warmed up for $WARMUP first); Host: $HOST"
echo "router: java $ROUTER_JVM_OPTS ... RouterMain $ROUTER_ARGS; $HOSTNAMES hostnames in its table"
for url in "http://127.0.0.1:$BACKEND_PORT/" "http://127.0.0.1:$PROXY_PORT/" "http://127.0.0.1:$ROUTER_PORT/" \
        "https://127.0.0.1:$TLS_PROXY_PORT/" "https://127.0.0.1:$ROUTER_TLS_PORT/"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $HOST" "$url" > /dev/null
done
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round"
    measure direct "http://127.0.0.1:$BACKEND_PORT/"
    # shellcheck disable=SC2086
    measure nginx "http://127.0.0.1:$PROXY_PORT/" $NGINX_PROXY_WORKERS
    measure router "http://127.0.0.1:$ROUTER_PORT/" "$ROUTER_PID"
    # shellcheck disable=SC2086
    measure nginx-tls "https://127.0.0.1:$TLS_PROXY_PORT/" $NGINX_PROXY_WORKERS
    measure router-tls "https://127.0.0.1:$ROUTER_TLS_PORT/" "$ROUTER_PID"
done
kill "$RSS_SAMPLER" 2>/dev/null || true
awk -v idle="$ROUTER_IDLE_KB" -v after="$(rss_kb "$ROUTER_PID")" '$1 > peak {peak = $1}
    END {printf "router resident memory: %.1f MB with its table before the load, %.1f MB at the peak of the rounds, %.1f MB after\n",
        idle / 1024, peak / 1024, after / 1024}' "$WORK/router.rss"
echo "medians over $ROUNDS rounds"
for label in direct nginx router nginx-tls router-tls; do
    cpu=$([ "$label" = direct ] && echo - || median "$label" 3)
    printf '  %-12s %10.0f req/s   p99 %7.2f ms   proxy CPU/request %6s us\n' "$label" "$(median "$label" 1)" \
        "$(median "$label" 2)" "$cpu"
done
awk -v c="$(median router 1)" -v a="$(median direct 1)" -v b="$(median nginx 1)" \
    'BEGIN {printf "ratio router/direct: %.3f\nratio router/nginx: %.3f\n", c / a, c / b}'
awk -v c="$(median router-tls 1)" -v b="$(median nginx-tls 1)" 'BEGIN {printf "ratio router/nginx over HTTPS: %.3f\n", c / b}'

echo "new TLS connections, full handshakes (wrk -t$THREADS -c$CONNECTIONS -d${HANDSHAKE_SECONDS}s with Connection: close: one request per connection, no session reused)"
closing() {  # label, URL, pids whose CPU time to count
    local label=$1 url=$2
    shift 2
    local before after out rps requests
    before=$(cpu_total "$@")
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${HANDSHAKE_SECONDS}s" -H "Host: $HOST" -H "Connection: close" "$url")
    after=$(cpu_total "$@")
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    printf '  %-12s %8.0f connections/s   server CPU/connection %s us %s\n' "$label" "$rps" \
        "$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')" \
        "$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')"
}
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $HOST" -H "Connection: close" "https://127.0.0.1:$ROUTER_TLS_PORT/" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: $HOST" -H "Connection: close" "https://127.0.0.1:$TLS_PROXY_PORT/" > /dev/null
# shellcheck disable=SC2086
closing nginx-tls "https://127.0.0.1:$TLS_PROXY_PORT/" $NGINX_PROXY_WORKERS
closing router-tls "https://127.0.0.1:$ROUTER_TLS_PORT/" "$ROUTER_PID"

echo "new TLS connections, full and resumed (python3 bench/tls_handshakes.py, OpenSSL, $HANDSHAKE_THREADS processes, ${HANDSHAKE_SECONDS} s each; SNI $HOST)"
handshakes() {  # label, port, mode, pids whose CPU time to count
    local label=$1 port=$2 mode=$3
    shift 3
    local before after out count
    before=$(cpu_total "$@")
    out=$(python3 bench/tls_handshakes.py "$port" "$HOST" "$HANDSHAKE_SECONDS" "$HANDSHAKE_THREADS" "$mode")
    after=$(cpu_total "$@")
    count=$(echo "$out" | awk '{print $6}')
    printf '  %-12s %-8s %s   server CPU/connection %s us\n' "$label" "$mode" "$out" \
        "$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" -v n="$count" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"
}
python3 bench/tls_handshakes.py "$ROUTER_TLS_PORT" "$HOST" 3 "$HANDSHAKE_THREADS" resumed > /dev/null
python3 bench/tls_handshakes.py "$TLS_PROXY_PORT" "$HOST" 3 "$HANDSHAKE_THREADS" resumed > /dev/null
for mode in new resumed; do
    # shellcheck disable=SC2086
    handshakes nginx-tls "$TLS_PROXY_PORT" "$mode" $NGINX_PROXY_WORKERS
    handshakes router-tls "$ROUTER_TLS_PORT" "$mode" "$ROUTER_PID"
done
