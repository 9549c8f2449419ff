#!/bin/sh
# make bench-check (and make test): the instruction counts of one scripted
# booking (tools/bench-ir.sh, callgrind) against tests/bench/baseline.txt.
# A count more than 10% above its baseline fails, with both figures; after a
# deliberate change, `make bench-baseline` writes the new baseline.
. tests/lib.sh
BASELINE=${BENCH_BASELINE:-tests/bench/baseline.txt}
LIMIT_PCT=10

# compare BASELINE FIGURES: one ok/not ok line per figure of BASELINE.
compare() {
    awk -v limit="$LIMIT_PCT" '
        NR == FNR { if ($1 !~ /^#/ && NF >= 2) base[$1] = $2; next }
        { now[$1] = $2 }
        END {
            for (k in base) {
                if (!(k in now) || now[k] !~ /^[0-9]+$/) {
                    printf "not ok - %s: no figure measured (baseline %s)\n", k, base[k]
                    continue
                }
                pct = (now[k] - base[k]) * 100.0 / base[k]
                line = sprintf("%s %s Ir, baseline %s (%+.1f%%, limit +%d%%)", k, now[k], base[k], pct, limit)
                if (pct > limit)
                    print "not ok - " line
                else
                    print "ok - " line
            }
        }' "$1" "$2" | sort
}

if [ "${SANITIZE:-0}" = 1 ]; then
    # The baseline counts the plain build; an ASan build counts ASan too.
    echo "# skip: the instruction counts are of the plain build (make test runs them)"
    exit 0
fi

# Everything below goes through tee so that make bench-check fails on any
# "not ok".
{
# A precondition, not a test of the product: the comparison itself, on
# made-up figures, must pass a small growth and a saving, and fail a growth
# past the limit or a missing figure; else nothing below could be trusted.
printf 'a_ir 1000 Ir\nb_ir 1000 Ir\nc_ir 1000 Ir\nd_ir 1000 Ir\n' >"$TMP/base"
printf 'a_ir 1100 Ir\nb_ir 1101 Ir\nc_ir 500 Ir\n' >"$TMP/now"
compare "$TMP/base" "$TMP/now" >"$TMP/cmp"
if grep -q '^ok - a_ir 1100' "$TMP/cmp" && grep -q '^not ok - b_ir 1101 Ir, baseline 1000 (+10.1%' "$TMP/cmp" &&
    grep -q '^ok - c_ir 500' "$TMP/cmp" && grep -q '^not ok - d_ir: no figure' "$TMP/cmp"; then
    echo "# the comparison passes +10.0% and a saving, fails +10.1% and a missing figure"
else
    not_ok "the comparison of this script judges made-up figures right" "$(sed 's/^/  /' "$TMP/cmp")"
    exit 1
fi

if ! command -v valgrind >/dev/null 2>&1; then
    not_ok "valgrind is installed (tools/deps.sh test installs it)"
    exit 1
fi
if ! grep -q '^booking_total_ir [0-9]' "$BASELINE"; then
    not_ok "the baseline $BASELINE has figures"
    exit 1
fi
if ! sh tools/bench-ir.sh >"$TMP/figures" 2>"$TMP/err"; then
    not_ok "callgrind measures one scripted booking" "$(cat "$TMP/err")"
    exit 1
fi
compare "$BASELINE" "$TMP/figures"
} | tee "$TMP/all"
! grep -q '^not ok' "$TMP/all"
