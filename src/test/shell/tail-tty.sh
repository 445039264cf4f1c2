#!/usr/bin/env bash
# handoff tail gives the terminal back exactly as it found it (stty -g before = after): speed,
# line discipline, echo and canonical mode, after --once, after the full screen is left with q,
# and after a refused connection. Needs bash and script(1) (util-linux, for a terminal); JUnit
# cannot open one, so this runs by hand: src/test/shell/tail-tty.sh
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"
export HANDOFF_INBOX_TOKEN="tty-check-token"

on_tty() { # on_tty NAME KEYS COMMAND: runs COMMAND on a fresh terminal, KEYS typed after 4 s; stty -g before and after
  local name="$1" keys="$2"; shift 2
  (sleep 4; printf '%b' "$keys") | script -q -e -c "stty -g >$work/$name.before; $*; stty -g >$work/$name.after" /dev/null \
    >"$work/$name.out" 2>&1
}

same_tty() { [ -s "$work/$1.before" ] && cmp -s "$work/$1.before" "$work/$1.after"; }

"$handoff" --version >/dev/null || exit 2   # build first, outside the timed terminal runs
on_tty once "" "$handoff" tail --inbox http://127.0.0.1:1 --once
check "tail --once against no server restores the terminal" same_tty once
on_tty screen "q" "$handoff" tail --inbox http://127.0.0.1:1
check "the full screen left with q restores the terminal" same_tty screen
on_tty ctrlc '\003' "$handoff" tail --inbox http://127.0.0.1:1
check "the full screen left with Ctrl-C restores the terminal" same_tty ctrlc
summary
