#!/usr/bin/env bash
# Start-up of the launcher, as a ratio to `java -version` measured in the same run (same JDK,
# same machine load): `./handoff --version` (target <= 3x) and
# `./handoff validate guidelines/quickchat-support.yaml` (target <= 6x).
#
# The three commands run round-robin, RUNS rounds after WARMUP rounds, timed with bash's
# $EPOCHREALTIME (no fork inside the timed window): on a shared machine the load drifts, and
# interleaving exposes all three commands to the same drift, which back-to-back batches (as
# hyperfine runs them) do not. Medians, fastest runs and CPU time (user + system of the child,
# from the `times` builtin, to the millisecond) are printed and written to the `startup` block of bench/RESULTS.md.
#
#   bench/startup.sh                                   # the JDK of JAVA_HOME or the PATH
#   BENCH_JDKS="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-20}"
warmup="${WARMUP:-3}"
default_jdk="${JAVA_HOME:-$(cd -P "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
read -ra jdks <<<"${BENCH_JDKS:-$default_jdk}"
validate_file=guidelines/quickchat-support.yaml
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# children's user + system CPU so far, in ms: the second line of the `times` builtin, run in
# this shell (in a $(...) subshell it would only count the subshell's own children)
ms_of() { # 1m2.345s -> 62345
  local m="${1%%m*}" s="${1#*m}"
  s="${s%s}"
  echo $((10#$m * 60000 + 10#${s/./}))
}
child_cpu_ms() {
  local user sys
  times >"$tmp/times"
  { read -r _ _; read -r user sys; } <"$tmp/times"
  echo $(($(ms_of "$user") + $(ms_of "$sys")))
}

# run_round FILE_PREFIX CMD...: one timed run of each command, appended to FILE_PREFIX.N
run_round() {
  local record="$1" i=0 cmd t0 t1 c0 c1
  shift
  for cmd in "$@"; do
    child_cpu_ms >"$tmp/c0"
    t0=$EPOCHREALTIME
    $cmd >/dev/null 2>&1
    t1=$EPOCHREALTIME
    child_cpu_ms >"$tmp/c1"
    if [ "$record" != - ]; then
      read -r c0 <"$tmp/c0"
      read -r c1 <"$tmp/c1"
      echo "$(((${t1/./} - ${t0/./}) / 1000)).$(printf '%03d' $(((${t1/./} - ${t0/./}) % 1000))) $((c1 - c0))" >>"$record.$i"
    fi
    i=$((i + 1))
  done
}

# "median min cpu" in ms from a file of "wall cpu" lines
summary() {
  sort -n "$1" | awk '{w[NR] = $1; c += $2} END {m = (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f", m, w[1], c / NR}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

classes() { # classes loaded, and how many of them from the heavy libraries that must stay off this path
  HANDOFF_JAVA_OPTS="-Xlog:class+load:file=$tmp/cl.txt" ./handoff "$@" >/dev/null 2>&1 || true
  local all heavy
  all=$(grep -c 'class,load' "$tmp/cl.txt")
  heavy=$(grep -ciE 'langchain4j|onnxruntime|ai\.djl|okhttp3|okio|kotlin|sqlite|jline\.terminal' "$tmp/cl.txt" || true)
  echo "$all classes ($heavy from langchain4j, ONNX Runtime, OkHttp, SQLite or the JLine terminal)"
}

block="$tmp/block.md"
{
  echo "Measured by \`bench/startup.sh\` on $(date -u +%Y-%m-%d): the three commands round-robin, $runs rounds after"
  echo "$warmup warm-up rounds; each ratio against \`java -version\` of the same JDK in the same rounds. Load average at"
  echo "the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other work was running; absolute figures move with it)."
  echo "The target is on the medians; the fastest run and the mean CPU time (user + system) are given beside them."
  echo
  echo "| JDK | command | median | ratio | target | fastest (ratio) | CPU (ratio) |"
  echo "|---|---|---|---|---|---|---|"
} >"$block"

for jdk in "${jdks[@]}"; do
  export JAVA_HOME="$jdk"
  java="$jdk/bin/java"
  version="$("$java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  ./handoff --version >/dev/null # builds if needed and makes this JDK's class-data archive
  cmds=("$java -version" "./handoff --version" "./handoff validate $validate_file")
  rm -f "$tmp"/t.*
  for ((r = 0; r < warmup; r++)); do run_round - "${cmds[@]}"; done
  for ((r = 0; r < runs; r++)); do run_round "$tmp/t" "${cmds[@]}"; done
  read -r base base_min base_cpu <<<"$(summary "$tmp/t.0")"
  read -r ver ver_min ver_cpu <<<"$(summary "$tmp/t.1")"
  read -r val val_min val_cpu <<<"$(summary "$tmp/t.2")"
  r1=$(ratio "$ver" "$base")
  r2=$(ratio "$val" "$base")
  ok1=$(awk -v r="$r1" 'BEGIN {print (r <= 3) ? "<= 3x: met" : "<= 3x: **missed**"}')
  ok2=$(awk -v r="$r2" 'BEGIN {print (r <= 6) ? "<= 6x: met" : "<= 6x: **missed**"}')
  printf '%s: java -version %s ms; handoff --version %s ms (%sx, target <= 3x; fastest %sx, CPU %sx); validate %s ms (%sx, target <= 6x; fastest %sx, CPU %sx)\n' \
    "$version" "$base" "$ver" "$r1" "$(ratio "$ver_min" "$base_min")" "$(ratio "$ver_cpu" "$base_cpu")" \
    "$val" "$r2" "$(ratio "$val_min" "$base_min")" "$(ratio "$val_cpu" "$base_cpu")"
  {
    echo "| $version | \`java -version\` | $base ms | 1.0x | | $base_min ms | $base_cpu ms |"
    echo "| $version | \`./handoff --version\` | $ver ms | ${r1}x | $ok1 | $ver_min ms ($(ratio "$ver_min" "$base_min")x) | $ver_cpu ms ($(ratio "$ver_cpu" "$base_cpu")x) |"
    echo "| $version | \`./handoff validate $validate_file\` | $val ms | ${r2}x | $ok2 | $val_min ms ($(ratio "$val_min" "$base_min")x) | $val_cpu ms ($(ratio "$val_cpu" "$base_cpu")x) |"
  } >>"$block"
  cv="$(classes --version)"
  cl="$(classes validate "$validate_file")"
  echo "  classes loaded: --version $cv; validate $cl"
  echo "$version classes loaded: \`--version\` $cv; \`validate\` $cl." >>"$tmp/classes"
done
{ echo; cat "$tmp/classes"; } >>"$block"

bench/results-block.sh startup <"$block" >/dev/null
echo "bench/RESULTS.md: startup block rewritten"
