#!/usr/bin/env bash
# Runs the fuzz targets one after another and writes a summary line per target:
# executions, executions per second, peak memory and the memory at the first and last
# libFuzzer status line (growth shows there). A target that finds a fault stops and
# the next one runs; the input is in fuzz/artifacts/<target>/ and the exit code is 1.
#
#   bash fuzz/run.sh                         # every target
#   bash fuzz/run.sh rules http_body         # some
#   SECONDS_PER_TARGET=600 RUNS=10000000 bash fuzz/run.sh
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on stable (`-s none`: no
# sanitizer, which safe Rust does not need for memory errors). The corpora are laid
# from the shipped files by seed.py the first time and grow in fuzz/corpus/ (not
# committed). Each target runs under `nice`, with libFuzzer's -timeout=1 (an input
# slower than 1 s is a fault; TIMEOUT=N for a loaded machine, the replay at the end
# still holds every input to 1 s) and -rss_limit_mb=2048.
set -euo pipefail
cd "$(dirname "$0")"
SECS="${SECONDS_PER_TARGET:-600}"
RUNS="${RUNS:-10000000}"
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else
    TARGETS=(rules case_reader document corpus_index http_body); fi

cargo fuzz build -s none -O
BIN="${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release"
[ -d corpus ] || python3 seed.py "${BESLUTSKOLL_BIN:-}"
mkdir -p logs
faults=0
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    # The longest input the fuzzer makes. The shipped files are longer than this, but a
    # mutation of a whole 40 kB rule file costs 100 times one of a single rule and finds
    # no more: seed.py also lays each rule alone, each case and draft whole. The index
    # bound fits the real index of examples/corpus that seed.py builds.
    case "$t" in
        rules) len=8192 ;;
        corpus_index) len=262144 ;;
        document) len=65536 ;;
        *) len=16384 ;;
    esac
    # A dictionary of the tokens the target's readers and checks look for.
    case "$t" in
        rules) dict=(-dict=dict/regler.dict) ;;
        corpus_index) dict=() ;;
        *) dict=(-dict=dict/text.dict) ;;
    esac
    status=0
    nice -n "${NICE:-10}" "$BIN/$t" "corpus/$t" "${dict[@]}" -runs="$RUNS" -max_total_time="$SECS" \
        -rss_limit_mb=2048 -timeout="${TIMEOUT:-1}" -max_len="${MAX_LEN:-$len}" -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" 2>"logs/$t.log" || status=$?
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log")"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$t.log")"
    peak="$(sed -n 's/^stat::peak_rss_mb: *//p' "logs/$t.log")"
    first="$(awk '/ rss: / {sub(/.* rss: /, ""); print $1 + 0; exit}' "logs/$t.log")"
    last="$(awk '/ rss: / {sub(/.* rss: /, ""); r = $1 + 0} END {print r}' "logs/$t.log")"
    cov="$(awk '/ cov: / {sub(/.* cov: /, ""); c = $1 + 0} END {print c}' "logs/$t.log")"
    # libFuzzer's timeout is wall time: on a loaded machine (or under `nice`) an
    # input that takes milliseconds can wait a second for the processor. So the run
    # may use a longer TIMEOUT, and the whole corpus is then replayed once with the
    # 1 s timeout, each input alone; `slowest` is the slowest input of that replay.
    slowest="?"
    if "$BIN/$t" "corpus/$t" -runs=0 -timeout=1 -max_len="${MAX_LEN:-$len}" \
        -print_final_stats=1 2>"logs/$t.replay.log"; then
        slowest="$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "logs/$t.replay.log")s"
    else
        slowest="FAULT"
        status=1
    fi
    echo "RESULT $t: executions=${execs:-?} exec/s=${rate:-?} coverage=${cov:-?} rss_first=${first:-?}MB rss_last=${last:-?}MB peak=${peak:-?}MB corpus=$(ls "corpus/$t" | wc -l) replay_slowest=$slowest exit=$status $(date -u +%FT%TZ)"
    if [ "$status" -ne 0 ]; then
        echo "FAULT in $t: see fuzz/logs/$t.log and fuzz/artifacts/$t/" >&2
        faults=1
    fi
done
exit "$faults"
