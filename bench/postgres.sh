#!/usr/bin/env bash
# The managed PostgreSQL server's figures for docs/benchmarks.md: bench/services.sh for PostgreSQL alone.
set -euo pipefail
KINDS=Postgres exec "$(dirname "$0")/services.sh" "$@"
