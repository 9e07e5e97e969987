#!/usr/bin/env bash
# Sends over HTTP against sends over the stream (issue 15), side by side on one ./stoa serve:
# LoadGenerator runs of 20 groups of 10 at each RATE, alternating --send http and --send stream, and
# the CPU each process used per accepted message over each measured window (/proc/PID/stat, sampled at the
# load generator's MARK measure_start and measure_end lines, so any SECONDS works).
#
#   stoa-bench/stream-send-bench.sh [SECONDS] [RATES...]   (default 30 s at 400 and 800 msg/s, each twice)
#
# Needs the jars built (./mvnw -B -q package -DskipTests). The load generator shares the machine's
# cores with the server, as in every figure of docs/performance.md.
set -euo pipefail
seconds=${1:-30}
shift || true
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(400 800)
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
work=$(mktemp -d /tmp/stoa-stream-bench.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$(free_port)
serve "$work" "$port"
await_healthy "$work" "$port"
server_pid=$(server_of "$launcher")
hz=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
  local rate=$1 send=$2 out="$work/run.out" err="$work/run.err"
  "$java" -XX:+UseZGC -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" --groups 20 \
    --seconds "$seconds" --rate "$rate" --send "$send" >"$out" 2>"$err" &
  local gen=$!
  until grep -q measure_start "$out" 2>/dev/null; do kill -0 "$gen" 2>/dev/null || break; sleep 0.1; done
  local s0 g0 s1 g1
  s0=$(cpu "$server_pid"); g0=$(cpu "$gen")
  until grep -q measure_end "$out" 2>/dev/null; do kill -0 "$gen" 2>/dev/null || break; sleep 0.1; done
  s1=$(cpu "$server_pid"); g1=$(cpu "$gen")
  wait "$gen"
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "== rate=$rate send=$send load=$load"
  grep -v '^MARK' "$out"
  local accepted
  accepted=$(sed -n 's/^accepted=\([0-9]*\) .*/\1/p' "$out")
  awk -v s=$((s1 - s0)) -v g=$((g1 - g0)) -v hz="$hz" -v n="${accepted:-0}" \
    'BEGIN { if (n > 0) printf "cpu per message: server %.2f ms, load generator %.2f ms\n", s * 1000 / hz / n, g * 1000 / hz / n }'
}
echo "== warm-up of the fresh server (not counted)"
run "${rates[0]}" stream >/dev/null
for rate in "${rates[@]}"; do
  run "$rate" http; run "$rate" stream
  run "$rate" stream; run "$rate" http
done
