#!/usr/bin/env bash
# Replaces the `<!-- begin:NAME -->` ... `<!-- end:NAME -->` block of bench/RESULTS.md with the
# text read from stdin (markers are appended once if missing), and echoes that text. The file is
# replaced atomically, so an interrupted run leaves the previous figures whole. Every bench script
# ends with it; capture a benchmark's output first so that a failed run rewrites nothing:
#   block=$(java ... bench/X.java); printf '%s\n' "$block" | bench/results-block.sh NAME
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: bench/results-block.sh NAME < body   (NAME: the block of bench/RESULTS.md to replace)" >&2
  exit 2
fi
name="$1"
results="$(dirname "$0")/RESULTS.md"
body=$(cat)
printf '%s\n' "$body"
if ! grep -qF "<!-- begin:$name -->" "$results"; then
  printf '\n\n<!-- begin:%s -->\n<!-- end:%s -->\n' "$name" "$name" >>"$results"
fi
tmp=$(mktemp "$results.XXXXXX")
trap 'rm -f "$tmp"' EXIT
BODY="$body" awk -v name="$name" '
  $0 == "<!-- begin:" name " -->" { print; print ENVIRON["BODY"]; skip = 1; next }
  $0 == "<!-- end:" name " -->" { skip = 0 }
  !skip { print }' "$results" >"$tmp"
chmod --reference="$results" "$tmp"
mv "$tmp" "$results"
