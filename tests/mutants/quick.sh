#!/bin/sh
# The quick mutants (`quick: yes` in tests/mutants/mutants.txt): each a
# one-line change to the product that a unit test must catch, applied in a
# throwaway copy of the tree (tests/mutants/run.py), never in this one.
# One "ok - mutant ID is killed" per mutant; `make mutants` runs them all.
. tests/lib.sh
plain_build_only "the mutants rebuild the plain build; the sanitizer build is not mutated"
needs python3 python3
python3 tests/mutants/run.py --quick --tap >"$TMP/out" 2>&1
rc=$?
cat "$TMP/out"
[ $rc -eq 0 ] || grep -q '^not ok' "$TMP/out" ||
    not_ok "the quick mutants run" "tests/mutants/run.py exited $rc (above)"
# The whole list must still apply to today's code: a mutant whose text has
# moved is never run by make mutants, so it would guard nothing.
python3 tests/mutants/run.py --check >"$TMP/check" 2>&1
rc=$?
check "every mutant of tests/mutants/mutants.txt applies exactly once ($(tail -n1 "$TMP/check"))" test $rc -eq 0
[ $rc -eq 0 ] || grep ERROR "$TMP/check"
