#!/usr/bin/env bash
# Verdict benchmark: Verdict against the libxml2 parse floor, on the same files, in one run.
#
#   scripts/bench.sh [--quick] [--no-build] [--huge]
#
#   --quick      small corpora (200 files; a 30,000-owner dossier) and 3 runs: a smoke run
#   --no-build   do not run `swift build`; use the binary of the last release build
#   --huge       also check one 2,000,000-owner dossier (issue #12; ~325 MB, generated once
#                into .bench/corpus; about 4 minutes and 3 GB for verdict, more memory for
#                xmllint --huge): one run each, wall time and peak RSS
#
# Environment:
#   SCRATCH=DIR  pass `--scratch-path DIR` to swift build (a separate build folder)
#   VERDICT=BIN  measure this verdict binary (implies --no-build)
#   RUNS=N       timed runs per command (default 5, --quick 3); the median is reported
#   BENCH_DIR=D  cache and report folder (default .bench/, git-ignored)
#   HUGE_OWNERS=M  owners of the --huge dossier (default 2000000); only for testing this
#                script (e.g. HUGE_OWNERS=3000): the target names 2,000,000
#
# Measures, for each scenario, interleaved round by round (round r runs every command
# once, so that load from other processes falls on all of them alike):
#   parse-floor      scripts/parse-floor.c: xmlReadFile + xmlFreeDoc per file (libxml2 only)
#   xmllint          xmllint --noout FILES                     (Debian libxml2-utils)
#   xmllint+xsd      xmllint --noout --schema schema/dossier.xsd FILES   (for information)
#   verdict -j1      verdict check --format jsonl --jobs 1 DIR >/dev/null
#   verdict -jN      verdict check --format jsonl --jobs $(nproc) DIR >/dev/null
#   shapes only      verdict check --rules SHAPES --format jsonl --jobs 1 DIR >/dev/null, where
#                    SHAPES holds only dossier.rules, params.rules, law/ and calendar/: reading,
#                    XSD, structure checks and the report without the rules (issue #10's
#                    "rules alone" = verdict -j1 - shapes only, scenario A)
# and prints wall time (median), files/s, MB/s, peak RSS (max over the runs, from
# /usr/bin/time -f %M), the ratios to xmllint and to the parse floor; then the growth
# table (300 .. 200,000 owners), the start-to-exit time of one small dossier, with --huge
# the 2,000,000-owner dossier, and the targets of issues #8, #10 and #12.
# The report goes to stdout and to .bench/last.txt; progress goes to stderr.
# See docs/performance.md.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

QUICK=0
BUILD=1
HUGE=0
for a in "$@"; do
    case $a in
        --quick) QUICK=1 ;;
        --no-build) BUILD=0 ;;
        --huge) HUGE=1 ;;
        -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown argument '$a' (try --help)" >&2; exit 2 ;;
    esac
done
[[ -n ${VERDICT:-} ]] && BUILD=0

BENCH=${BENCH_DIR:-$ROOT/.bench}
mkdir -p "$BENCH"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/verdict-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
JOBS=$(nproc)
if (( QUICK )); then RUNS=${RUNS:-3}; else RUNS=${RUNS:-5}; fi
GROWTH_RUNS=$RUNS
START_RUNS=20
HUGE_M=${HUGE_OWNERS:-2000000}
[[ $HUGE_M =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: HUGE_OWNERS must be a positive integer" >&2; exit 2; }

note() { printf '%s\n' "bench: $*" >&2; }
die() { printf '%s\n' "bench: $*" >&2; exit 1; }

# ----------------------------------------------------------------------------- tools

APT_UPDATED=0
apt_install() {
    local sudo=()
    if (( EUID != 0 )); then
        command -v sudo >/dev/null || { note "cannot install $* (not root, no sudo)"; return 1; }
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null || { note "cannot install $* (no apt-get)"; return 1; }
    note "installing $* with apt-get"
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2; then
        (( APT_UPDATED )) && return 1
        APT_UPDATED=1
        "${sudo[@]}" apt-get update -q >&2 || return 1
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2 || return 1
    fi
}

command -v xmllint >/dev/null || apt_install libxml2-utils || die "xmllint is needed (apt-get install libxml2-utils)"
[[ -x /usr/bin/time ]] || apt_install time || die "/usr/bin/time is needed (apt-get install time)"
command -v cc >/dev/null || apt_install gcc || die "a C compiler is needed"
pkg-config --exists libxml-2.0 2>/dev/null || apt_install pkg-config libxml2-dev || die "libxml2-dev and pkg-config are needed"
command -v python3 >/dev/null || apt_install python3 || die "python3 is needed for scripts/gen-corpus.py"
command -v hyperfine >/dev/null || apt_install hyperfine || note "hyperfine not available (optional): skipping its cross-check"

# ----------------------------------------------------------------------------- build

SCRATCH_ARGS=()
[[ -n ${SCRATCH:-} ]] && SCRATCH_ARGS=(--scratch-path "$SCRATCH")
if [[ -n ${VERDICT:-} ]]; then
    BIN=$VERDICT
else
    if (( BUILD )); then
        note "swift build -c release ${SCRATCH_ARGS[*]}"
        swift build -c release "${SCRATCH_ARGS[@]}" >&2
    fi
    BIN="$(swift build -c release "${SCRATCH_ARGS[@]}" --show-bin-path)/verdict"
fi
[[ -x $BIN ]] || die "no verdict binary at $BIN (build it, or drop --no-build)"

# The rules and schema are read from a snapshot taken now, so that a long run measures one
# library even while the working tree changes (the whole shipped library, as built).
LIB=$TMP/lib
mkdir -p "$LIB"
cp -R "$ROOT/rules" "$ROOT/schema" "$LIB/"
RULES_ARGS=(--rules "$LIB/rules")
# The shapes-only library (issue #10's "rules alone" is the full check minus this one): the
# shapes and facts (dossier.rules), the parameters, the law (articles) and the calendar, and
# no rule. Nothing else is needed to load it: the schema is found beside the rules directory
# (../schema/dossier.xsd), so the copy sits next to $LIB/rules and shares $LIB/schema.
SHAPES=$LIB/shapes
mkdir -p "$SHAPES"
cp -R "$LIB/rules/dossier.rules" "$LIB/rules/params.rules" "$LIB/rules/law" "$LIB/rules/calendar" "$SHAPES/"
SHAPES_ARGS=(--rules "$SHAPES")

FLOOR=$BENCH/parse-floor
if [[ ! -x $FLOOR || $ROOT/scripts/parse-floor.c -nt $FLOOR ]]; then
    note "compiling scripts/parse-floor.c"
    # shellcheck disable=SC2046
    cc -O2 -o "$FLOOR" "$ROOT/scripts/parse-floor.c" $(pkg-config --cflags --libs libxml-2.0)
fi

# ----------------------------------------------------------------------------- corpora

GEN_SUM=$(sha256sum "$ROOT/scripts/gen-corpus.py" | cut -c1-16)
SEED=20250715

# corpus NAME DOSSIERS OWNERS DECISIONS KIND: generate once into $BENCH/corpus/NAME
corpus() {
    local name=$1 n=$2 m=$3 k=$4 kind=$5
    local dir=$BENCH/corpus/$name
    local stamp="n=$n owners=$m decisions=$k kind=$kind seed=$SEED gen=$GEN_SUM"
    if [[ -f $dir/.stamp && $(cat "$dir/.stamp") == "$stamp" ]]; then
        return
    fi
    note "generating $name: $n dossiers x $m owners x $k decisions ($kind)"
    rm -rf "$dir"
    python3 "$ROOT/scripts/gen-corpus.py" --out "$dir" --dossiers "$n" --owners "$m" \
        --decisions "$k" --kind "$kind" --seed "$SEED"
    printf '%s\n' "$stamp" >"$dir/.stamp"
}

if (( QUICK )); then
    CORPUS_N=200; BIG_M=30000; GROWTH=(300 3000 30000)
else
    CORPUS_N=2000; BIG_M=200000; GROWTH=(300 3000 30000 200000)
fi
corpus "community-${CORPUS_N}x300x3" "$CORPUS_N" 300 3 community
corpus "community-1x${BIG_M}x3" 1 "$BIG_M" 3 community
for m in "${GROWTH[@]}"; do corpus "community-1x${m}x3" 1 "$m" 3 community; done
if (( HUGE )); then corpus "community-1x${HUGE_M}x3" 1 "$HUGE_M" 3 community; fi

# ----------------------------------------------------------------------------- measuring

REPORT=$BENCH/last.txt
: >"$REPORT.tmp"
out() { printf '%s\n' "$*" | tee -a "$REPORT.tmp"; }
outf() { local f=$1; shift; printf "$f" "$@" | tee -a "$REPORT.tmp"; }

fmt() { awk -v x="$1" -v f="$2" 'BEGIN { printf f, x }'; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.6f", a / b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { # EPOCHREALTIME difference, locale-proof
    awk -v a="${1/,/.}" -v b="${2/,/.}" 'BEGIN { printf "%.6f", b - a }'
}

# argv_for CMD DIR: the command line of CMD on the dossiers in DIR (into ARGV)
argv_for() {
    local cmd=$1 dir=$2
    local files=("$dir"/*.xml)
    case $cmd in
        floor)   ARGV=("$FLOOR" "${files[@]}") ;;
        xmllint) ARGV=(xmllint --noout "${files[@]}") ;;
        xsd)     ARGV=(xmllint --noout --schema "$LIB/schema/dossier.xsd" "${files[@]}") ;;
        v1)      ARGV=("$BIN" check "${RULES_ARGS[@]}" --format jsonl --jobs 1 "$dir") ;;
        vN)      ARGV=("$BIN" check "${RULES_ARGS[@]}" --format jsonl --jobs "$JOBS" "$dir") ;;
        vS)      ARGV=("$BIN" check "${SHAPES_ARGS[@]}" --format jsonl --jobs 1 "$dir") ;;
        *) die "unknown command $cmd" ;;
    esac
}

declare -A TIMES RSS   # key "DIR|CMD": newline-separated wall seconds; max RSS in KB

# run_once CMD DIR: one timed run, appended to TIMES and RSS
run_once() {
    local cmd=$1 dir=$2 key="$2|$1" t0 t1 rc=0 kb
    argv_for "$cmd" "$dir"
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$TMP/rss" "${ARGV[@]}" >/dev/null 2>"$TMP/err" || rc=$?
    t1=$EPOCHREALTIME
    # verdict exits 1 when a dossier is noncompliant: that is a result, not a failure
    if (( rc != 0 )) && ! [[ $cmd == v* && $rc == 1 ]]; then
        cat "$TMP/err" >&2
        die "$cmd on $dir exited with $rc"
    fi
    kb=$(tail -n1 "$TMP/rss")
    TIMES[$key]+="$(seconds "$t0" "$t1")"$'\n'
    local prev=${RSS[$key]:-0}
    if (( kb > prev )); then RSS[$key]=$kb; fi
}

# measure DIR RUNS CMD...: RUNS rounds, each running every CMD once (interleaved)
measure() {
    local dir=$1 runs=$2; shift 2
    local r c todo=()
    for c in "$@"; do [[ -n ${TIMES["$dir|$c"]:-} ]] || todo+=("$c"); done
    (( ${#todo[@]} )) || return 0
    cat "$dir"/*.xml >/dev/null   # page cache
    for (( r = 1; r <= runs; r++ )); do
        note "  round $r/$runs: ${todo[*]}"
        for c in "${todo[@]}"; do run_once "$c" "$dir"; done
    done
}
med() { printf '%s' "${TIMES["$1|$2"]}" | median; }
lo()  { printf '%s' "${TIMES["$1|$2"]}" | sort -g | head -n1; }
hi()  { printf '%s' "${TIMES["$1|$2"]}" | sort -g | tail -n1; }

dir_bytes() { cat "$1"/*.xml | wc -c; }
dir_files() { local f=("$1"/*.xml); echo "${#f[@]}"; }

verdict_of() { # verdict_of VALUE OP LIMIT -> PASS/FAIL
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
        ok = (op == "<=") ? (v <= l) : (op == ">=") ? (v >= l) : (op == "<") ? (v < l) : 0
        print ok ? "PASS" : "FAIL" }'
}

label() {
    case $1 in
        floor) echo "parse-floor (xmlReadFile)" ;;
        xmllint) echo "xmllint --noout" ;;
        xsd) echo "xmllint --noout --schema (info)" ;;
        v1) echo "verdict check --jobs 1" ;;
        vN) echo "verdict check --jobs $JOBS" ;;
        vS) echo "verdict shapes only --jobs 1" ;;
    esac
}

# scenario_table DIR TITLE CMD...: the table of one scenario, a row per CMD
scenario_table() {
    local dir=$1 title=$2 files bytes mb x fl c t
    shift 2
    files=$(dir_files "$dir"); bytes=$(dir_bytes "$dir"); mb=$(div "$bytes" 1000000)
    x=$(med "$dir" xmllint); fl=$(med "$dir" floor)
    out ""
    out "$title"
    outf '  %s files, %.1f MB (%.1f KB per file); median of %d runs\n' "$files" "$mb" "$(div "$bytes" $((files * 1000)))" "$RUNS"
    outf '  %-34s %9s %17s %9s %8s %9s %10s %9s\n' "command" "wall s" "(min..max)" "files/s" "MB/s" "peak MB" "x xmllint" "x floor"
    for c in "$@"; do
        t=$(med "$dir" "$c")
        outf '  %-34s %9.3f %17s %9.1f %8.1f %9.1f %9.2fx %8.2fx\n' "$(label "$c")" "$t" \
            "($(fmt "$(lo "$dir" "$c")" %.2f)..$(fmt "$(hi "$dir" "$c")" %.2f))" \
            "$(div "$files" "$t")" "$(div "$mb" "$t")" "$(div "${RSS["$dir|$c"]}" 1024)" \
            "$(div "$t" "$x")" "$(div "$t" "$fl")"
    done
}

HOST="$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)"
if COMMIT=$(git rev-parse --short HEAD 2>/dev/null); then
    git diff --quiet HEAD -- Sources Package.swift rules schema 2>/dev/null || COMMIT+="+dirty"
else
    COMMIT="unknown (not a git checkout)"
fi

out "Verdict benchmark ($( ((QUICK)) && echo quick || echo full )) — $(date -u '+%Y-%m-%d %H:%M UTC')"
out "  machine: $HOST; $(uname -sr); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
out "  verdict: $BIN (commit $COMMIT)"
out "  $(swift --version 2>/dev/null | head -n1 | sed 's/^ *//') | libxml2 $(xmllint --version 2>&1 | awk '/using libxml version/ { print $NF }') | $(command -v hyperfine >/dev/null && hyperfine --version || echo 'no hyperfine')"
out "  rules: the whole shipped library (rules/ and schema/ copied at start, commit $COMMIT); verdict output: jsonl to /dev/null"

# -------------------------------------------------------------- scenario A: many dossiers
A=$BENCH/corpus/community-${CORPUS_N}x300x3
note "scenario A: $A"
measure "$A" "$RUNS" floor xmllint xsd v1 vS vN
scenario_table "$A" "A. $CORPUS_N community dossiers x 300 owners x 3 decisions" floor xmllint xsd v1 vN vS
# issue #10: the rules alone, the full check less the same run with the shapes-only library
RULES_ALONE=$(awk -v a="$(med "$A" v1)" -v b="$(med "$A" vS)" 'BEGIN { printf "%.6f", a - b }')
RULES_RATIO=$(div "$RULES_ALONE" "$(med "$A" xmllint)")
outf '  %-34s %9.3f %17s %9s %8s %9s %9.2fx\n' "rules alone (--jobs 1 - shapes)" "$RULES_ALONE" "(of medians)" "" "" "" "$RULES_RATIO"

# -------------------------------------------------------------- scenario B: one large dossier
B=$BENCH/corpus/community-1x${BIG_M}x3
note "scenario B: $B"
measure "$B" "$RUNS" floor xmllint xsd v1 vS vN
scenario_table "$B" "B. one community dossier x $BIG_M owners x 3 decisions" floor xmllint xsd v1 vN vS

# -------------------------------------------------------------- growth
note "growth"
out ""
out "C. growth: one dossier, 3 decisions, owners from ${GROWTH[0]} to ${GROWTH[-1]} (median of $GROWTH_RUNS runs; start-up included)"
outf '  %8s %8s %10s %10s %10s %12s %14s %9s %10s %9s\n' "owners" "MB" "floor s" "xmllint s" "verdict s" "verdict us/o" "marginal us/o" "exponent" "x xmllint" "peak MB"
prev_n=""; prev_t=""; MAX_EXP=""; step=0
for m in "${GROWTH[@]}"; do
    G=$BENCH/corpus/community-1x${m}x3
    measure "$G" "$GROWTH_RUNS" floor xmllint v1
    t=$(med "$G" v1); x=$(med "$G" xmllint)
    marg="-"; expo="-"
    if [[ -n $prev_n ]]; then
        marg=$(awk -v t="$t" -v pt="$prev_t" -v n="$m" -v pn="$prev_n" 'BEGIN { printf "%.2f", (t - pt) / (n - pn) * 1e6 }')
        expo=$(awk -v t="$t" -v pt="$prev_t" -v n="$m" -v pn="$prev_n" 'BEGIN { printf "%.2f", log(t / pt) / log(n / pn) }')
        step=$((step + 1))
        # the first step is dominated by start-up (loading the rules): judge the later ones
        if (( step >= 2 )) && [[ -z $MAX_EXP || $(verdict_of "$expo" '<=' "$MAX_EXP") == FAIL ]]; then MAX_EXP=$expo; fi
    fi
    outf '  %8d %8.2f %10.3f %10.3f %10.3f %12.2f %14s %9s %9.2fx %9.1f\n' "$m" "$(div "$(dir_bytes "$G")" 1000000)" \
        "$(med "$G" floor)" "$x" "$t" "$(awk -v t="$t" -v n="$m" 'BEGIN { printf "%.2f", t / n * 1e6 }')" "$marg" "$expo" "$(div "$t" "$x")" \
        "$(div "${RSS["$G|v1"]}" 1024)"
    prev_n=$m; prev_t=$t
done
out "  marginal us/o = (t - t_prev) / (owners - owners_prev); exponent = log(t/t_prev) / log(owners/owners_prev): 1.00 is linear"
out "  (the first step is mostly start-up; the growth target takes the largest exponent of the later steps)"

# -------------------------------------------------------------- start to exit, one small dossier
note "start-to-exit"
SMALL=examples/community/committee-size-5.xml
ST=()
"$BIN" check "${RULES_ARGS[@]}" "$SMALL" >/dev/null 2>&1 || true   # warm the page cache
for (( r = 1; r <= START_RUNS; r++ )); do
    t0=$EPOCHREALTIME
    rc=0; "$BIN" check "${RULES_ARGS[@]}" "$SMALL" >/dev/null 2>"$TMP/err" || rc=$?
    t1=$EPOCHREALTIME
    (( rc <= 1 )) || { cat "$TMP/err" >&2; die "verdict check $SMALL exited with $rc"; }
    ST+=("$(seconds "$t0" "$t1")")
done
START_MED=$(printf '%s\n' "${ST[@]}" | median)
START_MIN=$(printf '%s\n' "${ST[@]}" | sort -g | head -n1)
START_MAX=$(printf '%s\n' "${ST[@]}" | sort -g | tail -n1)
/usr/bin/time -f '%M' -o "$TMP/rss" "$BIN" check "${RULES_ARGS[@]}" "$SMALL" >/dev/null 2>&1 || true
START_RSS=$(tail -n1 "$TMP/rss")
XS=()
for (( r = 1; r <= START_RUNS; r++ )); do
    t0=$EPOCHREALTIME; xmllint --noout "$SMALL"; t1=$EPOCHREALTIME; XS+=("$(seconds "$t0" "$t1")")
done
XS_MED=$(printf '%s\n' "${XS[@]}" | median)
out ""
out "D. start to exit: verdict check $SMALL (text report, whole shipped library), $START_RUNS runs"
outf '  verdict median %.1f ms (min %.1f, max %.1f), peak %.1f MB; xmllint --noout on the same file: %.1f ms\n' \
    "$(awk -v x="$START_MED" 'BEGIN { print x * 1000 }')" "$(awk -v x="$START_MIN" 'BEGIN { print x * 1000 }')" \
    "$(awk -v x="$START_MAX" 'BEGIN { print x * 1000 }')" "$(div "$START_RSS" 1024)" "$(awk -v x="$XS_MED" 'BEGIN { print x * 1000 }')"
if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r "$START_RUNS" -i --export-json "$TMP/hf.json" "$BIN check ${RULES_ARGS[*]} $SMALL" >/dev/null 2>&1 &&
        outf '  hyperfine cross-check: median %.1f ms\n' \
            "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"] * 1000)' "$TMP/hf.json")"
fi

# -------------------------------------------------------------- --huge: one very large dossier
# issue #12: a 2,000,000-owner dossier checks (exit 0 or 1, report complete). One run of each
# command (minutes each), verdict first; the report is kept in $TMP to see that it is complete.
if (( HUGE )); then
    H=$BENCH/corpus/community-1x${HUGE_M}x3
    HF=("$H"/*.xml)
    note "huge: $H (one run each: verdict, then xmllint --huge)"
    cat "${HF[@]}" >/dev/null   # page cache
    rc=0; t0=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$TMP/rss" "$BIN" check "${RULES_ARGS[@]}" --format jsonl --jobs 1 "$H" >"$TMP/huge.jsonl" 2>"$TMP/huge.err" || rc=$?
    t1=$EPOCHREALTIME
    HUGE_T=$(seconds "$t0" "$t1"); HUGE_RC=$rc; HUGE_KB=$(tail -n1 "$TMP/rss")
    (( rc <= 1 )) || { note "verdict on the huge dossier exited with $rc:"; head -n 20 "$TMP/huge.err" >&2; }
    # complete: every line is JSON, one dossier line with a status, a summary of 1 dossier, 0 errors
    if python3 - "$TMP/huge.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
dossiers = [l for l in lines if "file" in l]
s = lines[-1].get("summary", {}) if lines else {}
ok = (len(dossiers) == 1 and dossiers[0].get("status") in ("compliant", "noncompliant", "incomplete")
      and s.get("dossiers") == 1 and s.get("errors") == 0)
sys.exit(0 if ok else 1)
PY
    then HUGE_COMPLETE=1; else HUGE_COMPLETE=0; fi
    rc=0; t0=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o "$TMP/rss" xmllint --noout --huge "${HF[@]}" >/dev/null 2>"$TMP/err" || rc=$?
    t1=$EPOCHREALTIME
    HUGE_XT=$(seconds "$t0" "$t1"); HUGE_XRC=$rc; HUGE_XKB=$(tail -n1 "$TMP/rss")
    (( rc == 0 )) || { note "xmllint --huge exited with $rc:"; head -n 5 "$TMP/err" >&2; }
    out ""
    out "E. one huge dossier: $(dir_files "$H") file x $HUGE_M owners x 3 decisions, $(fmt "$(div "$(dir_bytes "$H")" 1000000)" %.1f) MB; one run each, --jobs 1"
    outf '  verdict %.1f s, peak %.1f MB, exit %d, report %s; xmllint --noout --huge on the same file: %.1f s, peak %.1f MB, exit %d (%.2fx its time, %.2fx its peak)\n' \
        "$HUGE_T" "$(div "$HUGE_KB" 1024)" "$HUGE_RC" "$( ((HUGE_COMPLETE)) && echo complete || echo INCOMPLETE)" \
        "$HUGE_XT" "$(div "$HUGE_XKB" 1024)" "$HUGE_XRC" "$(div "$HUGE_T" "$HUGE_XT")" "$(div "$HUGE_KB" "$HUGE_XKB")"
    (( HUGE_M == 2000000 )) || out "  (HUGE_OWNERS=$HUGE_M: a test of the script, not the dossier the target names)"
fi

# -------------------------------------------------------------- targets
tA1=$(med "$A" v1); tAx=$(med "$A" xmllint); tAN=$(med "$A" vN)
tB1=$(med "$B" v1); tBx=$(med "$B" xmllint)
rA=$(div "$tA1" "$tAx"); rB=$(div "$tB1" "$tBx")
mB=$(div "${RSS["$B|v1"]}" "${RSS["$B|xmllint"]}")
sp=$(div "$tA1" "$tAN")
START_MS=$(awk -v x="$START_MED" 'BEGIN { printf "%.1f ms", x * 1000 }')
target() { outf '  %-62s %10s  %s\n' "$@"; }
out ""
out "Targets (each against xmllint --noout on the same files in this run; XSD and all rules on Verdict's side)"
out "  issue #8"
target "A: verdict --jobs 1 within 3x xmllint" "$(fmt "$rA" %.2fx)" "$(verdict_of "$rA" '<=' 3)"
target "B: verdict --jobs 1 within 4x xmllint ($BIG_M owners)" "$(fmt "$rB" %.2fx)" "$(verdict_of "$rB" '<=' 4)"
target "B: verdict peak RSS within 1.5x xmllint's" "$(fmt "$mB" %.2fx)" "$(verdict_of "$mB" '<=' 1.5)"
target "C: linear growth (largest exponent from ${GROWTH[1]} owners on <= 1.10)" "${MAX_EXP:-?}" "$(verdict_of "${MAX_EXP:-9}" '<=' 1.10)"
target "D: one small dossier, start to exit, under 50 ms" "$START_MS" "$(verdict_of "$START_MED" '<' 0.050)"
target "A: --jobs $JOBS throughput at least 1.8x --jobs 1 (median of $RUNS)" "$(fmt "$sp" %.2fx)" "$(verdict_of "$sp" '>=' 1.8)"
out "  issue #10"
target "A: verdict --jobs 1 within 2.5x xmllint" "$(fmt "$rA" %.2fx)" "$(verdict_of "$rA" '<=' 2.5)"
target "A: rules alone within 0.5x xmllint's parse" "$(fmt "$RULES_RATIO" %.2fx)" "$(verdict_of "$RULES_RATIO" '<=' 0.5)"
target "D: one small dossier, start to exit, at most 20 ms" "$START_MS" "$(verdict_of "$START_MED" '<=' 0.020)"
target "A: --jobs $JOBS throughput at least 1.85x --jobs 1 (median of $RUNS)" "$(fmt "$sp" %.2fx)" "$(verdict_of "$sp" '>=' 1.85)"
out "  issue #12"
target "B: verdict --jobs 1 within 2x xmllint ($BIG_M owners)" "$(fmt "$rB" %.2fx)" "$(verdict_of "$rB" '<=' 2)"
target "B: verdict peak RSS within 0.3x xmllint's" "$(fmt "$mB" %.2fx)" "$(verdict_of "$mB" '<=' 0.3)"
target "C: linear growth (largest exponent from ${GROWTH[1]} owners on <= 1.05)" "${MAX_EXP:-?}" "$(verdict_of "${MAX_EXP:-9}" '<=' 1.05)"
if (( HUGE )); then
    if (( HUGE_RC <= 1 && HUGE_COMPLETE )); then HV=PASS; else HV=FAIL; fi
    target "E: a $HUGE_M-owner dossier checks (exit 0 or 1, report complete)" "$(fmt "$HUGE_T" '%.1f s')" "$HV (exit $HUGE_RC, peak $(fmt "$(div "$HUGE_KB" 1024)" %.0f) MB; xmllint --huge $(fmt "$HUGE_XT" %.1f) s, $(fmt "$(div "$HUGE_XKB" 1024)" %.0f) MB)"
else
    target "E: a 2000000-owner dossier checks (exit 0 or 1, report complete)" "-" "not run (use --huge)"
fi
if (( QUICK )); then out "  (quick run: smaller corpora than the targets name; use the full run to judge them)"; fi

mv "$REPORT.tmp" "$REPORT"
note "report written to $REPORT"
