#!/bin/sh
# libFuzzer run of every fuzz target (tests/fuzz/fuzz_*.c) for FUZZ_SECONDS
# each (10 in `make test`, 60 in `make fuzz`), built with clang into
# build/fuzz. New inputs go to build/fuzz/corpus/<target>; a crash leaves
# build/fuzz/crash-<target>-*: fix it, then commit that file into
# tests/fuzz/corpus/<target>/, which every test run replays. The script
# target is seeded by the UI scripts, read from tests/ui/scripts/ itself.
. tests/lib.sh
plain_build_only "the fuzz run belongs to the plain suite (it brings its own sanitizers)"
needs clang "clang, with libclang-rt-14-dev"
S=${FUZZ_SECONDS:-10}
F=build/fuzz
if ! env -u MAKEFLAGS -u MFLAGS make --no-print-directory -j2 FUZZ=1 SANITIZE=0 CC=clang WERROR=1 \
    BUILD=$F fuzzers >"$TMP/build.log" 2>&1; then
    not_ok "fuzz targets build with clang -fsanitize=fuzzer" "$(tail -n 20 "$TMP/build.log")"
    exit 1
fi
# seeds T: target T's committed input directories that exist (replay.c
# reads the same); libFuzzer refuses a corpus directory that is missing.
seeds() {
    for dir in "tests/fuzz/corpus/$1" $([ "$1" = script ] && echo tests/ui/scripts); do
        [ -d "$dir" ] && echo "$dir"
    done
}
for t in catalog config payload scanner script; do
    mkdir -p "$F/corpus/$t"
    "$F/fuzz_$t" -max_total_time="$S" -print_final_stats=1 -timeout=10 -rss_limit_mb=1024 \
        -artifact_prefix="$F/crash-$t-" "$F/corpus/$t" $(seeds "$t") >"$TMP/$t.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/$t.log")
    if [ $rc -eq 0 ] && [ "${execs:-0}" -gt 0 ]; then
        ok "fuzz $t: $execs executions in $S s, no crash ($(ls "$F/corpus/$t" | wc -l) inputs in its corpus)"
        echo "# fuzz $t: $execs executions in $S s"
    else
        not_ok "fuzz $t: exit $rc after ${execs:-?} executions" \
            "$(grep -E 'ERROR|SUMMARY|FUZZ_ASSERT|Test unit written|#0 |#1 |#2 ' "$TMP/$t.log" | head -n 20)"
    fi
done
