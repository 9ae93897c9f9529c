#!/usr/bin/env bash
# What placing 200 instances over 10 nodes costs the default placement plugin (JMH, time for all 200).
# Usage: bench/placement.sh [JMH options, e.g. -f 3 -wi 5]
set -euo pipefail
cd "$(dirname "$0")/.."

# -am: the engine comes from this work tree, never from a jar some other build installed.
mvn -q -pl paasmaker-bench -am package -DskipTests
exec java -cp "paasmaker-bench/target/classes:paasmaker-bench/target/lib/*" org.openjdk.jmh.Main PlacementBenchmark "$@"
