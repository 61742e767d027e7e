#!/usr/bin/env bash
# Load on verdict-server with wrk (Debian), loopback, bounded in time:
# POST /api/v1/check with 300-owner dossiers (scripts/gen-corpus.py), throughput and
# p50/p99 latency; the server's RSS sampled every 10 s; and, on the same files,
# `verdict check --jobs 2` files/s for comparison. See docs/performance.md.
#
#   scripts/load-server.sh [SECONDS]      (default 60)
# Environment: SERVER=BIN, VERDICT=BIN (default: the debug builds), FILES=N (default 100),
#              CONNECTIONS=N (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60}"
server="${SERVER:-.build/debug/verdict-server}"
verdict="${VERDICT:-.build/debug/verdict}"
files="${FILES:-100}"
connections="${CONNECTIONS:-4}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -x "$server" ] && [ -x "$verdict" ] || swift build

corpus=".bench/server-300-$files"
[ -d "$corpus" ] || python3 scripts/gen-corpus.py --out "$corpus" --dossiers "$files" --owners 300 --decisions 3 --kind community >/dev/null
work=$(mktemp -d /tmp/verdict-load.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "load-password" | "$server" user add load --role bureau --password-stdin --data "$work/data" >/dev/null
"$server" --port 0 --data "$work/data" --log-level warning >"$work/out" 2>"$work/log" &
pid=$!
for _ in $(seq 1 600); do grep -q '^listening on' "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/out")
token=$(curl -s -X POST "$url/api/v1/login" -d '{"user":"load","password":"load-password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

ls "$corpus"/*.xml > "$work/files"
cat > "$work/post.lua" <<LUA
local bodies = {}
for path in io.lines("$work/files") do
  local f = io.open(path, "rb"); bodies[#bodies + 1] = f:read("*a"); f:close()
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/xml"
wrk.headers["Authorization"] = "Bearer $token"
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/api/v1/check", nil, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("statuses: %d requests, %d non-2xx/3xx, %d errors\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
echo "server: $server; files: $files × 300 owners ($(du -sh "$corpus" | cut -f1)); $connections connections, ${duration}s"
curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/xml' --data-binary @"$(head -1 "$work/files")" "$url/api/v1/check"
echo "RSS after one check: $(rss) KiB"
( for t in $(seq 10 10 "$duration"); do sleep 10; echo "RSS at +${t}s: $(rss) KiB"; done ) &
sampler=$!
wrk -t 2 -c "$connections" -d "${duration}s" --timeout 60s --latency -s "$work/post.lua" "$url/api/v1/check"
wait "$sampler" 2>/dev/null || true
echo "RSS after the run: $(rss) KiB"

# One normal check at a time, alone and then beside two clients posting, in a loop, the
# billion-laughs fixture and a 50,000-owner dossier with 50,000 schema errors.
errors=".bench/server-50000-errors.xml"
if [ ! -f "$errors" ]; then
  python3 scripts/gen-corpus.py --out "$work/big" --dossiers 1 --owners 50000 --decisions 1 --kind community >/dev/null
  sed -E 's/ area="[^"]*"/ area="x"/g' "$work"/big/*.xml > "$errors"
fi
normal=$(head -1 "$work/files")
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
latencies() {
  for _ in $(seq 1 21); do
    curl -s -o /dev/null -w '%{time_total}\n' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/xml' \
      --data-binary @"$normal" "$url/api/v1/check"
  done | median
}
alone=$(latencies)
hostile() {
  while :; do
    curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/xml' --data-binary @"$1" "$url/api/v1/check"
  done
}
hostile Tests/Fixtures/dossiers-bad/billion-laughs.xml & h1=$!
hostile "$errors" & h2=$!
sleep 1
beside=$(latencies)
kill "$h1" "$h2"; wait "$h1" "$h2" 2>/dev/null || true
python3 -c "print(f'normal check, median of 21: alone {$alone*1000:.0f} ms, beside the hostile and the 50,000-error dossiers {$beside*1000:.0f} ms (x{$beside/$alone:.2f})')"

echo "verdict check --jobs 2 on the same files (3 runs):"
for _ in 1 2 3; do
  start=$(date +%s.%N)
  "$verdict" check --jobs 2 --format jsonl "$corpus" >/dev/null || true
  end=$(date +%s.%N)
  python3 -c "import sys; n=$files; t=$end-$start; print(f'  {n} files in {t:.2f} s: {n/t:.1f} files/s')"
done
