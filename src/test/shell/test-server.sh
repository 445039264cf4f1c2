#!/usr/bin/env bash
# Runs a test double of src/test from a shell, on 127.0.0.1. --help lists each one's options.
#
#   src/test/shell/test-server.sh vendor [options]   Quickchat/Plugit (dev.handoff.remote.VendorTestServer):
#       keeps state like the real APIs (ids, ETags on request), can play a colleague editing the
#       dashboard; needs HANDOFF_QUICKCHAT_TOKEN / HANDOFF_PLUGIT_TOKEN set; prints its URL
#   src/test/shell/test-server.sh openai [options]   OpenAI-compatible Chat Completions
#       (dev.handoff.classify.openai.OpenAiTestServer): answers after --latency-ms, 429s on request
#
# The first run compiles the tests (./mvnw test-compile).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
stale=no
[ -f "$root/target/test-classpath.txt" ] && [ -f "$root/target/test-classes/dev/handoff/remote/VendorTestServer.class" ] || stale=yes
if [ "$stale" = no ] && [ -n "$(find "$root/src" "$root/pom.xml" -newer "$root/target/test-classpath.txt" -type f -print -quit)" ]; then
  stale=yes
fi
if [ "$stale" = yes ]; then
  echo "test-server: compiling the tests (./mvnw test-compile)..." >&2
  (cd "$root" && ./mvnw -q test-compile) >&2
  touch "$root/target/test-classpath.txt"
fi
case "${1:-}" in
  vendor) main=dev.handoff.remote.VendorTestServer ;;
  openai) main=dev.handoff.classify.openai.OpenAiTestServer ;;
  *) echo "usage: $0 vendor|openai [options]   (--help after the name lists them)" >&2; exit 2 ;;
esac
shift
exec java -cp "$root/target/test-classes:$root/target/classes:$(cat "$root/target/test-classpath.txt")" "$main" "$@"
