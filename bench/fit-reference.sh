#!/usr/bin/env bash
# Refits the embedded classifier's reference probes (src/main/resources/.../reference-probes.txt) on the
# LLM-labelled turns of llm-reference/turns.jsonl in the data folder (bench/README.md): hyper-parameters and thresholds by 5-fold
# cross-validation on the TUNE part, then the final fit on all turns (`all`, the default, what is shipped)
# or on TUNE only (`tune`, what bench/agreement.sh measures on REPORT). See docs/embedded-classifier.md.
#   Usage: bench/fit-reference.sh [DATA_DIR] [all|tune] [OUT_FILE]
#   DATA_DIR default: $HANDOFF_DATA, else ../shared/data, else ../../shared/data
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-${HANDOFF_DATA:-../shared/data}}"
if [[ $# -eq 0 && -z "${HANDOFF_DATA:-}" && ! -d "$data" && -d ../../shared/data ]]; then
  data=../../shared/data
fi
mode="${2:-all}"
out="${3:-src/main/resources/dev/handoff/classify/embedding/reference-probes.txt}"
turns="$data/llm-reference/turns.jsonl"
if [ ! -f "$turns" ]; then
  echo "bench/fit-reference.sh: no $turns (pass the data folder as the first argument)" >&2
  exit 2
fi
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
  dev.handoff.classify.embedding.FitReferenceProbes "$turns" "$out" "$mode"
