#!/usr/bin/env bash
# Builds the libFuzzer targets (release, with AddressSanitizer) and runs each over a corpus seeded
# from the committed fixtures.
#
#   bash Fuzz/run.sh                 # smoke: 3000 inputs per target from a fixed seed, reproducible
#                                    # (what .ci/run does)
#   bash Fuzz/run.sh 600             # a campaign: 600 s per target
#   bash Fuzz/run.sh 600 gro xtc     # only some targets
#   bash Fuzz/run.sh runs:1000000 xtc # a campaign of a fixed number of inputs per target
#
# Crashes, hangs (-timeout 10 s per input) and inputs that allocate more than 2 GB stop a target
# and leave the input in Fuzz/findings/TARGET/; put a fixed one in Fuzz/regressions/TARGET/ so the
# test suite (FuzzRegressionTests) keeps it answered.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
seconds="${1:-smoke}"
shift || true
all=(lammps-dump lammps-data gro pdb xyz xtc trr dcd gsd selection toml job)
targets=("${@:-${all[@]}}")
cd "$here"
# SwiftPM's --sanitize fuzzer links libFuzzer but (Swift 6.3) leaves the code without coverage
# counters, so libFuzzer would mutate blind: ask for them explicitly.
coverage=(-Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp)
swift build -c release --sanitize fuzzer --sanitize address "${coverage[@]}" >/dev/null 2>&1
bin="$(swift build -c release --sanitize fuzzer --sanitize address "${coverage[@]}" --show-bin-path)"
fixtures="$root/Tests/IonIOTests/Fixtures"
seed() {  # seed TARGET FILES...: a corpus folder of small copies of the given files
    local dir="$here/corpus/$1"; shift
    mkdir -p "$dir"
    for f in "$@"; do [ -f "$f" ] && head -c 65536 "$f" > "$dir/$(basename "$f")" || true; done
    find "$here/regressions/${dir##*/}" -type f -exec cp {} "$dir/" \; 2>/dev/null || true
}
demo="$root/Sources/ionscope/DemoData"
seed lammps-dump "$fixtures"/*/*.lammpstrj <(zcat "$demo/demo.lammpstrj.gz" | head -c 65536) \
    <(zcat "$root/Tests/Fixtures/kob-andersen/ka-pe.lammpstrj.gz" | head -c 65536)
seed lammps-data "$fixtures"/*/*.data "$demo/demo.data"
seed gro "$fixtures"/*/*.gro
seed pdb "$fixtures"/*/*.pdb
seed xyz "$fixtures"/*/*.xyz "$fixtures"/*/*.extxyz
seed xtc "$fixtures"/*/*.xtc
seed trr "$fixtures"/*/*.trr
seed dcd "$fixtures"/*/*.dcd
seed gsd "$fixtures"/*/*.gsd
seed toml "$demo/demo.toml"
seed job "$demo/demo.toml"
mkdir -p "$here/corpus/selection"
i=0
for s in "all" "none" "type 1 2" "name O* and not resname SOL" "(charge > 0.5 or mass < 2) and index 0-9" \
    "resid 1:5 or mol 3" "element Li" "not (type 1 or type 2)"; do
    printf '%s' "$s" > "$here/corpus/selection/seed$i"; i=$((i + 1))
done
status=0
for t in "${targets[@]}"; do
    mkdir -p "$here/findings/$t"
    case "$seconds" in
    smoke) limits=(-seed=1 -runs=3000) ;;
    runs:*) limits=(-runs="${seconds#runs:}") ;;
    *) limits=(-max_total_time="$seconds") ;;
    esac
    echo "== fuzz-$t: ${limits[*]}"
    log="$here/findings/$t/last-run.log"
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin/fuzz-$t" "$here/corpus/$t" \
        "${limits[@]}" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$here/findings/$t/" -print_final_stats=1 >"$log" 2>&1; then
        grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+ *DONE" "$log" || true
    else
        status=1
        tail -n 40 "$log"
    fi
done
exit $status
