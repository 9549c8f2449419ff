#!/bin/sh
# UI fixtures, in the manner of Trezor's: the widget dump (the `screen` line,
# then id, label and rectangle of each visible widget) of every screen of the
# tour, at each panel size tour.sh draws, must hash as recorded in
# tests/ui/fixtures.txt ("SIZE SCREEN sha256", sorted). The dumps themselves
# are kept in tests/ui/fixtures/SIZE/SCREEN.txt so that a mismatch shows as
# a readable diff. A layout change that is meant: `make ui-fixtures` (this
# script with UI_FIXTURES=record) records them anew; review and commit the
# diff. One kiosk run per size: the tour's `shot NAME` becomes `screen` and
# `widgets`, and NAME is the shot's place in the tour.
. tests/lib.sh
SIZES="1080x1920 1920x1080 800x1280 1366x768"
NOW="2026-12-01 09:00"
TOUR=tests/ui/scripts/tour.txt
REC=tests/ui/fixtures
SUMS=tests/ui/fixtures.txt
MODE=${UI_FIXTURES:-check}

grep '^shot ' "$TOUR" | awk '{ print $2 }' >"$TMP/names"
sed 's/^shot .*/screen\nwidgets/' "$TOUR" >"$TMP/tour.txt"

# dump SIZE DIR: the tour on a fresh data dir; one file per screen in DIR.
dump() {
    rm -rf "$2" "$TMP/data"
    mkdir -p "$2"
    "$KIOSK" --headless --data-dir "$TMP/data" --db "$TMP/data/kiosk.db" --size "$1" \
        --now "$NOW" --script "$TMP/tour.txt" >"$TMP/out" 2>"$TMP/err" || return 1
    # Each `screen` line (widget lines have tabs, it has none) opens the
    # next shot's dump.
    awk -v dir="$2" -v names="$TMP/names" '
        /^screen / { getline name <names; f = dir "/" name ".txt" }
        f { print >f }' "$TMP/out"
}

# sums SIZE DIR: the "SIZE SCREEN sha256" lines of DIR's dumps, in the
# order of fixtures.txt whatever the locale.
sums() {
    for f in "$2"/*.txt; do
        [ -e "$f" ] || continue
        echo "$1 $(basename "$f" .txt) $(sha256sum <"$f" | cut -d' ' -f1)"
    done | LC_ALL=C sort
}

if [ "$MODE" = record ]; then
    : >"$TMP/sums"
    for size in $SIZES; do
        # Recorded only when two runs agree: a dump that is not
        # deterministic would make a guard that fails at random.
        if ! dump "$size" "$TMP/a" || ! dump "$size" "$TMP/b"; then
            not_ok "[$size] the tour runs" "$(cat "$TMP/err")"
            exit 1
        fi
        if ! diff -r "$TMP/a" "$TMP/b" >"$TMP/diff"; then
            not_ok "[$size] two runs give the same dumps" "$(cat "$TMP/diff")"
            exit 1
        fi
        mkdir -p "$TMP/rec"
        mv "$TMP/a" "$TMP/rec/$size"
        sums "$size" "$TMP/rec/$size" >>"$TMP/sums"
        ok "[$size] recorded $(ls "$TMP/rec/$size" | wc -l) screens into $REC/$size"
    done
    # Replaced whole, so that no dump of a screen or size gone is left.
    rm -rf "${REC:?}"
    cp -r "$TMP/rec" "$REC"
    LC_ALL=C sort "$TMP/sums" >"$SUMS"
    exit 0
fi

for size in $SIZES; do
    # The dumps kept for the diffs are the ones hashed.
    sums "$size" "$REC/$size" >"$TMP/kept"
    awk -v s="$size" '$1 == s' "$SUMS" >"$TMP/want"
    check "[$size] the dumps in $REC/$size hash as $SUMS records" cmp -s "$TMP/want" "$TMP/kept"
    d="$TMP/$size"
    if ! dump "$size" "$d"; then
        not_ok "[$size] the tour runs" "$(cat "$TMP/err")"
        continue
    fi
    sums "$size" "$d" >"$TMP/fresh"
    while read -r _ screen sum; do
        want=$(awk -v s="$size" -v n="$screen" '$1 == s && $2 == n { print $3 }' "$SUMS")
        if [ -z "$want" ]; then
            not_ok "[$size] $screen: no recorded fixture (make ui-fixtures)"
            sed 's/^/    /' "$d/$screen.txt"
        elif [ "$sum" = "$want" ]; then
            ok "[$size] $screen"
        else
            not_ok "[$size] $screen: the widgets differ from the recorded ones (make ui-fixtures, if meant)"
            {
                echo "fresh dump:"
                cat "$d/$screen.txt"
                diff -u --label "$REC/$size/$screen.txt" --label fresh \
                    "$REC/$size/$screen.txt" "$d/$screen.txt" 2>&1
            } | sed 's/^/    /'
        fi
    done <"$TMP/fresh"
    # A recorded screen the tour no longer reaches is a change too.
    awk -v s="$size" '$1 == s { print $2 }' "$SUMS" | while read -r screen; do
        [ -e "$d/$screen.txt" ] || not_ok "[$size] $screen: recorded, but the tour no longer shows it"
    done
done
