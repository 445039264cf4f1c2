#!/usr/bin/env bash
# Quality of the embedded classifier on the public labelled data sets of the data folder (bench/README.md
# lists its files and sources), imported with `handoff transcripts import` by bench/prepare-data.sh.
# Prints the figures and rewrites the `quality` block of bench/RESULTS.md.
#   Usage: bench/quality.sh [DATA_DIR]   (default: $HANDOFF_DATA, else ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${HANDOFF_DATA:-../shared/data}}"
if [ ! -d "$data" ]; then
  echo "bench/quality.sh: no data folder at $data (pass its path as the first argument)" >&2
  exit 2
fi
./mvnw -B -q package -DskipTests
bench/prepare-data.sh "$data" >/dev/null
block=$(java -Xmx3g -cp "target/handoff.jar:target/lib/*" bench/Quality.java target/bench-data)
printf '%s\n' "$block" | bench/results-block.sh quality
