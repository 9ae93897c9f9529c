#!/usr/bin/env bash
# The cost of one route lookup in a table of 100,000 hostnames (JMH, average time per lookup).
# Usage: bench/lookup.sh [JMH options, e.g. -f 3 -wi 5]
set -euo pipefail
cd "$(dirname "$0")/.."

# -am: the router comes from this work tree, never from a jar some other build installed.
mvn -q -pl paasmaker-bench -am package -DskipTests
exec java -cp "paasmaker-bench/target/classes:paasmaker-bench/target/lib/*" org.openjdk.jmh.Main RouteLookupBenchmark "$@"
