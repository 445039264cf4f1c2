# Sourced by the shell check scripts of this folder: a work folder, one line per check, a test
# server started in the background and stopped on exit. The sourcing script sets nothing first.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
handoff="$root/handoff"
work="$(mktemp -d "${TMPDIR:-/tmp}/handoff-$(basename "$0" .sh).XXXXXX")"
server_pid=""
failures=0
checks=0

cleanup() {
  stop_server
  if [ "${KEEP:-}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

check() { # check "what" command...: runs the command, prints ok or FAIL
  local what="$1"; shift
  checks=$((checks + 1))
  if "$@"; then echo "ok    $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}

contains() { grep -qF -- "$2" "$work/$1"; }   # contains LOG TEXT: LOG is a file in the work folder

start_server() { # start_server vendor|openai [options]: sets $url once the server listens
  stop_server
  rm -f "$work/url"
  "$root/src/test/shell/test-server.sh" "$@" --url-file "$work/url" >/dev/null 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 1 600); do
    [ -s "$work/url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 2; }
    sleep 0.2
  done
  url="$(cat "$work/url")"
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=""
  fi
}

summary() { # the last line, and the exit code: 0 only when every check held
  echo
  if [ "$failures" = 0 ]; then echo "all $checks checks hold"; else echo "$failures of $checks checks failed (KEEP=1 keeps $work)"; fi
  [ "$failures" = 0 ]
}
