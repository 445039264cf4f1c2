#!/usr/bin/env bash
# Start-up of the launcher, as a ratio to `java -version` measured in the same run (same JDK,
# same machine load): `./handoff --version` (target <= 3x) and
# `./handoff validate guidelines/quickchat-support.yaml` (target <= 6x).
# Median of RUNS runs after WARMUP warm-ups (hyperfine when installed, else a date +%s%N loop).
# Prints the figures and rewrites the `startup` block of bench/RESULTS.md.
#
#   bench/startup.sh                                   # the JDK of JAVA_HOME or the PATH
#   BENCH_JDKS="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-10}"
warmup="${WARMUP:-3}"
default_jdk="${JAVA_HOME:-$(cd -P "$(dirname "$(readlink -f "$(command -v java)")")/.." && pwd)}"
jdks=(${BENCH_JDKS:-$default_jdk})
validate_file=guidelines/quickchat-support.yaml
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# "median min cpu" in ms of one command (cpu: mean user+system; "-" without hyperfine)
measure() {
  local cmd="$1"
  if command -v hyperfine >/dev/null; then
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$tmp/h.json" "$cmd" >/dev/null 2>&1
    field() { grep -o "\"$1\": *[0-9.e+-]*" "$tmp/h.json" | head -1 | awk '{print $2}'; }
    awk -v med="$(field median)" -v min="$(field min)" -v u="$(field user)" -v s="$(field system)" \
      'BEGIN {printf "%.1f %.1f %.1f", med * 1000, min * 1000, (u + s) * 1000}'
  else
    local i t0 t1
    for ((i = 0; i < warmup; i++)); do $cmd >/dev/null 2>&1; done
    : >"$tmp/times"
    for ((i = 0; i < runs; i++)); do
      t0=$(date +%s%N); $cmd >/dev/null 2>&1; t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000)) >>"$tmp/times"
    done
    sort -n "$tmp/times" | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f %.1f -", m / 1000, a[1] / 1000}'
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b == "-" || a == "-") print "-"; else printf "%.1f", a / b}'; }

classes() { # classes loaded, and how many of them from the heavy libraries that must stay off this path
  HANDOFF_JAVA_OPTS="-Xlog:class+load:file=$tmp/cl.txt" ./handoff "$@" >/dev/null 2>&1 || true
  local all heavy
  all=$(grep -c 'class,load' "$tmp/cl.txt")
  heavy=$(grep -ciE 'langchain4j|onnxruntime|ai\.djl|okhttp3|okio|kotlin|sqlite|jline\.terminal' "$tmp/cl.txt" || true)
  echo "$all classes ($heavy from langchain4j, ONNX Runtime, OkHttp, SQLite or the JLine terminal)"
}

tool="$(command -v hyperfine >/dev/null && echo "hyperfine $(hyperfine --version | awk '{print $2}')" || echo "a date +%s%N loop")"
block="$tmp/block.md"
{
  echo "Measured by \`bench/startup.sh\` on $(date -u +%Y-%m-%d) with $tool: median of $runs runs after $warmup warm-ups,"
  echo "each ratio against \`java -version\` of the same JDK in the same run. Load average at the start:"
  echo "$(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other work was running; absolute figures move with it, ratios less)."
  echo
  echo "The ratio and target are on the medians; the fastest run and the CPU time (user + system, which other"
  echo "work on the machine inflates least) are given beside them for a machine under less load."
  echo
  echo "| JDK | command | median | ratio | target | fastest (ratio) | CPU (ratio) |"
  echo "|---|---|---|---|---|---|---|"
} >"$block"

for jdk in "${jdks[@]}"; do
  export JAVA_HOME="$jdk"
  java="$jdk/bin/java"
  version="$("$java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  ./handoff --version >/dev/null # builds if needed and makes this JDK's class-data archive
  read -r base base_min base_cpu <<<"$(measure "$java -version")"
  read -r ver ver_min ver_cpu <<<"$(measure "./handoff --version")"
  read -r val val_min val_cpu <<<"$(measure "./handoff validate $validate_file")"
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

# rewrite the startup block of bench/RESULTS.md
awk -v block="$block" '
  /<!-- begin:startup -->/ { print; while ((getline line < block) > 0) print line; skip = 1; next }
  /<!-- end:startup -->/ { skip = 0 }
  !skip { print }
' bench/RESULTS.md >"$tmp/results" && cat "$tmp/results" >bench/RESULTS.md
echo "bench/RESULTS.md: startup block rewritten"
