#!/usr/bin/env bash
# `handoff validate` and `handoff diff A B` on generated configurations with very long lists, well
# under the 5 MB file limit: 60,000 keywords (no keyword inside another), 30,000 availability slots
# that all overlap (29,999 errors) and 10,000 slots that overlap nowhere. Every check must be near
# linear in the length of a list: before the checks were indexed, comparing every keyword with every
# other took 60-100 s and every slot with every other 20-80 s on this kind of machine.
#
# Generates the files into target/bench/, runs each command RUNS times (default 3) and prints the
# median wall time, then rewrites the large-lists block of bench/RESULTS.md.
#
# Usage: bench/large-lists.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
out=target/bench
mkdir -p "$out"
if [ ! -f target/handoff.jar ]; then
  ./mvnw -B -q -DskipTests package
fi

# a valid quickchat file whose keywords and availability are given (already indented list lines)
config() { # KEYWORD_AWK AVAILABILITY_AWK
  echo 'x-handoff:'
  echo '  provider: quickchat'
  echo 'settings:'
  echo '  is_active: true'
  echo '  keywords:'
  awk "BEGIN { $1 }"
  echo '  ai_summary_active: true'
  echo '  question_message: Would you like to talk to a person?'
  echo '  confirmation_message: Someone from the team will join shortly.'
  echo '  confirmation_outside_working_hours_message: We are offline; leave your e-mail and we will answer.'
  echo '  working_hours_active: true'
  echo '  timezone: Europe/Berlin'
  echo '  send_email_notification: false'
  echo '  emails: []'
  echo 'availability:'
  awk "BEGIN { $2 }"
  echo 'generic_guidelines: []'
  echo 'custom_guidelines: []'
  echo 'routing_profiles: []'
}
one_slot='print "  - day_span: monday-friday\n    start_time: \"08:00\"\n    end_time: \"18:00\""'
config 'for (i = 0; i < 60000; i++) print "    - keyword number " i " here"' "$one_slot" >"$out/keywords-60000.yaml"
config 'print "    - speak to a human"' \
  'for (i = 0; i < 30000; i++) print "  - day_span: monday-sunday\n    start_time: \"00:00\"\n    end_time: \"23:59\""' \
  >"$out/slots-overlapping-30000.yaml"
config 'print "    - speak to a human"' \
  'split("monday tuesday wednesday thursday friday saturday sunday", d, " ");
   for (i = 0; i < 10000; i++) { m = int(i / 7); printf "  - day_span: %s\n    start_time: \"%02d:%02d\"\n    end_time: \"%02d:%02d\"\n", d[i % 7 + 1], int(m / 60), m % 60, int((m + 1) / 60), (m + 1) % 60 }' \
  >"$out/slots-apart-10000.yaml"

median_ms() { # CMD...: median wall time of RUNS runs, in ms (exit codes 0 and 1 are answers)
  local times=() t0 t1 i
  for ((i = 0; i < runs; i++)); do
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || [ $? -le 1 ] || { echo "bench: '$*' failed" >&2; exit 1; }
    t1=$EPOCHREALTIME
    times+=($(( (${t1/./} - ${t0/./}) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

java=java
[ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
run=("$java" -jar target/handoff.jar)
rows=""
for f in keywords-60000 slots-overlapping-30000 slots-apart-10000; do
  size=$(( $(wc -c <"$out/$f.yaml") / 1024 ))
  v=$(median_ms "${run[@]}" validate --no-color "$out/$f.yaml")
  d=$(median_ms "${run[@]}" diff --no-color "$out/$f.yaml" "$out/$f.yaml")
  rows+="| \`$f.yaml\` | $size | $v | $d |"$'\n'
done
version=$("$java" -version 2>&1 | head -1)
block="Median wall time of $runs runs ($version, $(nproc) cores, $(date +%Y-%m-%d)), start-up included:

| file (generated in target/bench/) | KB | \`validate\` ms | \`diff\` of the file with itself ms |
|---|--:|--:|--:|
${rows%$'\n'}

Before the checks were indexed (keywords inside keywords by pairs, overlapping slots by pairs, the
day spans of a list counted once per slot), the first two took 60 s and 22 s on the same machine.
Rerun: \`bench/large-lists.sh\`."
printf '%s\n' "$block" | bench/results-block.sh large-lists
