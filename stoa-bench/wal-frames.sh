#!/usr/bin/env bash
# Which tables and indexes the pages in SQLite's write-ahead log belong to, under load, as behind
# the frame counts of issue 15 in docs/performance.md: a fresh ./stoa serve, a discarded warm-up
# run, then a measured run half way through which the log file and a copy of the database are
# taken. Each frame of the log is one page that a commit wrote whole.
#
#   stoa-bench/wal-frames.sh SECONDS RATE [more LoadGenerator options, e.g. --pairs 200]
#
# Prints the load generator's summary, then the frames of the log's current generation (those
# written since the log was last rewound), the commits among them, and the frames by table or index
# (named by SQLite's dbstat on the copy). Needs python3 and the jars built (./mvnw -B -q package -DskipTests).
set -euo pipefail
seconds=$1 rate=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/stoa-bench/bench-common.sh"
fresh_server wal-frames
shape_for "$@"
warm_up "$@"
measured_run "$@"
sleep $((seconds / 2))
db="$work/data/stoa.db"
cp "$db-wal" "$work/snapshot.wal"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' "$db" "$work/copy.db"
wait $generator
grep -v '^MARK' "$work/load.out"
python3 - "$work/copy.db" "$work/snapshot.wal" <<'PY'
import collections, sqlite3, struct, sys
owner = dict((page, name) for name, page in sqlite3.connect(sys.argv[1]).execute("SELECT name, pageno FROM dbstat"))
log = open(sys.argv[2], "rb").read()
# The log's header: magic, version, page size, checkpoint sequence, salt-1, salt-2 (then checksums).
page_size, salts = struct.unpack(">I", log[8:12])[0], log[16:24]
frames, commits, by = 0, 0, collections.Counter()
at = 32
while at + 24 + page_size <= len(log):
    page, size_after_commit = struct.unpack(">II", log[at:at + 8])
    if log[at + 8:at + 16] != salts:  # a frame of an earlier generation: the current one ends here
        break
    frames += 1
    commits += size_after_commit != 0
    by[owner.get(page, "(a page added since)")] += 1
    at += 24 + page_size
print(f"log frames {frames} ({page_size}-byte pages), commits {commits}, frames a commit {frames / max(commits, 1):.1f}")
for name, n in by.most_common(15):
    print(f"{n:8d} {100 * n / max(frames, 1):5.1f} %  {name}")
PY
