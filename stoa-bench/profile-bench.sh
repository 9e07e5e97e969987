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
# With PROFILER=async the server is sampled by async-profiler instead (tools.profiler:async-profiler
# from Maven Central, loaded into the running server with jcmd): CPU time every millisecond per
# thread, kernel frames included, written as collapsed stacks to OUT/server.collapsed (one line a
# stack, thread first, then its sample count), and /metrics is saved at both marks
# (OUT/metrics.start, OUT/metrics.end: the writer's commits and batch sizes over the window).
# Needs the jars built (./mvnw -B -q package -DskipTests).
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd) seconds=$2 rate=$3
shift 3
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
jcmd=$(dirname "$java")/jcmd
profiler=${PROFILER:-jfr}
fresh_server profile
if [ "$profiler" = async ]; then
  (cd "$root" && ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 \
    -DoutputDirectory="$work" >/dev/null)
  unzip -q -o "$work"/async-profiler-4.1-linux-x64.jar linux-x64/libasyncProfiler.so -d "$work"
  # jcmd splits its arguments at commas unless they are quoted once more
  profile() { "$jcmd" "$server" JVMTI.agent_load "$work/linux-x64/libasyncProfiler.so" "'$1'" >/dev/null; }
  metrics() { curl -fs "http://127.0.0.1:$port/metrics" >"$out/metrics.$1"; }
  server_profile=$out/server.collapsed
  start_profile() { metrics start; profile start,event=cpu,interval=1ms,cstack=vm,threads; }
  stop_profile() { metrics end; profile "stop,collapsed,file=$server_profile"; }
else
  server_profile=$out/server.jfr
  start_profile() { "$jcmd" "$server" JFR.start name=measured settings=profile >/dev/null; }
  stop_profile() { "$jcmd" "$server" JFR.dump name=measured filename="$server_profile" >/dev/null; }
fi
shape_for "$@"
load() {
  "$java" -XX:+UseZGC "${jfr[@]}" -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" "${shape[@]}" \
    --seconds "$1" --rate "$rate" "${@:2}"
}
jfr=()
warm_up "$@"
jfr=("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$out/load.jfr")
measured_run "$@"
start_profile
until grep -q measure_end "$work/load.out" || ! kill -0 $generator 2>/dev/null; do sleep 0.1; done
stop_profile
wait $generator
grep -v '^MARK' "$work/load.out"
echo "profiles: $server_profile (the measured window), $out/load.jfr (the load generator's run)"
