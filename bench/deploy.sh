#!/usr/bin/env bash
# How long a deploy takes, on this machine, through the server as a user drives it with curl:
#   * the server's start: from launching Liberty to the first 200 from /api/v1/health;
#   * for samples/hello-java: from "create version" (the POST of its .tar.gz) to the first 200 through
#     its hostname on the router, following each job's event stream as the README does (prepare,
#     start, make-current, then the router);
#   * the application's own start: its launch command run by hand on the code the platform prepared,
#     until it answers 200 (the median of a few runs);
#   * the latency of each job's end event: from the job's end (its finishedAt) to the event's arrival;
#   * the same deploy through `bin/paasmaker deploy` (a second version), launch to the first 200 through
#     its own hostname (the command line's JVM start included);
# and ends with `platform seconds: <deploy time less the application's own start>` for both.
#
# It runs a Liberty server of its own (its own user directory, PAASMAKER_HOME and free ports, all in a
# temporary directory), never the one `mvn liberty:run` or `mvn verify` use, and stops it, its router
# and its instances, and deletes the directory, at the end, whatever happens.
#
# Knobs (environment): APP_RUNS=3 (runs of the application's own start), PORTS=44600-44699 (instance
#   ports), WLP (a Liberty install to use; by default the build's, else the runtime zip unpacked here),
#   BUILD=false (use the war already built), MAVEN_REPO=~/.m2/repository (the runtime zip, Derby)
set -euo pipefail
cd "$(dirname "$0")/.."

APP_RUNS=${APP_RUNS:-3}
PORTS=${PORTS:-44600-44699}
BUILD=${BUILD:-true}
SAMPLE=samples/hello-java
HOSTNAME_=hello-java.localhost
SERVER=paasmaker-bench

property() {  # a property of the root pom
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1
}
now() {
    date +%s.%N
}
seconds() {  # end start: the difference, to the millisecond
    awk -v end="$1" -v start="$2" 'BEGIN { printf "%.3f", end - start }'
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
until_200() {  # seconds, curl's arguments: asks every 10 ms until the answer is 200; REQUESTS counts the asks
    local within=$1 end=$((SECONDS + $1))
    shift
    REQUESTS=1
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "$@")" = 200 ]; do
        if [ "$SECONDS" -ge "$end" ]; then
            echo "no 200 from curl $* within $within s" >&2
            exit 1
        fi
        sleep 0.01
        REQUESTS=$((REQUESTS + 1))
    done
}
# The answers are read with sed, as the README's walkthrough does: in the timed part, a python3 per
# answer would add its own start to the figure.
job_id() {
    sed -n 's/.*"jobId":"\([^"]*\)".*/\1/p'
}

if [ "$BUILD" = true ]; then
    mvn -q -o package -DskipTests
fi
WAR=$PWD/paasmaker-war/target/paasmaker.war
[ -f "$WAR" ] || { echo "no $WAR: build it first (mvn -q -o package -DskipTests)" >&2; exit 1; }
REPO=${MAVEN_REPO:-$HOME/.m2/repository}

WORK=$(mktemp -d /tmp/paasmaker-deploy-bench.XXXXXX)
PAASMAKER_HTTP_PORT=$(free_port)
PAASMAKER_ROUTER_PORT=$(free_port)
# Liberty's script hands its environment to the server, whose server.xml and settings read these.
export WLP_USER_DIR=$WORK/usr PAASMAKER_HOME=$WORK/home PAASMAKER_PORTS=$PORTS PAASMAKER_HTTP_PORT PAASMAKER_ROUTER_PORT
PM=http://localhost:$PAASMAKER_HTTP_PORT/api/v1
APP_PID=
SERVER_LAUNCHED=false

WLP=${WLP:-paasmaker-war/target/liberty/wlp}
if [ ! -x "$WLP/bin/server" ]; then
    echo "unpacking the Liberty runtime (not measured)" >&2
    unzip -q "$REPO/io/openliberty/openliberty-runtime/$(property openliberty.version)/openliberty-runtime-$(property openliberty.version).zip" -d "$WORK"
    WLP=$WORK/wlp
fi

cleanup() {
    set +e
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null; fi
    for version in ${VERSION:-} ${CLI_VERSION:-}; do
        [ -n "${AUTH:-}" ] || break
        # Through the engine first: it stops its instances and deletes their files.
        for verb in stop deregister; do
            job=$(curl -s -H "$AUTH" -X POST "$PM/versions/$version/$verb" | job_id) \
                && curl -s -N -m 60 -H "$AUTH" "$PM/jobs/$job/events" > /dev/null
        done
    done
    if [ "$SERVER_LAUNCHED" = true ]; then
        "$WLP/bin/server" stop "$SERVER" > /dev/null
    fi
    # What the server leaves running on purpose: its router and any instance the API did not stop.
    for record in "$PAASMAKER_HOME"/router/process/*.json "$PAASMAKER_HOME"/processes/*.json; do
        [ -f "$record" ] || continue
        pid=$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$record")
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

# The server: the repository's server.xml, its Derby jars, and the war at the root, as liberty:run has them.
SERVER_DIR=$WLP_USER_DIR/servers/$SERVER
mkdir -p "$SERVER_DIR/jdbc" "$SERVER_DIR/configDropins/overrides"
cp liberty-config/server.xml "$SERVER_DIR/"
for jar in derby derbyshared derbytools; do
    cp "$REPO/org/apache/derby/$jar/$(property derby.version)/$jar-$(property derby.version).jar" "$SERVER_DIR/jdbc/$jar.jar"
done
cat > "$SERVER_DIR/configDropins/overrides/paasmaker-bench.xml" <<XML
<server><webApplication id="paasmaker" location="$WAR" contextRoot="/"/></server>
XML

echo "server: Liberty $WLP, user directory $WLP_USER_DIR, API port $PAASMAKER_HTTP_PORT, router port $PAASMAKER_ROUTER_PORT"
LAUNCH=$(now)
SERVER_LAUNCHED=true
"$WLP/bin/server" start "$SERVER" > /dev/null
until_200 300 "$PM/health"
READY=$(now)
echo "server start: $(seconds "$READY" "$LAUNCH") s (launch to /api/v1/health 200)"
AUTH="Authorization: Bearer $(cat "$PAASMAKER_HOME/token")"

follow() {  # job: waits for its end event and fails unless it succeeded; notes how long after the job ended it came
    local end_event received state finished
    # awk asks for the time the moment the end event's data arrives; the root's state and finish come
    # last in its data (after its children's), so the greedy sed patterns below take the root's.
    end_event=$(curl -s -N -m 600 -H "$AUTH" "$PM/jobs/$1/events" \
        | awk '/^event: *end/ { end = 1 } end && /^data:/ { "date +%s.%N" | getline now; print now; print; exit }')
    received=$(printf '%s\n' "$end_event" | head -1)
    state=$(printf '%s\n' "$end_event" | sed -n 's/^data:.*"state":"\([A-Z]*\)".*/\1/p')
    finished=$(printf '%s\n' "$end_event" | sed -n 's/^data:.*"finishedAt":"\([^"]*\)".*/\1/p')
    if [ "$state" != SUCCESS ]; then
        echo "job $1 ended $state:" >&2
        curl -s -H "$AUTH" "$PM/jobs/$1/log" >&2
        exit 1
    fi
    END_EVENT_LATENCIES+=("$(awk -v r="$received" -v f="$(date -d "$finished" +%s.%N)" 'BEGIN { printf "%.1f", (r - f) * 1000 }')")
}
steps() {  # job: each job of its tree with its own duration, indented by depth
    curl -s -H "$AUTH" "$PM/jobs/$1" | python3 -c 'import json, sys
from datetime import datetime
def at(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None
def show(job, depth):
    start, end = at(job.get("startedAt")), at(job.get("finishedAt"))
    took = "%.3f s" % (end - start).total_seconds() if start and end else "-"
    print("    %s%-*s %9s" % ("  " * depth, 60 - 2 * depth, job["title"], took))
    for child in job.get("children", []):
        show(child, depth + 1)
show(json.load(sys.stdin), 0)'
}

curl -s -H "$AUTH" -H 'Content-Type: application/json' -d '{"name": "Bench", "stub": "bench"}' "$PM/workspaces" > /dev/null
tar czf "$WORK/hello-java.tgz" -C "$SAMPLE" .

END_EVENT_LATENCIES=()
T0=$(now)
ACCEPTED=$(curl -s -H "$AUTH" -H 'Content-Type: application/gzip' --data-binary @"$WORK/hello-java.tgz" \
    "$PM/workspaces/bench/versions")
PREPARE=$(printf '%s' "$ACCEPTED" | job_id)
# The answer names the new version: {"jobId", ..., "version": {"id", "number", ...}, "application": {...}}.
VERSION=$(printf '%s' "$ACCEPTED" | sed -n 's/.*"version":{[^}]*"id":\([0-9]*\).*/\1/p')
follow "$PREPARE"
PREPARED=$(now)
START=$(curl -s -H "$AUTH" -X POST "$PM/versions/$VERSION/start" | job_id)
follow "$START"
STARTED=$(now)
CURRENT=$(curl -s -H "$AUTH" -X POST "$PM/versions/$VERSION/make-current" | job_id)
follow "$CURRENT"
MADE_CURRENT=$(now)
until_200 60 -H "Host: $HOSTNAME_" "http://127.0.0.1:$PAASMAKER_ROUTER_PORT/"
T1=$(now)

echo "deploy of $SAMPLE, create version to the first 200 through $HOSTNAME_: $(seconds "$T1" "$T0") s"
echo "  prepare (upload, job, its end event):   $(seconds "$PREPARED" "$T0") s"
steps "$PREPARE"
echo "  start (until its job ended):            $(seconds "$STARTED" "$PREPARED") s"
steps "$START"
echo "  make-current (until its job ended):     $(seconds "$MADE_CURRENT" "$STARTED") s"
steps "$CURRENT"
echo "  then the first 200 through the router:  $(seconds "$T1" "$MADE_CURRENT") s ($REQUESTS requests)"
echo "job end to its end event at the client (prepare, start, make-current): ${END_EVENT_LATENCIES[*]} ms"

# The same deploy through the command line, as a user types it: a second version of the same code,
# from the directory (packed while it uploads), until its own hostname answers.
PAASMAKER_SERVER=http://localhost:$PAASMAKER_HTTP_PORT PAASMAKER_TOKEN=$(cat "$PAASMAKER_HOME/token")
export PAASMAKER_SERVER PAASMAKER_TOKEN
T2=$(now)
# Each line it prints is stamped with the seconds since its launch, to show where the time goes.
bin/paasmaker deploy "$SAMPLE" --workspace bench --router-port "$PAASMAKER_ROUTER_PORT" 2>&1 \
    | T2="$T2" perl -MTime::HiRes=time -ne 'printf "%6.3f s  %s", time - $ENV{T2}, $_' > "$WORK/cli-deploy.log"
CLI_DONE=$(now)
until_200 60 -H "Host: 2.web.hello-java.bench.localhost" "http://127.0.0.1:$PAASMAKER_ROUTER_PORT/"
T3=$(now)
CLI_VERSION=$(bin/paasmaker version list bench/hello-java -o json | python3 -c 'import json, sys; print(max(v["id"] for v in json.load(sys.stdin)))')
echo "paasmaker deploy $SAMPLE (version 2), launch to the first 200 through 2.web.hello-java.bench.localhost: $(seconds "$T3" "$T2") s"
echo "  the command ran:                        $(seconds "$CLI_DONE" "$T2") s"
sed 's/^/    /' "$WORK/cli-deploy.log"
# The command line's own cost: a call that does nothing but ask the server (its JVM and the SDK's start).
WARM_CALL_START=$(now)
bin/paasmaker workspace list > /dev/null
echo "  one 'paasmaker workspace list' (the command line's start and one call): $(seconds "$(now)" "$WARM_CALL_START") s"

# The application's own start: its launch command on the code the platform prepared, until it answers.
CODE=$(dirname "$(dirname "$(find "$PAASMAKER_HOME/instances" -path '*/classes/Hello.class' -print -quit)")")
APP_STARTS=()
for _ in $(seq 1 "$APP_RUNS"); do
    port=$(free_port)
    launched=$(now)
    (cd "$CODE" && exec java -cp lib/paasmaker-environment.jar:classes Hello "$port") > /dev/null 2>&1 &
    APP_PID=$!
    until_200 60 "http://127.0.0.1:$port/"
    APP_STARTS+=("$(seconds "$(now)" "$launched")")
    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
done
APP_START=$(printf '%s\n' "${APP_STARTS[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "the application's own start (java -cp lib/paasmaker-environment.jar:classes Hello <port> until 200), median of ${APP_STARTS[*]}: $APP_START s"
echo "platform seconds (curl walk): $(seconds "$(seconds "$T1" "$T0")" "$APP_START")"
echo "platform seconds (paasmaker deploy): $(seconds "$(seconds "$T3" "$T2")" "$APP_START")"
