#!/usr/bin/env bash
# Slowloris benchmark of `handoff inbox serve`: 1,000 connections sending their headers or body
# at one byte a second (reopened when the server cuts them) while 16 normal senders post
# webhooks; events/s and p99 acknowledgement latency of the normal senders.
# Prints the figures and rewrites the `slowloris` block of bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/inbox-server.sh
source bench/inbox-server.sh
# the bench process holds 1,000 sockets plus the senders'
ulimit -n 4096 2>/dev/null || true
table=$(java -cp "target/handoff.jar:target/lib/*" bench/SlowlorisBench.java "$url" "$HANDOFF_WEBHOOK_SECRET")

block="Command: \`bench/slowloris.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), load average before the run: $load_before, server JVM options: \`${INBOX_JAVA_OPTS:-(none)}\`).

$table"
printf '%s\n' "$block" | bench/results-block.sh slowloris
