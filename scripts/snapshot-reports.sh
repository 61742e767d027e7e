#!/usr/bin/env bash
# Saves the JSON report of every example and every fixture dossier, one file each, so that an
# engine change can prove itself: run it with the old binary and the new one, then `diff -r`.
#   scripts/snapshot-reports.sh OUT-DIR [VERDICT-BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/snapshot-reports.sh OUT-DIR [VERDICT-BINARY]}
bin=${2:-.build/debug/verdict}
mkdir -p "$out"
find examples Tests/Fixtures/dossiers-ok Tests/Fixtures/dossiers-bad -name '*.xml' | LC_ALL=C sort | while read -r f; do
  dest="$out/${f//\//__}.json"
  "$bin" check --format json "$f" > "$dest" 2>/dev/null || true
done
# Whole folders too (summaries, ordering).
for d in examples/community examples/firm examples/renovation examples/series/dismissal examples/firms-2024; do
  "$bin" check --format json "$d" > "$out/dir__${d//\//__}.json" 2>/dev/null || true
done
echo "$(ls "$out" | wc -l) reports in $out"
