#!/usr/bin/env bash
# The server's start on its embedded Derby against the same server on PostgreSQL (issue 18): the war and
# server.xml of this working tree, started ROUNDS times on each, alternately, on a fresh database the
# first round (the schema migrations run then) and the same one after. For each start it prints the time
# from launching Liberty to the first 200 from /api/v1/health, and Liberty's own figures (the server's
# CWWKF0011I, the application's CWWKZ0001I); then the medians of the rounds after the first.
#
# PostgreSQL is Debian's newest (/usr/lib/postgresql/<major>/bin), in a data directory of the script's
# own on a free port (run as the postgres user when the script runs as root, as PostgreSQL refuses root).
# Both servers run in a temporary user directory with their own PAASMAKER_HOME and free ports, never the
# servers of `mvn liberty:run` or `mvn verify`; at the end it stops them, their routers and PostgreSQL,
# and deletes it all.
#
# Knobs (environment): ROUNDS=5, BUILD=false (use this tree's war as built), MAVEN_REPO=~/.m2/repository
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
BUILD=${BUILD:-true}
REPO=${MAVEN_REPO:-$HOME/.m2/repository}
WLP=paasmaker-war/target/liberty/wlp
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

property() {  # a property of the root pom
    sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

[ -x "$WLP/bin/server" ] || { echo "no Liberty in $WLP: run the war's integration tests once (mvn -o -pl paasmaker-war -am verify)" >&2; exit 1; }
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server: install Debian's postgresql package" >&2; exit 1; }
WORK=$(mktemp -d /tmp/paasmaker-database-start.XXXXXX)
PGDIR=$(mktemp -d /tmp/paasmaker-database-start-pg.XXXXXX)
RUNNING=
cleanup() {
    set +e
    [ -n "$RUNNING" ] && WLP_USER_DIR=$WORK/usr "$WLP/bin/server" stop "$RUNNING" > /dev/null
    for record in "$WORK"/home-*/router/process/*.json; do
        [ -f "$record" ] || continue
        pid=$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$record")
        kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null
    done
    [ -f "$PGDIR/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop > /dev/null
    rm -rf "$WORK" "$PGDIR"
}
trap cleanup EXIT

if [ "$BUILD" = true ]; then
    mvn -q -o -pl paasmaker-war -am package -DskipTests
fi

[ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
PGPORT=$(free_port)
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --no-locale \
    -E UTF8 > "$PGDIR/initdb.log"
as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/postgres.log" -w \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1" start > /dev/null
as_postgres "$PGBIN/psql" -q -h "$PGDIR" -p "$PGPORT" -U postgres \
    -c "CREATE ROLE paasmaker LOGIN PASSWORD '$PASSWORD'" -c "CREATE DATABASE paasmaker OWNER paasmaker"

for variant in derby postgresql; do
    dir=$WORK/usr/servers/$variant
    mkdir -p "$dir/jdbc" "$dir/configDropins/overrides"
    cp liberty-config/server.xml "$dir/"
    for jar in derby derbyshared derbytools; do
        cp "$REPO/org/apache/derby/$jar/$(property derby.version)/$jar-$(property derby.version).jar" "$dir/jdbc/$jar.jar"
    done
    cp "$REPO/org/postgresql/postgresql/$(property postgresql.version)/postgresql-$(property postgresql.version).jar" \
        "$dir/jdbc/postgresql.jar"
    echo "<server><webApplication id=\"paasmaker\" location=\"$PWD/paasmaker-war/target/paasmaker.war\" contextRoot=\"/\"/></server>" \
        > "$dir/configDropins/overrides/paasmaker-bench.xml"
    printf 'PAASMAKER_HOME=%s\nPAASMAKER_HTTP_PORT=%s\nPAASMAKER_ROUTER_PORT=%s\n' "$WORK/home-$variant" \
        "$(free_port)" "$(free_port)" > "$dir/server.env"
done
printf 'PAASMAKER_DATABASE_URL=jdbc:postgresql://127.0.0.1:%s/paasmaker\nPAASMAKER_DATABASE_USER=paasmaker\nPAASMAKER_DATABASE_PASSWORD=%s\n' \
    "$PGPORT" "$PASSWORD" >> "$WORK/usr/servers/postgresql/server.env"

for round in $(seq 1 "$ROUNDS"); do
    for variant in derby postgresql; do
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
        migrations=$(grep -o 'now at version v[0-9]* (execution time [0-9:.]*s)\|is up to date' "$log" | tail -1)
        echo "round $round, $variant: health 200 after $ready s; Liberty: server ${server:-?} s, application ${app:-?} s; schema: ${migrations:-?}"
        [ "$round" -gt 1 ] && echo "$ready" >> "$WORK/ready-$variant"
        WLP_USER_DIR=$WORK/usr "$WLP/bin/server" stop "$variant" > /dev/null
        RUNNING=
        mv "$log" "$log.$round"
    done
done
if [ "$ROUNDS" -gt 1 ]; then
    for variant in derby postgresql; do
        echo "median launch to health 200, rounds 2-$ROUNDS, $variant: $(median < "$WORK/ready-$variant") s"
    done
fi
