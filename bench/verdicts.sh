#!/usr/bin/env bash
# Recorded verdicts: how fast a verdict file of N verdicts loads and what it weighs (issue 8:
# "a verdict file of 20,000 turns loads in well under a second; say what it weighs in git").
#
# bench/VerdictsBench.java writes N synthetic single-turn transcripts and a verdict file with one
# verdict each (keys computed exactly as replay computes them, against a copy of
# guidelines/quickchat-support.yaml), times VerdictFile.read in-process, and measures bytes and
# gzip size. This script then times `handoff replay --classifier recorded` end to end over those
# transcripts (a fresh JVM: start-up, reading the file, replaying every turn) and commits the file
# to a throw-away git repository to give its packed size, and the growth of the pack when 1% of
# the verdicts change and are committed again. Rewrites the verdicts block of bench/RESULTS.md.
#
# Usage: bench/verdicts.sh [N]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
OUT=target/bench/verdicts
rm -rf "$OUT"
mkdir -p "$OUT"
if [ ! -f target/handoff.jar ]; then
  ./mvnw -B -q -DskipTests package
fi
CP="target/handoff.jar:target/lib/*"
IFS='|' read -r n first firstcpu best bestcpu bytes per gz gzper < <(java -cp "$CP" bench/VerdictsBench.java "$OUT" "$N")
FILE="$OUT/guidelines/quickchat-support.verdicts.jsonl"

/usr/bin/time -f "%e %U %S" -o "$OUT/time.txt" java -jar target/handoff.jar replay --classifier recorded \
  --config "$OUT/guidelines/quickchat-support.yaml" "$OUT/transcripts.jsonl" -o json > "$OUT/report.json"
read -r E2E E2EU E2ES < "$OUT/time.txt"
grep -q '"no_recorded_verdict" : 0' "$OUT/report.json"
/usr/bin/time -f "%e %U %S" -o "$OUT/time-k.txt" java -jar target/handoff.jar replay --classifier keywords \
  --config "$OUT/guidelines/quickchat-support.yaml" "$OUT/transcripts.jsonl" -o json > /dev/null
read -r KW KWU KWS < "$OUT/time-k.txt"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

REPO="$OUT/git"
git init -q "$REPO"
cp "$FILE" "$REPO/v.jsonl"
git -C "$REPO" add v.jsonl
git -C "$REPO" -c user.name=bench -c user.email=bench@example.invalid commit -qm one
git -C "$REPO" gc -q --aggressive
PACK1=$(du -cb "$REPO"/.git/objects/pack/*.pack | tail -1 | cut -f1)
# re-record: 1% of the verdicts get a new rationale (every 100th line), the rest keep their bytes
awk 'NR % 100 == 0 { sub(/"rationale":"[^"]*"/, "\"rationale\":\"Changed on re-recording.\"") } { print }' "$FILE" > "$REPO/v.jsonl"
git -C "$REPO" -c user.name=bench -c user.email=bench@example.invalid commit -qam two
git -C "$REPO" gc -q --aggressive
PACK2=$(du -cb "$REPO"/.git/objects/pack/*.pack | tail -1 | cut -f1)

JAVA=$(java -version 2>&1 | head -1)
block=$(cat <<MD
### Recorded verdicts: load time and weight (\`bench/verdicts.sh $N\`)

$n synthetic verdicts (one per single-turn transcript, 20% firing one criterion, rationales of
45-70 characters, keys computed as replay computes them against guidelines/quickchat-support.yaml).
Nothing was tuned on these figures except the reader (a streaming parser instead of a tree per
line, chosen because the first run's warm read took 760 ms wall). $JAVA, $(nproc) cores shared
with other work (load average $LOAD during the run), so CPU time is the figure to compare.

| measure | wall | CPU |
|---|--:|--:|
| \`VerdictFile.read\`, first read in a fresh JVM (class loading included) | $first ms | $firstcpu ms |
| \`VerdictFile.read\`, best of 5 warm reads | $best ms | $bestcpu ms |
| \`handoff replay --classifier recorded\` over the $n transcripts, end to end | ${E2E} s | $E2EU s user + $E2ES s sys |
| \`handoff replay --classifier keywords\`, same transcripts (no verdicts; for scale) | ${KW} s | $KWU s user + $KWS s sys |

| weight | bytes |
|---|--:|
| file size | $bytes bytes ($per bytes per verdict) |
| gzip | $gz bytes ($gzper bytes per verdict) |
| git pack after the first commit (\`git gc --aggressive\`) | $PACK1 bytes |
| git pack after re-recording 1% of the verdicts and committing | $PACK2 bytes (+$((PACK2 - PACK1))) |

Keys are SHA-256 hex (64 characters of the ~$per bytes a line), which is most of what does not
compress; a re-record that changes few verdicts adds little to the repository because unchanged
lines keep their bytes and git stores the new version as a delta.
MD
)
printf '%s\n' "$block" | bench/results-block.sh verdicts
