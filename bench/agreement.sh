#!/usr/bin/env bash
# Agreement of the embedded classifier with an LLM's reading of the example configuration's criteria
# (../shared/data/llm-reference, see its README): micro-F1, exact per-turn agreement and firing rates
# on the REPORT part of a split by a hash of the item id (60% TUNE / 40% REPORT, see bench/Agreement.java).
# Prints the figures and rewrites the `agreement` block of bench/RESULTS.md.
#   Usage: bench/agreement.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${HANDOFF_DATA:-../shared/data}}"
if [[ $# -eq 0 && -z "${HANDOFF_DATA:-}" && ! -d "$data" && -d ../../shared/data ]]; then
  data=../../shared/data
fi
turns="$data/llm-reference/turns.jsonl"
if [ ! -f "$turns" ]; then
  echo "bench/agreement.sh: no $turns (pass the data folder as the first argument)" >&2
  exit 2
fi
./mvnw -B -q package -DskipTests
block=$(java -Xmx2g -cp "target/handoff.jar:target/lib/*" bench/Agreement.java "$turns" builtin "the classifier as built")
body="Run: \`bench/agreement.sh\` on $(date -u +%Y-%m-%d). Reference: the $(wc -l <"$turns" | tr -d ' ') LLM-labelled turns of
../shared/data/llm-reference (the example configuration's criteria as worded on 2026-12-05), split by the SHA-1 of the
item id into TUNE (first byte < 154, about 60%) and REPORT (the rest). Only the criteria the reference labels are
compared (lack_of_knowledge and media_message are left out).

$block"
printf '%s\n' "$body" | bench/results-block.sh agreement
