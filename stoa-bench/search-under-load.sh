#!/usr/bin/env bash
# What a search costs while the server carries a chat load: a fresh ./stoa serve, the load generator
# at RATE (after a discarded warm-up), and meanwhile a user of its own who, 50 times, sends a message
# with a new word over HTTP and searches for it at once, then searches for the word it sent half a
# second before (search-probe.py, whose account and warm-up come before the measured run). Searches
# are limited to 120 a minute per account, hence 50.
#
#   stoa-bench/search-under-load.sh RATE [more LoadGenerator options for the measured run, e.g. --window 5]
#
# Needs the jars built (./mvnw -B -q package -DskipTests) and python3.
set -euo pipefail
rate=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
fresh_server search-load
shape_for
load() {
  "$java" -XX:+UseZGC -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" "${shape[@]}" \
    --seconds "$1" --rate "$rate" "${@:2}"
}
warm_up
# The probe's set-up before the measured run, which starts once it is ready.
mkfifo "$work/go"
python3 "$root/stoa-bench/search-probe.py" "$port" 50 <"$work/go" >"$work/probe.out" &
probe=$!
exec 9>"$work/go"
until grep -q '^ready' "$work/probe.out"; do
  kill -0 $probe 2>/dev/null || { cat "$work/probe.out" >&2; exit 1; }
  sleep 0.1
done
seconds=45
measured_run "$@"
echo go >&9
exec 9>&-
wait $probe
grep -v '^ready' "$work/probe.out"
wait $generator
grep -v '^MARK' "$work/load.out"
