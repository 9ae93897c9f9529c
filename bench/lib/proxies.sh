# Shared by bench/router.sh, bench/router-ab.sh and bench/footprint.sh (sourced): ports, processes, nginx and
# the routing table.

# The router's JVM options as the engine launches it (RouterProcessSettings.DEFAULT_JVM_OPTIONS); the benches
# run it with MALLOC_ARENA_MAX=2 on its own command line, as RouterProcess does, so that nothing else they start
# (nginx, wrk, the server in footprint.sh) gets it: the benches measure the router that runs.
ENGINE_ROUTER_JVM_OPTS="-Xms16m -Xmx256m -XX:+UseSerialGC -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=1000"

require_tools() {  # commands...: installs those of Debian's packages of the same names, when one is missing
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            echo "installing $*" >&2
            apt-get install -y "$@" >/dev/null
            return
        fi
    done
}

work_directory() {  # name: sets WORK (a new directory under /tmp) and PIDS; at exit, stops PIDS and deletes WORK
    WORK=$(mktemp -d "/tmp/$1.XXXXXX")
    PIDS=()
    trap stop_and_delete EXIT
}

stop_and_delete() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
    rm -rf "$WORK"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() {
    for _ in $(seq 1 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on port $1 after 30 s" >&2
    exit 1
}

cpu_ticks() {  # "user system": the clock ticks of the given pids
    local user=0 system=0 fields
    for pid in "$@"; do
        fields=$(sed 's/^.*) //' "/proc/$pid/stat")
        user=$((user + $(echo "$fields" | awk '{print $12}')))
        system=$((system + $(echo "$fields" | awk '{print $13}')))
    done
    echo "$user $system"
}

rss_kb() {  # pids...: kB of VmRSS, summed over those still running (0 for none)
    local total=0 pid value
    for pid in "$@"; do
        value=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
        total=$((total + ${value:-0}))
    done
    echo "$total"
}

start_nginx() {  # name, config body: Debian's nginx, two workers, in $WORK/name
    mkdir -p "$WORK/$1/logs"
    cat > "$WORK/$1/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    $2
}
CONF
    nginx -p "$WORK/$1" -c "$WORK/$1/nginx.conf" -g 'daemon off;' &
    PIDS+=($!)
}

# nginx as the reverse proxy the router is measured against: keep-alive to the backend, the same
# forwarded headers as the router's, and an access log as the router keeps one.
proxy_location() {  # access log file
    cat <<CONF
        access_log $1 combined buffer=64k;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Host \$host;
        }
CONF
}

routing_table() {  # hostnames, backend port[, certificate file, key file]: the table pushed to the routers
    python3 - "$@" <<'PY'
import json, sys
count, port = int(sys.argv[1]), int(sys.argv[2])
target = {"host": "127.0.0.1", "port": port, "application": "bench", "version": 1, "instanceId": "nginx"}
routes = [{"hostname": "app-%d.bench.localhost" % i, "targets": [target]} for i in range(count)]
certificates = []
if len(sys.argv) > 4:
    certificates.append({"names": ["*.bench.localhost", "127.0.0.1"], "chainPem": open(sys.argv[3]).read(),
                         "keyPem": open(sys.argv[4]).read()})
print(json.dumps({"generation": 1, "routes": routes, "certificates": certificates}))
PY
}

push_table() {  # router home, table file
    curl -sf -X PUT --data-binary "@$2" -H "Authorization: Bearer $(cat "$1/control.secret")" \
        "http://127.0.0.1:$(cat "$1/control.port")/table"
}
