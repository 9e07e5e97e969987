#!/usr/bin/env bash
# JFR profiles of the server and the load generator over one measured run, as behind the profiles
# of issue 15 in docs/performance.md: a fresh ./stoa serve, a discarded warm-up run, then a measured
# run during which the server records from the load generator's MARK measure_start line to its
# measure_end line (jcmd JFR.start / JFR.dump); the load generator records its whole run.
#
#   stoa-bench/profile-bench.sh OUT SECONDS RATE [more LoadGenerator options, e.g. --pairs 200]
#
# Writes OUT/server.jfr and OUT/load.jfr; read them with the JDK's jfr, e.g.
# `jfr print --stack-depth 64 --events jdk.ExecutionSample OUT/server.jfr` or `jfr view hot-methods`.
# Needs the jars built (./mvnw -B -q package -DskipTests).
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd) seconds=$2 rate=$3
shift 3
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
jcmd=$(dirname "$java")/jcmd
fresh_server profile
shape_for "$@"
load() {
  "$java" -XX:+UseZGC "${jfr[@]}" -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" "${shape[@]}" \
    --seconds "$1" --rate "$rate" "${@:2}"
}
jfr=()
load 20 "$@" >/dev/null 2>&1
jfr=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$out/load.jfr")
load "$seconds" "$@" >"$work/load.out" 2>"$work/load.err" &
generator=$!
until grep -q measure_start "$work/load.out"; do
  kill -0 $generator 2>/dev/null || { tail -n 20 "$work/load.err" >&2; exit 1; }
  sleep 0.1
done
"$jcmd" "$server" JFR.start name=measured settings=profile >/dev/null
until grep -q measure_end "$work/load.out" || ! kill -0 $generator 2>/dev/null; do sleep 0.1; done
"$jcmd" "$server" JFR.dump name=measured filename="$out/server.jfr" >/dev/null
wait $generator
grep -v '^MARK' "$work/load.out"
echo "profiles: $out/server.jfr (the measured window), $out/load.jfr (the load generator's run)"
