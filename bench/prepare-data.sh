#!/usr/bin/env bash
# Imports the public labelled data sets of the data folder (bench/README.md lists its files and
# sources) into transcript JSONL
# under target/bench-data/, one file per source, for the quality benchmarks to pick from.
# The files are derived from data that must not enter the repository: target/ is never committed.
#
#   bench/prepare-data.sh [DATA_DIR]      (default: $HANDOFF_DATA, else ../shared/data, else
#                                          ../../shared/data for a worktree one level deeper)
#
# Labels (criterion names of guidelines/quickchat-support.yaml, checked with --config):
#   hint3.jsonl      HINT3 v2 train (curekart, powerplay11, sofmattress): CHAT_WITH_AGENT,
#                    CHAT_WITH_AN_AGENT, CALL_CENTER, CONTACT_NUMBER -> asks_for_human;
#                    CRITICISM -> user_frustration; every other label -> no handoff, except
#                    sofmattress' LEAD_GEN, left out: it mixes call-back and live-agent requests
#                    ("Please call me back", "Connect to an agent") with purchase intents ("I want
#                    to buy this"), so either label would be wrong for a third of its rows
#   bitext.jsonl     Bitext sample: contact_human_agent -> asks_for_human, complaint ->
#                    user_frustration, rest no handoff; meta.tags keeps the tags column
#                    (W = offensive wording), meta.category the intent category
#   A request for a person also lists `keywords`: when such a row contains a configured keyword
#   ("live agent"), the keyword rule firing is right, not a wrong reason. Rows without a keyword
#   never fire it, and it only counts as missed when asks_for_human missed too (the scoring rules, docs/replay.md).
#   clinc150.jsonl   CLINC150 train/val/oos_train/oos_val: oos -> lack_of_knowledge, every
#                    intent else no handoff (are_you_a_bot: hard negatives for asks_for_human);
#                    meta.split and meta.label let a benchmark choose
#   banking77.jsonl  Banking77 train: all no handoff (hard negatives); meta.label = category
#   uss.jsonl        USS SGD dialogues: first user turn with mean rating <= 2 expects
#                    user_frustration from that turn; otherwise no handoff
set -euo pipefail
cd "$(dirname "$0")/.."

data="${1:-${HANDOFF_DATA:-../shared/data}}"
if [[ $# -eq 0 && -z "${HANDOFF_DATA:-}" && ! -d "$data" && -d ../../shared/data ]]; then
  data=../../shared/data
fi
out=target/bench-data
config=guidelines/quickchat-support.yaml

if [[ ! -d "$data" ]]; then
  echo "prepare-data: no data directory at '$data'; nothing to import (pass the path as the first argument)" >&2
  exit 0
fi

if [[ ! -f target/handoff.jar || -n "$(find src pom.xml -newer target/handoff.jar -print -quit)" ]]; then
  echo "prepare-data: building target/handoff.jar ..." >&2
  ./mvnw -B -q -DskipTests package
fi

handoff() {
  java -cp "target/handoff.jar:target/lib/*" dev.handoff.cli.Main "$@"
}

mkdir -p "$out"

# Runs one import when its inputs exist; prints the command and the summary line.
run_import() {
  local name="$1"; shift
  local arg
  for arg in "$@"; do
    if [[ "$arg" == "$data"/* && ! -f "$arg" ]]; then
      echo "$name: skipped, $arg is missing" >&2
      return 0
    fi
  done
  echo "+ handoff transcripts import $* --config $config --out $out/$name.jsonl" >&2
  printf '%-16s ' "$name.jsonl"
  handoff transcripts import "$@" --config "$config" --out "$out/$name.jsonl"
}

human() { # LABEL... -> LABEL=asks_for_human,LABEL=keywords,...
  local label out=""
  for label in "$@"; do out+="${out:+,}$label=asks_for_human,$label=keywords"; done
  printf '%s' "$out"
}

run_import hint3 --source hint3 --text-column sentence --label-column label \
  --map "$(human CHAT_WITH_AGENT CHAT_WITH_AN_AGENT CALL_CENTER CONTACT_NUMBER),CRITICISM=user_frustration" \
  --skip-label LEAD_GEN \
  "$data/hint3/curekart_train.csv" "$data/hint3/powerplay11_train.csv" "$data/hint3/sofmattress_train.csv"

run_import bitext --source bitext --text-column instruction --label-column intent --meta-column tags,category \
  --map "$(human contact_human_agent),complaint=user_frustration" \
  "$data/bitext/customer_support_6480.csv"

run_import clinc150 --format clinc --source clinc150 --map oos=lack_of_knowledge \
  "$data/clinc150/data_dev.json"

run_import banking77 --source banking77 --text-column text --label-column category \
  "$data/banking77/train.csv"

run_import uss --format uss --source uss --max-rating 2 \
  "$data/uss/SGD.txt"

echo >&2
echo "per file: transcripts, expected handoffs by criterion" >&2
for f in "$out"/*.jsonl; do
  [[ -f "$f" ]] || continue
  printf '%-16s %7d  %s\n' "$(basename "$f")" "$(wc -l <"$f")" \
    "$(grep -o '"criteria":\[[^]]*\]' "$f" | sort | uniq -c | awk '{printf "%s %s  ", $2, $1}' | sed 's/"criteria"://g')"
done
