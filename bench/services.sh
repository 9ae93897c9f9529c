#!/usr/bin/env bash
# The managed database servers' figures for docs/benchmarks.md, per kind: the first start (initdb or
# mariadb-install-db included), a start of the existing directory, creating and dropping a database and
# its role or user (10 rounds), and the memory when idle next to a server on Debian's configuration.
# Runs Managed<Kind>FiguresTest RUNS times (default 3) for each of KINDS (default "Postgres Mysql") and
# prints its lines; needs Debian's postgresql and mariadb-server. bench/postgres.sh is KINDS=Postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
for kind in ${KINDS:-Postgres Mysql}; do
  for run in $(seq "${RUNS:-3}"); do
    echo "$kind, run $run"
    mvn -q test -pl paasmaker-engine -am -Dtest="Managed${kind}FiguresTest" -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
      | grep -E '^(managed (PostgreSQL|MariaDB)|create database|idle memory)'
  done
done
