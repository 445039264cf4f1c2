#!/usr/bin/env bash
# Starts the Quickchat/Plugit test double (src/test/java/dev/handoff/remote/VendorTestServer.java)
# on 127.0.0.1, for trying fetch, diff, push and restore from a shell. It keeps state like the real
# APIs (ids, ETags on request) and can play a colleague editing the dashboard. --help lists options.
#
#   export HANDOFF_QUICKCHAT_TOKEN=qc_test_1 HANDOFF_PLUGIT_TOKEN=plg_test_1
#   src/test/shell/vendor-test-server.sh --etags &     # prints its URL, e.g. http://127.0.0.1:40123
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
  echo "vendor-test-server: compiling the tests (./mvnw test-compile)..." >&2
  (cd "$root" && ./mvnw -q test-compile) >&2
  touch "$root/target/test-classpath.txt"
fi
exec java -cp "$root/target/test-classes:$root/target/classes:$(cat "$root/target/test-classpath.txt")" \
  dev.handoff.remote.VendorTestServer "$@"
