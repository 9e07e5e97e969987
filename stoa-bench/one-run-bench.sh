#!/usr/bin/env bash
# One measured load generator run against a fresh ./stoa serve, with where the server's time went:
# its CPU, its writer thread's CPU (/proc/PID/task/TID/stat) and the writer's batch and commit
# figures from /metrics. Used for the before/after comparisons of issue 15 in docs/performance.md.
#
#   stoa-bench/one-run-bench.sh SECONDS RATE [stream|http] [more LoadGenerator options, e.g. --window 3]
#
# A discarded warm-up run at the same rate comes first. Needs the jars built (./mvnw -B -q package -DskipTests).
set -euo pipefail
seconds=$1 rate=$2 send=${3:-stream}
shift 3 || shift $#
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/stoa-one-run.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$work" && STOA_SERVER_PORT=$port STOA_DATA_DIR="$work/data" STOA_LIMITS_ACCOUNTS_PER_ADDRESS=100000/1h \
  STOA_LIMITS_MESSAGES_PER_ACCOUNT_BURST=100000/1s STOA_LIMITS_MESSAGES_PER_ACCOUNT_SUSTAINED=100000/1s \
  STOA_LOG_FORMAT=json exec "$root/stoa" serve >"$work/serve.log" 2>&1) &
launcher=$!
trap 'kill $launcher 2>/dev/null; pkill -P $launcher 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { tail -n 30 "$work/serve.log"; exit 1; }
server=$(pgrep -f -P "$launcher" java || echo "$launcher")
cp="$root/stoa-bench/target/stoa-bench.jar:$root/stoa-bench/target/lib/*"
java=$("$root/bin/jdk-home")/bin/java
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "$1"; }
load() {
  "$java" -XX:+UseZGC -cp "$cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" --groups 20 \
    --seconds "$1" --rate "$rate" --send "$send" "${@:2}"
}
load 20 >/dev/null 2>&1
writer=$(grep -l '^stoa-writer$' /proc/"$server"/task/*/comm | head -1 | cut -d/ -f5)
s0=$(ticks /proc/"$server"/stat); w0=$(ticks /proc/"$server"/task/"$writer"/stat); t0=$(date +%s.%N)
load "$seconds" "$@" 2>/dev/null
s1=$(ticks /proc/"$server"/stat); w1=$(ticks /proc/"$server"/task/"$writer"/stat); t1=$(date +%s.%N)
awk -v s=$((s1 - s0)) -v w=$((w1 - w0)) -v hz="$hz" -v t="$(echo "$t1 - $t0" | bc)" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" \
  'BEGIN { printf "load %s; cores used over the run (set-up included): server %.2f, its writer thread %.2f\n", l, s / hz / t, w / hz / t }'
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^org_stoa_server_storage_Writer_(batchSize_(count|sum|max)|commit_seconds\{)'
