#!/bin/sh
# Stops the managed database servers that the integration tests' platform started under $1/services
# (PostgreSQL, MariaDB, a redis-server per service): like the router, they outlive the server on
# purpose. Each is found by its process record and signalled only while it still works in that
# folder, so a pid reused by another process is left alone. PostgreSQL gets its fast shutdown.
home=$1
for record in "$home"/services/*/process/*.json; do
  [ -f "$record" ] || continue
  pid=$(sed -n 's/.*"pid" *: *\([0-9][0-9]*\).*/\1/p' "$record")
  [ -n "$pid" ] || continue
  case "$(readlink "/proc/$pid/cwd" 2>/dev/null)" in
    "$home"/services/*) ;;
    *) continue ;;
  esac
  case "$record" in
    */postgres/process/*) signal=INT ;;
    *) signal=TERM ;;
  esac
  kill -s "$signal" "$pid" 2>/dev/null || true
done
exit 0
