#!/usr/bin/env bash
# The openai classifier against the OpenAI-compatible test server of src/test with a fixed 50 ms
# latency: requests per turn, wall time against the ideal, reruns, and a 20% 429 rate.
# Prints the figures and rewrites the `openai` block of bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests
block=$(java -cp "target/handoff.jar:target/lib/*:target/test-classes" bench/OpenAiBench.java)
printf '%s\n' "$block" | bench/results-block.sh openai
