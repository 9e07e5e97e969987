# Sourced by the benchmark scripts in this folder: what each of them sets up the same way.
# Expects $root (the repository) to be set.

# A free loopback port.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# One load generator makes every account from one address and sends far faster than one person:
# the limits that would stop it are lifted for every server these scripts start.
export STOA_LIMITS_ACCOUNTS_PER_ADDRESS=100000/1h
export STOA_LIMITS_MESSAGES_PER_ACCOUNT_BURST=100000/1s
export STOA_LIMITS_MESSAGES_PER_ACCOUNT_SUSTAINED=100000/1s

java=$("$root/bin/jdk-home")/bin/java
bench_cp="$root/stoa-bench/target/stoa-bench.jar:$root/stoa-bench/target/lib/*"

# serve WORK PORT: ./stoa serve on WORK/data, its output appended to WORK/serve.log; sets $launcher.
serve() {
  (cd "$1" && STOA_SERVER_PORT=$2 STOA_DATA_DIR="$1/data" exec "$root/stoa" serve >>"$1/serve.log" 2>&1) &
  launcher=$!
}

# healthy PORT: whether the server on PORT answers /healthz.
healthy() { curl -fs -o /dev/null "http://127.0.0.1:$1/healthz"; }

# await_healthy WORK PORT: waits up to 2 minutes for /healthz; otherwise shows the log's end and fails.
await_healthy() {
  for _ in $(seq 1 1200); do healthy "$2" && return 0; sleep 0.1; done
  tail -n 30 "$1/serve.log"
  exit 1
}

# The server JVM under $launcher (the launcher execs it, so usually the same process).
server_of() { pgrep -f -P "$1" java || echo "$1"; }

# fresh_server NAME: ./stoa serve on a new folder /tmp/stoa-NAME.* and a free port, healthy, stopped
# and removed when the script exits; sets $work, $port, $launcher and $server (the JVM).
fresh_server() {
  work=$(mktemp -d "/tmp/stoa-$1.XXXXXX")
  port=$(free_port)
  launcher=
  trap 'kill $launcher 2>/dev/null; pkill -P $launcher 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
  serve "$work" "$port"
  await_healthy "$work" "$port"
  server=$(server_of "$launcher")
}

# shape_for OPTIONS...: sets $shape to the load generator's default of 20 groups of 10, or to nothing
# when the options ask for --pairs P themselves.
shape_for() {
  shape=(--groups 20)
  for a in "$@"; do [ "$a" = --pairs ] && shape=(); done
  return 0
}

# load SECONDS OPTIONS...: the load generator against the server on $port at $rate msg/s, in the
# shape shape_for chose, with more of its options; a script that needs others defines its own.
load() {
  "$java" -XX:+UseZGC -cp "$bench_cp" org.stoa.bench.load.LoadGenerator --url "http://127.0.0.1:$port" "${shape[@]}" \
    --seconds "$1" --rate "$rate" "${@:2}"
}

# warm_up OPTIONS...: the discarded 20-s run at the script's rate through its load function; if it
# fails, says so with the end of its error output instead of ending the script without a word.
warm_up() {
  load 20 "$@" >/dev/null 2>"$work/warm-up.err" || { echo "the warm-up run failed:" >&2; tail -n 20 "$work/warm-up.err" >&2; exit 1; }
}

# measured_run OPTIONS...: the measured run ($seconds) in the background, its output in
# $work/load.out and $work/load.err; returns once it prints MARK measure_start (its set-up done),
# and sets $generator. If it ends before that, shows the end of its error output and fails.
measured_run() {
  load "$seconds" "$@" >"$work/load.out" 2>"$work/load.err" &
  generator=$!
  until grep -q 'measure_start' "$work/load.out"; do
    kill -0 $generator 2>/dev/null || { tail -n 20 "$work/load.err" >&2; exit 1; }
    sleep 0.1
  done
}
