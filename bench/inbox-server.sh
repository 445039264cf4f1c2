# Sourced by the inbox benches (ingest.sh, slowloris.sh): builds the jar when sources are newer,
# starts `handoff inbox serve` on a free loopback port with a throw-away database and bench-only
# secrets, and sets $work, $url and $load_before; the server is stopped and $work removed on exit.
if [[ ! -f target/handoff.jar || -n "$(find src/main pom.xml -newer target/handoff.jar -print -quit)" ]]; then
  ./mvnw -B -q package -DskipTests
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# bench-only secrets, generated per run
export HANDOFF_WEBHOOK_SECRET="bench-whsec-$RANDOM$RANDOM"
export HANDOFF_INBOX_TOKEN="bench-token-$RANDOM$RANDOM"

# INBOX_JAVA_OPTS: extra JVM options for the server, to compare settings (recorded in the block)
# shellcheck disable=SC2086
java ${INBOX_JAVA_OPTS:-} -jar target/handoff.jar inbox serve --listen 127.0.0.1:0 --db "$work/inbox.db" 2>"$work/server.log" &
server_pid=$!
url=
for _ in $(seq 1 200); do
  url=$(grep -o '"url":"[^"]*"' "$work/server.log" | head -1 | cut -d'"' -f4 || true)
  [[ -n "$url" ]] && break
  sleep 0.05
done
[[ -n "$url" ]] || { echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
