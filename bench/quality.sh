#!/usr/bin/env bash
# Quality of the embedded classifier on the public labelled data (../shared/data by default).
# Prints the figures and rewrites the `quality` block of bench/RESULTS.md.
# Usage: bench/quality.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
if [ ! -d "$data" ]; then
  echo "bench/quality.sh: no data folder at $data (pass its path as the first argument)" >&2
  exit 2
fi
./mvnw -B -q package -DskipTests
exec java -Xmx2g -cp "target/handoff.jar:target/lib/*" bench/Quality.java "$data" bench/RESULTS.md
