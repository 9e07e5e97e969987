#!/usr/bin/env bash
# A restarted ./stoa serve under load from warm clients, as after an upgrade: how soon it meets its
# latency target. A server on a fresh folder gets the load generator's set-up and warm-up; then the
# server is stopped (SIGTERM, a graceful stop) and started again on the same data folder while the
# load generator (--restart) waits; its clients open their streams again as soon as the server
# answers and send at once. Prints, from the relaunch: /healthz answering, every stream open again,
# the first send, and how long the graceful stop before it took; then the send -> receive p99 of
# every second by when each send was due.
#
#   stoa-bench/restart-bench.sh SECONDS RATE [more LoadGenerator options, e.g. --pairs 200]
#
# With KEEP_SERVER=1 the server is not restarted: the clients close and reopen their streams against
# the same warm server, which measures the reopening alone.
#
# Needs the jars built (./mvnw -B -q package -DskipTests). Used for issue 15's warm start in docs/performance.md.
set -euo pipefail
seconds=$1 rate=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
work=$(mktemp -d /tmp/stoa-restart.XXXXXX)
port=$(free_port)
now_ms() { date +%s%3N; }
launcher=
generator=
trap 'kill $launcher $generator 2>/dev/null; pkill -P "$launcher" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
serve "$work" "$port"
await_healthy "$work" "$port"
shape_for "$@"
mkfifo "$work/go"
"$java" -XX:+UseZGC -cp "$bench_cp" org.stoa.bench.load.LoadGenerator \
  --url "http://127.0.0.1:$port" "${shape[@]}" --seconds "$seconds" --rate "$rate" --warmup 20 --window 1 --restart "$@" \
  <"$work/go" >"$work/load.out" 2>"$work/load.err" &
generator=$!
exec 7>"$work/go"
until grep -q '^MARK restart' "$work/load.out"; do
  kill -0 $generator 2>/dev/null || { tail -n 20 "$work/load.err" >&2; exit 1; }
  sleep 0.1
done
stopping=$(now_ms)
if [ "${KEEP_SERVER:-0}" != 1 ]; then
  server=$(server_of "$launcher")
  kill "$launcher"
  while kill -0 "$server" 2>/dev/null; do sleep 0.05; done
fi
relaunch=$(now_ms)
[ "${KEEP_SERVER:-0}" = 1 ] || serve "$work" "$port"
echo go >&7
until healthy "$port"; do sleep 0.05; done
healthz=$(now_ms)
wait $generator
mark() { sed -n "s/^MARK $1 //p" "$work/load.out"; }
awk -v t="$stopping" -v r="$relaunch" -v h="$healthz" -v c="$(mark reconnected)" -v s="$(mark measure_start)" \
    -v kept="${KEEP_SERVER:-0}" 'BEGIN {
  printf "from the relaunch: /healthz %.1f s, every stream open %.1f s, first send %.1f s", (h - r) / 1000, (c - r) / 1000, (s - r) / 1000
  if (kept == 1) print " (the server was kept: only the streams reopened)"
  else printf " (the stop before it took %.1f s)\n", (r - t) / 1000 }'
grep -v '^MARK' "$work/load.out" | grep -v '^window' || true
grep '^window' "$work/load.out" | awk -v off="$(( $(mark measure_start) - relaunch ))" '{
  split($2, w, "-"); sub(/:$/, "", $3); printf "%5.1f-%5.1f s after the relaunch: %s %s %s\n", w[1] + off / 1000, w[2] + off / 1000, $7, $8, $9 }'
