#!/usr/bin/env bash
# The CI recipe of docs/ci-recipe.md tried end to end from a shell, against the OpenAI-compatible
# test server (test-server.sh openai) on 127.0.0.1: record the LLM's verdicts, replay them with
# no server at all, see an unrecorded wording fail the gate, record both sides of a wording
# change, and produce the compare Markdown a pull request would show. One line per check; exit 0
# only when every check holds.
#
#   src/test/shell/verdicts-ci.sh            # keep the work folder: KEEP=1 src/test/shell/verdicts-ci.sh
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"
export OPENAI_API_KEY="sk-test-SHELL-0b7e4f12"

rc_in() { local rc="$1"; shift; for ok in "$@"; do [ "$rc" = "$ok" ] && return 0; done; echo "      exit code $rc, expected $*" >&2; return 1; }
differs() { ! cmp -s "$1" "$2"; }
none_unrecorded() { grep -qE '^    "no_recorded_verdict" : 0,' "$work/$1"; }

replay() { # replay LOG args...: handoff replay in the project, exit code returned
  local log="$1"; shift
  (cd "$work/project" && HOME="$work/home" "$handoff" --no-color replay --config guidelines/quickchat-support.yaml "$@" transcripts) \
      >"$work/$log.out" 2>"$work/$log.err"
}
llm() { replay "$@" --classifier openai --base-url "$url" --model test-model; }

echo "building handoff if needed..."
"$handoff" --version >/dev/null || exit 2
mkdir -p "$work/project/guidelines" "$work/home"
cp "$root"/guidelines/quickchat-support.yaml "$root"/guidelines/quickchat-support.eval.yaml "$work/project/guidelines/"
cp -r "$root/transcripts" "$work/project/"
verdicts="$work/project/guidelines/quickchat-support.verdicts.jsonl"

# --- 1. Record, then replay offline.
start_server openai --port 0 --latency-ms 5 --key-env OPENAI_API_KEY
llm record --record; record_rc=$?
check "replay --classifier openai --record runs (exit 0 or 1: the gate judges the model)" rc_in "$record_rc" 0 1
check "it wrote the verdict file beside the configuration" test -s "$verdicts"
cp "$verdicts" "$work/verdicts.first"
llm record-again --record
check "recording again gives the same bytes" cmp -s "$verdicts" "$work/verdicts.first"
check "... and asks the server nothing (every reply cached)" contains record-again.err "requests 0"
stop_server
replay recorded -o json --classifier recorded; recorded_rc=$?
check "--classifier recorded replays with no server running, same exit code" rc_in "$recorded_rc" "$record_rc"
check "... and no turn lacks a verdict" none_unrecorded recorded.out

# --- 2. Someone edits a criterion's wording and does not record.
cp "$work/project/guidelines/quickchat-support.yaml" "$work/base.yaml"
sed -i 's/has not arrived after 14 days/has not arrived after 10 working days/' "$work/project/guidelines/quickchat-support.yaml"
check "the wording edit applied" differs "$work/base.yaml" "$work/project/guidelines/quickchat-support.yaml"
replay unrecorded --classifier recorded; unrecorded_rc=$?
check "an unrecorded wording fails the gate (exit 1), decided by no other classifier" rc_in "$unrecorded_rc" 1
check "... and the message says how to record it" contains unrecorded.out "--record"

# --- 3. Record both sides of the change, then what CI runs: compare from the verdicts alone.
start_server openai --port 0 --latency-ms 5 --key-env OPENAI_API_KEY
llm compare-record --compare "$work/base.yaml" --record
stop_server
replay ci --classifier recorded --compare "$work/base.yaml" --markdown "$work/pr.md"; ci_rc=$?
check "CI's compare replay runs offline (exit 0 or 1)" rc_in "$ci_rc" 0 1
check "it writes the pull-request Markdown" test -s "$work/pr.md"
check "the Markdown puts both wordings side by side" grep -qiF "base" "$work/pr.md"
lines_before="$(wc -l <"$verdicts")"
replay prune --classifier recorded --prune
replay after-prune -o json --classifier recorded
check "--prune drops the old wording's verdicts ($lines_before lines before, $(wc -l <"$verdicts") after)" \
  test "$(wc -l <"$verdicts")" -lt "$lines_before"
check "... and keeps every verdict the current wording uses" none_unrecorded after-prune.out
check "the API key appears in no output and no file" bash -c "! grep -rqF -- '$OPENAI_API_KEY' '$work'/*.out '$work'/*.err '$work'/project '$work'/home '$work'/pr.md"

summary
