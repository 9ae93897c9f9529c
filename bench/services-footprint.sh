#!/usr/bin/env bash
# Issue 20's figures for the managed PostgreSQL, MariaDB and Redis servers (docs/benchmarks.md,
# "Footprint (issue 20): the managed database servers"): each server's RSS summed over its processes
# and PSS, idle after a start, with 4 connections open after ROWS (default 500) inserts and selects
# (SETs and GETs for Redis), and idle again once they closed. Runs <Kind>FootprintFiguresTest RUNS
# times (default 3) for each of KINDS (default "Postgres Mysql Redis"); needs Debian's postgresql,
# mariadb-server and redis-server.
set -euo pipefail
cd "$(dirname "$0")/.."
for kind in ${KINDS:-Postgres Mysql Redis}; do
  for run in $(seq "${RUNS:-3}"); do
    echo "$kind, run $run"
    mvn -q -o test -pl paasmaker-engine -am -Dtest="${kind}FootprintFiguresTest" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dpaasmaker.figures=true -Dpaasmaker.figures.rows="${ROWS:-500}" 2>&1 | grep -E '^managed .* footprint'
  done
done
