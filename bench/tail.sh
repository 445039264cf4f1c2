#!/usr/bin/env bash
# Benchmarks of `handoff tail`: frame time and heap with 10,000 queued handoffs, stream event ->
# row (client half, fake inbox in process), and webhook 2xx -> row on a connected tail against a
# real `handoff inbox serve` when the jar has it. Prints the figures and rewrites the `tail` block
# of bench/RESULTS.md.
#   bench/tail.sh               uses target/handoff.jar (built if missing or older than the sources)
#   bench/tail.sh INBOX_JAR [WHERE]   takes the inbox server from another jar (WHERE says what it
#                                     was built from, for the record)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f target/handoff.jar || -n "$(find src/main pom.xml -newer target/handoff.jar -print -quit)" ]]; then
  ./mvnw -B -q package -DskipTests
fi
inbox_jar=${1:-target/handoff.jar}
inbox_from=${2:-}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# a bounded heap, so that "memory bounded" is also checked by the run not failing
# the fake inbox of the stream part is the JDK's HTTP server, not the Jetty one on the class path
figures=$(java -Xmx512m -Dcom.sun.net.httpserver.HttpServerProvider=sun.net.httpserver.DefaultHttpServerProvider \
  -cp "target/handoff.jar:target/lib/*" bench/TailBench.java "$inbox_jar")

block="Command: \`bench/tail.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1), -Xmx512m, load average before the run: $load_before${inbox_from:+, inbox server built from $inbox_from}).

$figures"
printf '%s\n' "$block" | bench/results-block.sh tail
