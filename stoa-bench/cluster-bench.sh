#!/usr/bin/env bash
# Two Stoa nodes on one PostgreSQL and one Redis bus, on this machine, measured as issue 12 asks:
# delivery across nodes under load (LoadGenerator: every member streams from one node and sends
# through the other) and how long a sanction made on node A takes to stop a send on node B.
#
#   stoa-bench/cluster-bench.sh [RATE] [SECONDS] [NODES]   (default 1000 msg/s for 30 s, 2 nodes)
#
# NODES=1 runs the same with a single node on PostgreSQL, the baseline for what the second node adds.
#
# Needs Debian's postgresql and redis-server packages, and the jars built
# (./mvnw -B -q package -DskipTests). PostgreSQL runs with fsync on, as in production.
set -euo pipefail
rate=${1:-1000}
seconds=${2:-30}
nodes=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
work=$(mktemp -d /tmp/stoa-cluster-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${pg_ctl:-}" ] && $as_pg "$pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_ctl=$bin/pg_ctl
as_pg=""
if [ "$(id -u)" = 0 ]; then as_pg="runuser -u postgres --"; mkdir -p "$work/pg"; chown postgres "$work/pg"; fi
pg_port=$(free_port)
$as_pg "$bin/initdb" -D "$work/pg" -U stoa --auth=trust >/dev/null
$as_pg "$pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -o "-p $pg_port -h 127.0.0.1 -k '' -c max_connections=200" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U stoa stoa
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)

export STOA_STORAGE_URL="postgresql://stoa@127.0.0.1:$pg_port/stoa"
export STOA_CLUSTER_BUS="redis://127.0.0.1:$redis_port"
export STOA_MEDIA_DIR="$work/media"
export STOA_EXPORTS_DIR="$work/exports"
export STOA_LOG_FORMAT=json
urls=()
for node in $(echo a b c d e f g h | cut -d' ' -f1-"$nodes"); do
  port=$(free_port)
  mkdir -p "$work/$node"
  (cd "$work/$node" && STOA_SERVER_PORT=$port STOA_DATA_DIR="$work/$node/data" exec "$root/stoa" serve >"$work/$node/serve.log" 2>&1) &
  pids+=($!)
  urls+=("http://127.0.0.1:$port")
done
for u in "${urls[@]}"; do
  for _ in $(seq 1 240); do curl -fs "$u/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$u/healthz" >/dev/null || { echo "a node did not start:"; for f in "$work"/*/serve.log; do echo "== $f"; tail -n 30 "$f"; done; exit 1; }
done
echo "nodes: ${urls[*]}; PostgreSQL on $pg_port, Redis on $redis_port" >&2
printf 'bench-admin-password\n' | (cd "$work/a" && STOA_DATA_DIR="$work/a/data" "$root/stoa" admin create-user benchadmin \
  --role admin --password-stdin >/dev/null)

"$java" -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "$(IFS=,; echo "${urls[*]}")" --groups 20 --rate "$rate" \
  --seconds "$seconds"
if [ "$nodes" -ge 2 ]; then
  "$java" -cp "$bench_cp" org.stoa.bench.load.BanPropagationBench --url "${urls[0]},${urls[1]}" --admin benchadmin \
    --password bench-admin-password --rounds 200
fi
