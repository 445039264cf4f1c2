#!/usr/bin/env bash
# The Ollama classifier against a local Ollama-compatible test server with a fixed 50 ms latency.
# Prints the figures and rewrites the `ollama` block of bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests
block=$(java -cp "target/handoff.jar:target/lib/*" bench/OllamaBench.java)
printf '%s\n' "$block" | bench/results-block.sh ollama
