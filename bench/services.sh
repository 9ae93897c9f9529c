#!/usr/bin/env bash
# The managed service servers' figures for docs/benchmarks.md, per kind. PostgreSQL and MariaDB: the
# first start (initdb or mariadb-install-db included), a start of the existing directory, creating and
# dropping a database and its role or user (10 rounds), the memory when idle next to a server on Debian's
# configuration. Redis: making and removing a service (its own redis-server), a cold start, the memory
# idle next to Debian's redis.conf. Runs Managed<Kind>FiguresTest RUNS times (default 3) for each of
# KINDS (default "Postgres Mysql Redis") and prints its lines; needs Debian's postgresql, mariadb-server
# and redis-server. bench/postgres.sh is KINDS=Postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
for kind in ${KINDS:-Postgres Mysql Redis}; do
  for run in $(seq "${RUNS:-3}"); do
    echo "$kind, run $run"
    mvn -q test -pl paasmaker-engine -am -Dtest="Managed${kind}FiguresTest" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
      | grep -E '^(managed (PostgreSQL|MariaDB|Redis)|create database|idle memory)'
  done
done
