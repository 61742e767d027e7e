#!/usr/bin/env bash
# Fuzz the rule parser/checker/formatter and dossier loading/evaluation with libFuzzer.
#
#   scripts/fuzz.sh [SECONDS]          # each target for SECONDS (default 600), both at once on 2 cores
#   scripts/fuzz.sh 60 rules           # one target only: rules | dossier
#
# Builds into .build-fuzz (git-ignored) with -sanitize=fuzzer,address. Corpora live in
# .fuzz/ (seeded from rules/ and examples/); every crash is copied to
# Tests/Fixtures/fuzz-regressions/<target>/, which the test suite replays.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
only="${2:-all}"
export VERDICT_FUZZ=1
flags=(-c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)
mkdir -p .fuzz/rules .fuzz/dossier .fuzz/artifacts Tests/Fixtures/fuzz-regressions/rules Tests/Fixtures/fuzz-regressions/dossier
find rules -name '*.rules' -exec cp {} .fuzz/rules/ \; 2>/dev/null || true
cp Tests/Fixtures/diagnostics/*.rules .fuzz/rules/ 2>/dev/null || true
find examples -name '*.xml' -size -64k | head -400 | while read -r f; do cp "$f" ".fuzz/dossier/$(echo "$f" | tr '/' '_')"; done

run() {
  local target=$1 product=$2 corpus=$3 maxlen=$4
  swift build "${flags[@]}" --product "$product"
  local bin=".build-fuzz/debug/$product"
  local log=".fuzz/$target.log"
  set +e
  ASAN_OPTIONS=detect_leaks=0 "$bin" "$corpus" -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix=".fuzz/artifacts/$target-" -print_final_stats=1 >"$log" 2>&1
  local rc=$?
  set -e
  for a in .fuzz/artifacts/"$target"-*; do [ -e "$a" ] && cp "$a" "Tests/Fixtures/fuzz-regressions/$target/"; done
  echo "== $target: exit $rc; $(grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' "$log" | tail -2 | tr '\n' ' ')"
  grep -E '^==[0-9]+==ERROR|deadly signal|Fatal error|SUMMARY' "$log" | head -5 || true
}

case "$only" in
  rules) run rules FuzzRules .fuzz/rules 8192 ;;
  dossier) run dossier FuzzDossier .fuzz/dossier 65536 ;;
  all)
    # Build both first (one build at a time), then fuzz both at once.
    swift build "${flags[@]}" --product FuzzRules
    swift build "${flags[@]}" --product FuzzDossier
    run rules FuzzRules .fuzz/rules 8192 &
    run dossier FuzzDossier .fuzz/dossier 65536 &
    wait ;;
  *) echo "usage: scripts/fuzz.sh [SECONDS] [rules|dossier|all]" >&2; exit 2 ;;
esac
