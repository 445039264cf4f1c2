#!/usr/bin/env bash
# Throughput of the embedded classifier (user turns per second end to end) against the raw model's
# batched embedAll in the same run. Prints the figures and rewrites the `throughput` block of
# bench/RESULTS.md. Usage: bench/throughput.sh [DATA_DIR]   (the data folder of bench/README.md;
# default: $HANDOFF_DATA, else ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${HANDOFF_DATA:-../shared/data}}"
if [ ! -f "$data/uss/SGD.txt" ]; then
  echo "bench/throughput.sh: no $data/uss/SGD.txt (pass the data folder as the first argument)" >&2
  exit 2
fi
./mvnw -B -q package -DskipTests
bench/prepare-data.sh "$data" >/dev/null
block=$(java -Xmx2g -cp "target/handoff.jar:target/lib/*" bench/Throughput.java "$data")
printf '%s\n' "$block" | bench/results-block.sh throughput
