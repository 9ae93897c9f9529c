#!/usr/bin/env bash
# The managed PostgreSQL server's figures for docs/benchmarks.md: its first start (initdb included),
# a start of its existing directory, creating and dropping a database and role (10 rounds), and its
# memory when idle next to a server on initdb's (and Debian's) defaults. Runs
# ManagedPostgresFiguresTest RUNS times (default 3) and prints its lines; needs Debian's postgresql.
set -euo pipefail
cd "$(dirname "$0")/.."
for run in $(seq "${RUNS:-3}"); do
  echo "run $run"
  mvn -q test -pl paasmaker-engine -am -Dtest=ManagedPostgresFiguresTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep -E '^(managed PostgreSQL|create database|idle memory)'
done
