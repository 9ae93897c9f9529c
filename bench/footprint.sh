#!/usr/bin/env bash
# The platform's footprint on this machine (issue 20): its start times and each process's memory.
#   * Start: the README's first command, `mvn liberty:run` from the root on a built tree, from its
#     launch to the first 200 from /api/v1/health; then, after stopping it, the server alone
#     (Liberty's `server start` of the same server in paasmaker-war/target/liberty/wlp, on the same
#     data); for each, the router process the server launches, from its process's start (its
#     /proc/<pid>/stat) to its first HTTP answer on the router's port.
#   * Memory: the samples hello-python and hello-java deployed with `bin/paasmaker deploy` (started and
#     made current); the resident memory (VmRSS, and PSS from smaps_rollup) of the server's JVM, the
#     router, each instance (its whole process group), any managed database server, and of the Maven JVM
#     that `mvn liberty:run` keeps running (right after the start and after SETTLE seconds); idle after SETTLE seconds, then the peak while wrk loads each
#     LOAD_APPS sample through the router, and right after. Beside them, with the same wrk: the instance
#     itself (direct), nginx (Debian's, as bench/router.sh runs it) serving the same body from a file,
#     and nginx as a reverse proxy in front of the instance, each with its memory and req/s.
#   * Optionally (AGENT=true) a node agent started by bin/paasmaker-agent as the README does, idle, registered with the
#     server (whose cluster endpoint is then on, with a node token, for the server-alone run).
# Ends with a summary table, and the platform's total idle (the server, the router, the instances, their
# log writers and the managed servers). The machine's load average (uptime) is printed at the start and the end:
# figures taken on a busy machine say so.
#
# Everything runs on free ports, with PAASMAKER_HOME in a temporary directory under /tmp; at the end
# (whatever happens) it stops the server, the router, the instances, nginx and the agent, and deletes it.
#
# Knobs (environment): THREADS=2 CONNECTIONS=64 DURATION=20s (wrk), SETTLE=20 (seconds before the idle
#   figures), LOAD_APPS="hello-java hello-python", PORTS=44600-44699 (the instances' ports),
#   AGENT=true, AGENT_PORTS=44950-44999, BUILD=true (false: use the tree as built), MVN_FLAGS=-o,
#   SAMPLES="hello-python hello-java" (add hello-services for its managed PostgreSQL and Redis servers:
#   PostgreSQL on a free port, Redis on 44940-44949)
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-20s}
SETTLE=${SETTLE:-20}
LOAD_APPS=${LOAD_APPS:-hello-java hello-python}
PORTS=${PORTS:-44600-44699}
AGENT=${AGENT:-true}
AGENT_PORTS=${AGENT_PORTS:-44950-44999}
BUILD=${BUILD:-true}
MVN_FLAGS=${MVN_FLAGS:--o}
read -r -a SAMPLES <<< "${SAMPLES:-hello-python hello-java}"
SERVER=paasmaker
WLP=paasmaker-war/target/liberty/wlp

# shellcheck source=bench/lib/proxies.sh
. bench/lib/proxies.sh
require_tools nginx wrk curl python3

now() {
    date +%s.%N
}
seconds() {  # end start: the difference, to the millisecond
    awk -v end="$1" -v start="$2" 'BEGIN { printf "%.3f", end - start }'
}
until_200() {  # seconds, curl's arguments: asks every 10 ms until the answer is 200
    local within=$1 end=$((SECONDS + $1))
    shift
    until [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$@")" = 200 ]; do
        if [ "$SECONDS" -ge "$end" ]; then
            echo "no 200 from curl $* within $within s" >&2
            exit 1
        fi
        sleep 0.01
    done
}
record_pid() {  # a process record (router/process/router.json, processes/*.json): its pid
    sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$1" | head -1
}
recorded_pids() {  # records...: the pids of those whose process runs
    local record pid
    for record in "$@"; do
        [ -f "$record" ] || continue
        pid=$(record_pid "$record")
        [ -n "$pid" ] && [ -e "/proc/$pid" ] && echo "$pid"
    done
    return 0
}
service_records() {  # the records of the managed database servers (ManagedServer, RedisServers)
    find "$PAASMAKER_HOME" -path "$PAASMAKER_HOME/router" -prune -o -path '*/process/*.json' -print 2>/dev/null
}
kill_recorded() {  # records...: each recorded process's group (they run detached, each its own), else it alone
    local record pid
    for record in "$@"; do
        [ -f "$record" ] || continue
        pid=$(record_pid "$record")
        [ -n "$pid" ] || continue
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    done
}
# A process's start, as seconds since the epoch (to the clock tick), from /proc.
BOOT=$(awk '/^btime/ {print $2}' /proc/stat)
TICKS=$(getconf CLK_TCK)
started_at() {
    awk -v boot="$BOOT" -v hz="$TICKS" '{ sub(/^.*\) /, ""); printf "%.2f", boot + $20 / hz }' "/proc/$1/stat"
}

if [ "$BUILD" = true ]; then
    echo "building (not measured): mvn -q $MVN_FLAGS package -DskipTests" >&2
    # shellcheck disable=SC2086
    mvn -q $MVN_FLAGS package -DskipTests
fi
for file in paasmaker-client/target/paasmaker.jar paasmaker-engine/target/paasmaker-engine.jar samples/hello-java/lib/paasmaker-environment.jar; do
    [ -f "$file" ] || { echo "no $file: build the tree first (mvn -q $MVN_FLAGS package -DskipTests)" >&2; exit 1; }
done

work_directory paasmaker-footprint
# nginx's workers run as another user: they must get through to the body they serve (the files in it
# keep their own modes; the token is the owner's alone).
chmod 711 "$WORK"
PAASMAKER_HTTP_PORT=$(free_port)
PAASMAKER_ROUTER_PORT=$(free_port)
# Its HTTPS listener too: 8443, the default, may be another platform's on this machine.
PAASMAKER_ROUTER_HTTPS_PORT=$(free_port)
# Liberty (through `mvn liberty:run` or its own script) hands the environment to the server.
export PAASMAKER_HOME=$WORK/home PAASMAKER_PORTS=$PORTS PAASMAKER_HTTP_PORT PAASMAKER_ROUTER_PORT PAASMAKER_ROUTER_HTTPS_PORT
# Only for samples with services: never the ports of a platform already running on this machine.
export PAASMAKER_SERVICE_POSTGRES_PORT=0 PAASMAKER_SERVICE_MANAGEDREDIS_PORTS=44940-44949
PM=http://localhost:$PAASMAKER_HTTP_PORT/api/v1
ROUTER=http://127.0.0.1:$PAASMAKER_ROUTER_PORT
SERVER_LAUNCHED=false
MVN_PID=

cleanup() {  # then stop_and_delete (bench/lib/proxies.sh): PIDS stopped, WORK deleted
    set +e
    # The agent first, before the processes it would keep running.
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    if [ "$SERVER_LAUNCHED" = true ]; then
        "$WLP/bin/server" stop "$SERVER" > /dev/null
    fi
    if [ -n "$MVN_PID" ]; then
        kill "$MVN_PID" 2>/dev/null
        wait "$MVN_PID" 2>/dev/null
    fi
    # What the server and the agent leave running on purpose: the router and the instances.
    # shellcheck disable=SC2046
    kill_recorded "$PAASMAKER_HOME"/router/process/*.json "$PAASMAKER_HOME"/processes/*.json "$PAASMAKER_HOME"/log-writers/*.json \
        $(service_records) "$WORK"/agent/processes/*.json
    stop_and_delete
}
trap cleanup EXIT

# Memory: kB of PSS (from smaps_rollup; "-" where unreadable), summed over the given pids, beside
# rss_kb's VmRSS (bench/lib/proxies.sh).
pss_kb() {
    local total=0 pid value
    for pid in "$@"; do
        value=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
        [ -n "$value" ] || { echo -; return; }
        total=$((total + value))
    done
    echo "$total"
}
mb() {  # kB -> MB, one decimal; "-" stays
    if [ "$1" = - ]; then echo -; else awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; fi
}

# The processes measured: a label, and how to find its pids now (a command printing them).
LABELS=()
LOADS=()
declare -A FIND IDLE_RSS IDLE_PSS LOAD_RSS AFTER_RSS RPS
watch_process() {  # label, command printing its pids
    LABELS+=("$1")
    FIND[$1]=$2
}
pids_of() {
    eval "${FIND[$1]}" 2>/dev/null | tr '\n' ' '
}
group_of() {  # pid: every process of its process group
    local group
    group=$(ps -o pgid= -p "$1" | tr -d ' ')
    pgrep -g "$group"
}
listener_on() {  # port: the process listening on it
    ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1
}

# The router's start: from its process's start to its first answer on the router's port (any status:
# a hostname it does not know gets its 404). Runs in the background while the server starts it.
watch_router_start() {  # output file
    local record=$PAASMAKER_HOME/router/process/router.json pid=
    for _ in $(seq 1 30000); do
        [ -f "$record" ] && pid=$(record_pid "$record") && [ -n "$pid" ] && [ -e "/proc/$pid" ] && break
        pid=
        sleep 0.01
    done
    [ -n "$pid" ] || { echo "- - -" > "$1"; return; }
    local launched
    launched=$(started_at "$pid")
    for _ in $(seq 1 6000); do
        if [ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$ROUTER/")" != 000 ]; then
            echo "$pid $launched $(now)" > "$1"
            return
        fi
        sleep 0.01
    done
    echo "$pid $launched -" > "$1"
}
router_start_line() {  # file written by watch_router_start
    local pid launched answered
    read -r pid launched answered < "$1"
    if [ "$answered" = - ]; then echo "the router (pid $pid) did not answer"; return; fi
    echo "router process (pid $pid): $(seconds "$answered" "$launched") s from its launch to its first answer"
}
stop_router() {  # so that the next server start launches a router of its own
    kill_recorded "$PAASMAKER_HOME"/router/process/router.json
    local pid
    pid=$(record_pid "$PAASMAKER_HOME/router/process/router.json")
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}
descendants() {  # pid: its children, each followed by its own descendants
    local child
    for child in $(pgrep -P "$1"); do
        echo "$child"
        descendants "$child"
    done
}
server_pid() {  # Liberty's script records the pid of a server it starts; under `mvn liberty:run`, Maven's first java descendant
    if [ -f "$WLP/usr/servers/.pid/$SERVER.pid" ]; then
        cat "$WLP/usr/servers/.pid/$SERVER.pid"
        return
    fi
    local pid
    for pid in $(descendants "${MVN_PID:-0}"); do
        if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ]; then
            echo "$pid"
            return
        fi
    done
}

echo "footprint of the platform; $(uptime)"
echo "API port $PAASMAKER_HTTP_PORT, router port $PAASMAKER_ROUTER_PORT, instance ports $PORTS, PAASMAKER_HOME $PAASMAKER_HOME"
echo "$(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB of memory; $(java -version 2>&1 | head -1)"

# 1. The README's first command, timed from its launch to the first 200 from health.
LAUNCH=$(now)
watch_router_start "$WORK/router-start-1" &
WATCHER=$!
SERVER_LAUNCHED=true
# shellcheck disable=SC2086
mvn $MVN_FLAGS liberty:run > "$WORK/liberty-run.log" 2>&1 &
MVN_PID=$!
until_200 600 "$PM/health"
READY=$(now)
wait "$WATCHER"
START_MVN=$(seconds "$READY" "$LAUNCH")
echo "mvn $MVN_FLAGS liberty:run: $START_MVN s from its launch to /api/v1/health 200"
ROUTER_LINE_1=$(router_start_line "$WORK/router-start-1")
echo "  $ROUTER_LINE_1"
# What the README's command holds once up: Maven's JVM (which stays in the foreground) and the server's.
# (Debian's mvn script execs java, so $MVN_PID is Maven's JVM.)
MVN_RSS=$(rss_kb "$MVN_PID")
echo "  right after its start: Maven's JVM $(mb "$MVN_RSS") MB resident, the server's $(mb "$(rss_kb "$(server_pid)")") MB"
# Maven's JVM gives back the heap its build used once it idles (.mvn/jvm.config): measured again after settling.
sleep "$SETTLE"
MVN_SETTLED_RSS=$(rss_kb "$MVN_PID")
echo "  after $SETTLE s: Maven's JVM $(mb "$MVN_SETTLED_RSS") MB resident, the server's $(mb "$(rss_kb "$(server_pid)")") MB"
"$WLP/bin/server" stop "$SERVER" > /dev/null
wait "$MVN_PID" || true
MVN_PID=
stop_router

# 2. The server alone, from Liberty's own script, on the same server and data.
if [ "$AGENT" = true ]; then
    PAASMAKER_NODE_TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    PAASMAKER_CLUSTER_PORT=$(free_port)
    printf '%s\n' "$PAASMAKER_NODE_TOKEN" > "$WORK/node-token"
    chmod 600 "$WORK/node-token"
    export PAASMAKER_NODE_TOKEN PAASMAKER_CLUSTER_PORT PAASMAKER_CLUSTER_ADDRESS=127.0.0.1
fi
LAUNCH=$(now)
watch_router_start "$WORK/router-start-2" &
WATCHER=$!
"$WLP/bin/server" start "$SERVER" > /dev/null
until_200 300 "$PM/health"
READY=$(now)
wait "$WATCHER"
START_ALONE=$(seconds "$READY" "$LAUNCH")
echo "$WLP/bin/server start $SERVER (the server alone, on the data of the first start): $START_ALONE s from its launch to /api/v1/health 200"
ROUTER_LINE_2=$(router_start_line "$WORK/router-start-2")
echo "  $ROUTER_LINE_2"
echo "  the server's JVM (less its --add-opens/--add-exports): $(tr '\0' '\n' < "/proc/$(server_pid)/cmdline" \
    | grep -v -e '^--add-' -e '=ALL-UNNAMED$' | tr '\n' ' ')"

# 3. The samples, deployed as the README does.
PAASMAKER_SERVER=http://localhost:$PAASMAKER_HTTP_PORT PAASMAKER_TOKEN=$(cat "$PAASMAKER_HOME/token")
export PAASMAKER_SERVER PAASMAKER_TOKEN
bin/paasmaker workspace create Footprint --stub footprint > /dev/null
for app in "${SAMPLES[@]}"; do
    started=$(now)
    bin/paasmaker deploy "samples/$app" --workspace footprint --router-port "$PAASMAKER_ROUTER_PORT" > "$WORK/deploy-$app.log" 2>&1 \
        || { cat "$WORK/deploy-$app.log" >&2; exit 1; }
    until_200 60 -H "Host: $app.localhost" "$ROUTER/"
    echo "deployed samples/$app: $(seconds "$(now)" "$started") s to its first 200 through the router"
done

watch_process "server (Liberty + engine)" server_pid
watch_process "router process" "record_pid $PAASMAKER_HOME/router/process/router.json"
backend_ports() {  # application: the ports of its instances, from the routing table
    bin/paasmaker route list -o json | python3 -c 'import json, sys
for route in json.load(sys.stdin)["routes"]:
    if route["hostname"] == sys.argv[1] + ".localhost":
        print(" ".join(str(target["port"]) for target in route["targets"])); break' "$1"
}
declare -A BACKEND INSTANCES
for app in "${SAMPLES[@]}"; do
    ports=$(backend_ports "$app")
    [ -n "$ports" ] || { echo "no route to $app.localhost" >&2; bin/paasmaker route list >&2; exit 1; }
    BACKEND[$app]=${ports%% *}
    label="instance $app"
    [ "$ports" = "${BACKEND[$app]}" ] || label="instances of $app (ports $ports)"
    INSTANCES[$app]=$label
    watch_process "$label" "for port in $ports; do group_of \$(listener_on \$port); done"
done
# Each instance's output goes through a log writer (svlogd) of its own; managed database servers keep
# their records under services/ (none for hello-python and hello-java).
watch_process "log writers (svlogd)" "recorded_pids $PAASMAKER_HOME/log-writers/*.json"
# Each managed server with its descendants (PostgreSQL's postmaster and its backends, each of which
# makes a process group of its own).
for record in $(service_records); do
    watch_process "managed server $(basename "$(dirname "$(dirname "$record")")") ($(basename "$record" .json))" \
        "for pid in \$(recorded_pids $record); do echo \$pid; descendants \$pid; done"
done

# 4. nginx beside them: the same body from a file, and a reverse proxy in front of the instance.
nginx_watched() {  # directory, label, port, server body: start_nginx's nginx (bench/lib/proxies.sh), measured as label
    start_nginx "$1" "server { listen 127.0.0.1:$3; $4 }"
    watch_process "$2" "echo ${PIDS[-1]}; pgrep -P ${PIDS[-1]}"
}
declare -A NGINX_PORT PROXY_PORT
for app in $LOAD_APPS; do
    mkdir -p "$WORK/www-$app"
    curl -sf -H "Host: $app.localhost" "$ROUTER/" > "$WORK/www-$app/body"
    NGINX_PORT[$app]=$(free_port)
    nginx_watched "nginx-body-$app" "nginx serving $app's body" "${NGINX_PORT[$app]}" \
        "location / { root $WORK/www-$app; default_type application/json; try_files /body =404; }"
    PROXY_PORT[$app]=$(free_port)
    nginx_watched "nginx-proxy-$app" "nginx proxy to $app" "${PROXY_PORT[$app]}" "location / {
        proxy_pass http://127.0.0.1:${BACKEND[$app]}; proxy_http_version 1.1; proxy_set_header Connection \"\";
        proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; }"
done
for app in $LOAD_APPS; do
    until_200 30 "http://127.0.0.1:${NGINX_PORT[$app]}/"
    until_200 30 "http://127.0.0.1:${PROXY_PORT[$app]}/"
done

# 5. Idle, after settling.
echo "settling for $SETTLE s"
sleep "$SETTLE"
echo "idle:"
printf '  %-44s %-24s %10s %10s\n' process pids "RSS MB" "PSS MB"
for label in "${LABELS[@]}"; do
    read -r -a pids <<< "$(pids_of "$label")"
    IDLE_RSS[$label]=$(mb "$(rss_kb "${pids[@]}")")
    IDLE_PSS[$label]=$( [ ${#pids[@]} -gt 0 ] && mb "$(pss_kb "${pids[@]}")" || echo -)
    printf '  %-44s %-24s %10s %10s\n' "$label" "${pids[*]:-none}" "${IDLE_RSS[$label]}" "${IDLE_PSS[$label]}"
done

# 6. Under load: wrk for DURATION, each process's RSS sampled every 0.5 s (the peak kept), and right after.
load() {  # name, url, host header, labels of the processes to watch...
    local name=$1 url=$2 host=$3
    shift 3
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Host: $host" "$url" > "$WORK/wrk.out" &
    local wrk=$! label peak=() i
    PIDS+=("$wrk")
    for ((i = 0; i < $#; i++)); do peak[i]=0; done
    while kill -0 "$wrk" 2>/dev/null; do
        i=0
        for label in "$@"; do
            read -r -a pids <<< "$(pids_of "$label")"
            local kb
            kb=$(rss_kb "${pids[@]}")
            [ "$kb" -gt "${peak[i]:-0}" ] && peak[i]=$kb
            i=$((i + 1))
        done
        sleep 0.5
    done
    wait "$wrk" || true
    local rps errors
    rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$WORK/wrk.out")
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$WORK/wrk.out" | tr '\n' ' ')
    RPS[$name]=$rps
    LOADS+=("$name")
    echo "  $name: $rps req/s $errors"
    i=0
    for label in "$@"; do
        read -r -a pids <<< "$(pids_of "$label")"
        LOAD_RSS["$name/$label"]=$(mb "${peak[i]}")
        AFTER_RSS["$name/$label"]=$(mb "$(rss_kb "${pids[@]}")")
        printf '    %-44s peak %8s MB, right after %8s MB\n' "$label" "${LOAD_RSS["$name/$label"]}" "${AFTER_RSS["$name/$label"]}"
        [ -n "${pids[*]}" ] || echo "    WARNING: $label no longer runs after $name"
        i=$((i + 1))
    done
}
echo "under load: wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
for app in $LOAD_APPS; do
    load "router -> $app" "$ROUTER/" "$app.localhost" "router process" "server (Liberty + engine)" "${INSTANCES[$app]}"
    # The direct load and the proxy's reach the first instance alone.
    load "direct $app" "http://127.0.0.1:${BACKEND[$app]}/" "$app.localhost" "${INSTANCES[$app]}"
    load "nginx proxy -> $app" "http://127.0.0.1:${PROXY_PORT[$app]}/" "$app.localhost" "nginx proxy to $app" "${INSTANCES[$app]}"
    load "nginx serving $app's body" "http://127.0.0.1:${NGINX_PORT[$app]}/" localhost "nginx serving $app's body"
done

# 7. Optionally a node agent, idle, started as the README does.
AGENT_RSS=- AGENT_PSS=-
if [ "$AGENT" = true ]; then
    mkdir -p "$WORK/agent"
    # As the README runs it: its launcher (the README's JVM options and the agent's CDS archive, made by the
    # launcher's first run if the build left none).
    bin/paasmaker-agent --controller "http://127.0.0.1:$PAASMAKER_CLUSTER_PORT" \
        --token-file "$WORK/node-token" --address 127.0.0.2 --home "$WORK/agent" --name footprint-agent \
        --ports "$AGENT_PORTS" --port "$(free_port)" > "$WORK/agent.log" 2>&1 &
    AGENT_PID=$!
    PIDS+=("$AGENT_PID")
    for _ in $(seq 1 600); do
        bin/paasmaker node list -o json 2>/dev/null | grep -q '"footprint-agent"' && break
        kill -0 "$AGENT_PID" 2>/dev/null || { cat "$WORK/agent.log" >&2; exit 1; }
        sleep 0.1
    done
    sleep "$SETTLE"
    AGENT_RSS=$(mb "$(rss_kb "$AGENT_PID")")
    AGENT_PSS=$(mb "$(pss_kb "$AGENT_PID")")
    echo "node agent (pid $AGENT_PID), registered and idle for $SETTLE s: $AGENT_RSS MB resident, PSS $AGENT_PSS MB"
fi

# 8. The summary.
echo
echo "summary ($(uptime | sed 's/.*load average/load average/'))"
echo "  start: mvn liberty:run $START_MVN s; the server alone (server start) $START_ALONE s"
echo "  $ROUTER_LINE_1 (with mvn liberty:run)"
echo "  $ROUTER_LINE_2 (with server start)"
echo "  Maven's JVM under mvn liberty:run: $(mb "$MVN_RSS") MB resident right after the start, $(mb "$MVN_SETTLED_RSS") MB after $SETTLE s"
printf '  %-44s %9s %9s %s\n' "resident memory, MB" "idle RSS" "idle PSS" "peak under load / right after (wrk through ...)"
for label in "${LABELS[@]}"; do
    loads=
    for name in "${LOADS[@]}"; do
        [ -n "${LOAD_RSS["$name/$label"]:-}" ] || continue
        loads+="${LOAD_RSS["$name/$label"]} / ${AFTER_RSS["$name/$label"]} ($name); "
    done
    if [ -z "$(pids_of "$label")" ]; then
        printf '  %-44s %9s\n' "$label" none
    else
        printf '  %-44s %9s %9s %s\n' "$label" "${IDLE_RSS[$label]}" "${IDLE_PSS[$label]}" "${loads:-}"
    fi
done
[ "$AGENT" = true ] && printf '  %-44s %9s %9s\n' "node agent" "$AGENT_RSS" "$AGENT_PSS"
# The platform with its applications, idle: every process measured but nginx's (and Maven's, which the
# server alone does without).
total_rss=0 total_pss=0
for label in "${LABELS[@]}"; do
    case $label in nginx*) continue ;; esac
    total_rss=$(awk -v a="$total_rss" -v b="${IDLE_RSS[$label]}" 'BEGIN { printf "%.1f", a + b }')
    total_pss=$(awk -v a="$total_pss" -v b="${IDLE_PSS[$label]}" 'BEGIN { printf "%.1f", a + b }')
done
printf '  %-44s %9s %9s\n' "the platform with the samples, idle" "$total_rss" "$total_pss"
echo "  req/s:"
for name in "${LOADS[@]}"; do printf '    %-44s %8s\n' "$name" "${RPS[$name]}"; done
