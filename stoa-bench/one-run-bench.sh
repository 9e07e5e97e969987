#!/usr/bin/env bash
# One measured load generator run against a fresh ./stoa serve, with where the server's time went
# over the measured window: the machine's busy cores (/proc/stat), the server's and the load generator's CPU, its writer
# thread's CPU (/proc/PID/task/TID/stat), what it wrote per accepted message (/proc/PID/io: bytes
# and write system calls, the log, the database and the sockets together); then the writer's batch
# and commit figures from /metrics. Used for the before/after comparisons of issue 15 in docs/performance.md.
#
#   stoa-bench/one-run-bench.sh SECONDS RATE [stream|http] [more LoadGenerator options, e.g. --window 3 or --pairs 200]
#
# A discarded warm-up run at the same rate comes first. Needs the jars built (./mvnw -B -q package -DskipTests).
set -euo pipefail
seconds=$1 rate=$2 send=${3:-stream}
shift 3 || shift $#
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
fresh_server one-run
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "$1"; }
shape_for "$@"
load() {
  "$java" -XX:+UseZGC -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" "${shape[@]}" \
    --seconds "$1" --rate "$rate" --send "$send" "${@:2}"
}
warm_up "$@"
writer=$(grep -l '^stoa-writer$' /proc/"$server"/task/*/comm | head -1 | cut -d/ -f5)
# Sampled at the load generator's MARK measure_start and measure_end lines, so its set-up (accounts,
# logins, contacts) is left out: server ticks, writer ticks, writer system ticks, bytes written,
# write calls, the machine's jiffies and idle jiffies, the time, the load generator's ticks.
sample() {
  echo "$(ticks /proc/"$server"/stat) $(ticks /proc/"$server"/task/"$writer"/stat)" \
    "$(awk '{print $15}' /proc/"$server"/task/"$writer"/stat)" \
    "$(awk '/^(wchar|syscw):/ {printf "%s ", $2}' /proc/"$server"/io)" \
    "$(head -1 /proc/stat | awk '{t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6}')" "$(date +%s.%N)" \
    "$(ticks /proc/"$client"/stat)"
}
measured_run "$@"
client=$(pgrep -P $generator java || echo $generator)
before=$(sample)
until grep -q 'measure_end' "$work/load.out" || ! kill -0 $generator 2>/dev/null; do sleep 0.1; done
after=$(sample)
wait $generator
grep -v '^MARK' "$work/load.out"
accepted=$(sed -n 's/^accepted=\([0-9]*\).*/\1/p' "$work/load.out")
echo "$before $after" | awk -v hz="$hz" -v n="${accepted:-0}" -v cpus="$(nproc)" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" '{
  t = $17 - $8
  printf "load %s; over the measured window: machine %.2f of %d cores busy, server %.2f cores, its writer thread %.2f (%.2f in the kernel), load generator %.2f cores\n",
    l, cpus * (1 - ($16 - $7) / ($15 - $6)), cpus, ($10 - $1) / hz / t, ($11 - $2) / hz / t, ($12 - $3) / hz / t, ($18 - $9) / hz / t
  if (n > 0) printf "written per accepted message: %.1f KB in %.1f write calls\n", ($13 - $4) / n / 1000, ($14 - $5) / n
}'
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^org_stoa_server_storage_Writer_(batchSize_(count|sum|max)|commit_seconds\{)'
