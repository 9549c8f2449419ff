#!/bin/sh
# Instruction counts (callgrind Ir) of one scripted booking on the kiosk:
# the same script (tests/ui/scripts/book.txt), panel, catalog, clock, font
# and ticket key every time, so the counts do not depend on how busy the
# machine is. Prints "NAME VALUE Ir" lines:
#   booking_total_ir   the whole process: start, every screen of a booking
#   booking_render_ir  inside ui_render (layout, drawing, presenting)
#   booking_open_ir    inside kiosk_open (database, catalog import)
#   booking_store_ir   inside store_book_person (the booking transaction)
# Used by tools/bench.sh (make bench) and tests/bench/check.sh (make
# bench-check, compared with tests/bench/baseline.txt).
set -u
BUILD=${BUILD:-build}
command -v valgrind >/dev/null 2>&1 || { echo "bench-ir: valgrind is not installed" >&2; exit 1; }
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
mkdir "$w/data"
# A fixed station key: the ticket's MAC, hence its QR, is the same each run.
printf '0123456789abcdefghijklmnopqrstuv' >"$w/data/ticket.key"
chmod 600 "$w/data/ticket.key"
# glibc picks memset, memcpy, strlen... by the CPU's features, and callgrind
# counts a 'rep stosb' once per byte: the baseline SSE2 versions on every
# x86-64 machine keep the counts independent of the CPU (elsewhere this
# setting is ignored; the baseline is x86-64's).
export GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-AVX,-ERMS,-FSRM,-AVX512F,-AVX512VL,-AVX512BW,-AVX_Fast_Unaligned_Load,-Fast_Unaligned_Load,-Fast_Unaligned_Copy,-SSE4_1,-SSE4_2,-SSSE3
if ! valgrind --tool=callgrind --callgrind-out-file="$w/cg.out" \
    "$BUILD/kiosk" --headless --size 1080x1920 --data-dir "$w/data" \
    --catalog assets/catalog/demo.ini --now "2026-12-01 09:00" \
    --script tests/ui/scripts/book.txt >"$w/log" 2>&1; then
    echo "bench-ir: the booking script failed under callgrind:" >&2
    cat "$w/log" >&2
    exit 1
fi
callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$w/cg.out" >"$w/ann" || exit 1
# "1,234 (12.3%)  file:function [object]" -> the count of that function.
incl() {
    awk -v f="$1" '$0 ~ ":" f " \\[" { gsub(",", "", $1); n = $1 }
        END { print n == "" ? "?" : n }' "$w/ann"
}
total=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }' "$w/ann")
{
    echo "booking_total_ir ${total:-?} Ir"
    echo "booking_render_ir $(incl ui_render) Ir"
    echo "booking_open_ir $(incl kiosk_open) Ir"
    echo "booking_store_ir $(incl store_book_person) Ir"
} >"$w/figures"
cat "$w/figures"
# A function callgrind did not see (renamed, inlined away) is no figure.
if grep -q ' ? Ir$' "$w/figures"; then
    echo "bench-ir: no count for $(grep ' ? Ir$' "$w/figures" | cut -d' ' -f1 | paste -sd' ' -)" >&2
    exit 1
fi
