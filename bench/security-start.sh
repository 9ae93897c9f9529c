#!/usr/bin/env bash
# What Jakarta Security (Liberty's appSecurity-5.0) costs the server's start: the war and server.xml of
# this working tree against those of BASE (by default the commit before Jakarta Security came), each
# started ROUNDS times, alternately, on a fresh data directory the first round and the same one after.
# For each start it prints the time from launching Liberty to the first 200 from /api/v1/health, and
# Liberty's own figures (the server's CWWKF0011I, the application's CWWKZ0001I); then the medians of
# the rounds after the first.
#
# It builds BASE's war in a clone of its own (mvn -o package, no install) and runs both servers in a
# temporary user directory with their own PAASMAKER_HOME and free ports, never the servers of
# `mvn liberty:run` or `mvn verify`; at the end it stops them and their routers and deletes it all.
#
# Knobs (environment): BASE=<commit> (default: the parent of the commit that added appSecurity-5.0),
#   ROUNDS=5, BUILD=false (use this tree's war as built), MAVEN_REPO=~/.m2/repository
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
BUILD=${BUILD:-true}
BASE=${BASE:-$(git log -n 1 --format=%H -S '<feature>appSecurity-5.0</feature>' -- liberty-config/server.xml)^}
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
WLP=paasmaker-war/target/liberty/wlp

property() {  # a property of the root pom
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

[ -x "$WLP/bin/server" ] || { echo "no Liberty in $WLP: run the war's integration tests once (mvn -o -pl paasmaker-war -am verify)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/paasmaker-security-start.XXXXXX)
RUNNING=
cleanup() {
    set +e
    [ -n "$RUNNING" ] && WLP_USER_DIR=$WORK/usr "$WLP/bin/server" stop "$RUNNING" > /dev/null
    for record in "$WORK"/home-*/router/process/*.json; do
        [ -f "$record" ] || continue
        pid=$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$record")
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$BUILD" = true ]; then
    mvn -q -o -pl paasmaker-war -am package -DskipTests
fi
echo "building the war of $(git log -n 1 --format='%h %s' "$BASE" | cut -c1-80) (not measured)" >&2
git clone -q . "$WORK/base"
git -C "$WORK/base" checkout -q "$BASE"
(cd "$WORK/base" && mvn -q -o -pl paasmaker-war -am package -DskipTests)

# "with": this tree; "without": BASE. Each its own server.xml, war, Derby jars and ports.
for variant in with without; do
    src=$([ $variant = with ] && echo . || echo "$WORK/base")
    dir=$WORK/usr/servers/$variant
    mkdir -p "$dir/jdbc" "$dir/configDropins/overrides"
    cp "$src/liberty-config/server.xml" "$dir/"
    for jar in derby derbyshared derbytools; do
        cp "$REPO/org/apache/derby/$jar/$(property derby.version)/$jar-$(property derby.version).jar" "$dir/jdbc/$jar.jar"
    done
    echo "<server><webApplication id=\"paasmaker\" location=\"$(cd "$src" && pwd)/paasmaker-war/target/paasmaker.war\" contextRoot=\"/\"/></server>" \
        > "$dir/configDropins/overrides/paasmaker-bench.xml"
    printf 'PAASMAKER_HOME=%s\nPAASMAKER_HTTP_PORT=%s\nPAASMAKER_ROUTER_PORT=%s\n' "$WORK/home-$variant" \
        "$(free_port)" "$(free_port)" > "$dir/server.env"
done

for round in $(seq 1 "$ROUNDS"); do
    for variant in without with; do
        dir=$WORK/usr/servers/$variant
        port=$(sed -n 's/^PAASMAKER_HTTP_PORT=//p' "$dir/server.env")
        launch=$(date +%s.%N)
        RUNNING=$variant
        WLP_USER_DIR=$WORK/usr "$WLP/bin/server" start "$variant" > /dev/null
        end=$((SECONDS + 300))
        until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/api/v1/health")" = 200 ]; do
            [ "$SECONDS" -lt "$end" ] || { echo "server $variant gave no 200 within 300 s" >&2; exit 1; }
            sleep 0.05
        done
        ready=$(awk -v a="$(date +%s.%N)" -v b="$launch" 'BEGIN { printf "%.3f", a - b }')
        log=$dir/logs/messages.log
        server=$(grep -o 'started in [0-9.]* seconds' <(grep CWWKF0011I "$log") | grep -o '[0-9.]*' | tail -1)
        app=$(grep -o 'started in [0-9.]* seconds' <(grep CWWKZ0001I "$log") | grep -o '[0-9.]*' | tail -1)
        echo "round $round, $variant Jakarta Security: health 200 after $ready s; Liberty: server ${server:-?} s, application ${app:-?} s"
        [ "$round" -gt 1 ] && echo "$ready" >> "$WORK/ready-$variant"
        WLP_USER_DIR=$WORK/usr "$WLP/bin/server" stop "$variant" > /dev/null
        RUNNING=
        mv "$log" "$log.$round"
    done
done
if [ "$ROUNDS" -gt 1 ]; then
    for variant in without with; do
        echo "median launch to health 200, rounds 2-$ROUNDS, $variant Jakarta Security: $(median < "$WORK/ready-$variant") s"
    done
fi
