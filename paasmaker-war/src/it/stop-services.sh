#!/bin/sh
# Stops the managed database servers that the integration tests' platform started under $1/services
# (PostgreSQL, MariaDB, a redis-server per service): like the router, they outlive the server on
# purpose. Each is found by its process record and signalled only while it still works in that
# folder, so a pid reused by another process is left alone. PostgreSQL gets its fast shutdown.
# The real path, as /proc/<pid>/cwd gives it; no folder, no servers.
stopping=
running=
home=$(cd "$1" 2>/dev/null && pwd -P) || exit 0
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
  kill -s "$signal" "$pid" 2>/dev/null && stopping="$stopping $pid"
done
# Up to 20 s for them to finish writing, so that a 'mvn clean' right after meets no server.
for tick in $(seq 200); do
  running=
  for pid in $stopping; do
    kill -0 "$pid" 2>/dev/null && running="$running $pid"
  done
  [ -z "$running" ] && break
  sleep 0.1
done
[ -n "$running" ] && echo "Managed database servers still stopping:$running" >&2
exit 0
