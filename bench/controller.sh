#!/usr/bin/env bash
# The leading controller's health round and route computation on PostgreSQL with 10,000 versions and
# 20,000 running instances (issue 18): runs ControllerRoundsFiguresTest (paasmaker-war's tests), which
# starts Debian's PostgreSQL through the tests' SharedPostgres, fills it through the JpaStore on a
# HikariCP pool and prints the median and 95th percentile of ROUNDS rounds of each after WARM_UP.
# A JUnit test rather than a script of its own, as it needs the store's persistence unit, its
# migrations and the engine's classes wired as the server wires them, which the test class path has.
#
# Knobs (environment): ROUNDS=50, WARM_UP=10.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -pl paasmaker-war -am test -Dtest=ControllerRoundsFiguresTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dpaasmaker.figures=true -Dpaasmaker.figures.rounds="${ROUNDS:-50}" -Dpaasmaker.figures.warmUp="${WARM_UP:-10}" \
    2>&1 | grep -E '^(Filled|Controller on|  node calls)|ERROR|FAIL'
