#!/usr/bin/env bash
# Who waits for the disk, and how long, under load: a fresh ./stoa serve, a discarded warm-up run,
# then a measured run during which `perf trace` records the server's fsync and fdatasync calls for
# 20 s. Behind the figures of "The log starts again without the writer waiting" in docs/performance.md:
# on SQLite the writer's thread should make no such call but for the log's restart.
#
#   stoa-bench/fsync-trace.sh SECONDS RATE [more LoadGenerator options, e.g. --pairs 200]
#
# Prints the load generator's summary, then per thread and file descriptor the calls and their time
# at p50 / p90 / max and in all. Needs perf (Debian: linux-perf), python3,
# root or perf_event_paranoid <= 1, and the jars built (./mvnw -B -q package -DskipTests).
set -euo pipefail
seconds=$1 rate=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
fresh_server fsync-trace
shape_for "$@"
warm_up "$@"
measured_run "$@"
timeout -s INT 20 perf trace -e fsync,fdatasync -p "$server" -o "$work/trace.txt" 2>/dev/null || true
wait $generator
grep -v '^MARK' "$work/load.out"
python3 - "$work/trace.txt" <<'PY'
import collections, re, sys
calls, open_calls = collections.defaultdict(list), {}
for line in open(sys.argv[1]):
    # A call another thread's interrupted is printed twice: started ("...") and "[continued]" with its time.
    done = re.search(r'\(\s*([\d.]+) ms\): (\S+)/(\d+)\s+\.\.\. \[continued\]', line)
    call = re.search(r'\(\s*(?:([\d.]+) ms)?\s*\): (\S+)/(\d+) (\w+)\(fd: (\d+)', line)
    if done:
        key = open_calls.pop(done.group(3), None)
        if key: calls[key].append(float(done.group(1)))
    elif call:
        key = (call.group(2), call.group(4), call.group(5))
        if call.group(1): calls[key].append(float(call.group(1)))
        else: open_calls[call.group(3)] = key
print("thread call fd: calls, p50 / p90 / max ms, total ms over 20 s")
for (thread, name, fd), ms in sorted(calls.items()):
    ms.sort()
    print(f"{thread} {name} fd {fd}: {len(ms)}, {ms[len(ms) // 2]:.2f} / {ms[int(len(ms) * 0.9)]:.2f} / {ms[-1]:.2f}, {sum(ms):.0f}")
PY
