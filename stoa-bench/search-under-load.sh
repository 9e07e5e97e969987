#!/usr/bin/env bash
# What a search costs while the server carries a chat load: a fresh ./stoa serve, the load generator
# at RATE (after a discarded warm-up), and meanwhile a user of its own who, 50 times, sends a message
# with a new word over HTTP and searches for it at once, then searches for the word it sent half a
# second before (search-probe.py). Searches are limited to 120 a minute per account, hence 50.
#
#   stoa-bench/search-under-load.sh RATE
#
# Needs the jars built (./mvnw -B -q package -DskipTests) and python3.
set -euo pipefail
rate=$1
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
fresh_server search-load
shape_for
load() {
  "$java" -XX:+UseZGC -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" "${shape[@]}" \
    --seconds "$1" --rate "$rate"
}
warm_up
seconds=45
measured_run
python3 "$root/stoa-bench/search-probe.py" "$port" 50
wait $generator
grep -v '^MARK' "$work/load.out"
