#!/usr/bin/env bash
# Ingestion benchmark of `handoff inbox serve`: 16 concurrent senders over loopback, every 2xx
# durable (SQLite WAL, synchronous=FULL, group commit), p50/p99 acknowledgement latency, next to
# plain SQLite inserts (one transaction per event, same settings) measured in the same run.
# Prints the figures and rewrites the `ingest` block of bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/inbox-server.sh
source bench/inbox-server.sh
table=$(java -cp "target/handoff.jar:target/lib/*" bench/IngestBench.java \
  "$url" "$HANDOFF_WEBHOOK_SECRET" "$HANDOFF_INBOX_TOKEN" "$work/plain.db")

block="Command: \`bench/ingest.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load average before the run: $load_before, server JVM options: \`${INBOX_JAVA_OPTS:-(none)}\`).

$table"
printf '%s\n' "$block" | bench/results-block.sh ingest
