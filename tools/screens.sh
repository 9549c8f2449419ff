#!/bin/sh
# Contact sheets of every resident screen, for people to look at: one sheet
# per panel orientation and mode (Chinese, English, elder mode), each screen
# at half size so that the text can be read (a 40 px line is still 20 px),
# labelled with its name: docs/screens/<portrait|landscape>-<zh|en|elder>.png.
# The visit is tests/ui/scripts/visit.txt, after a prelude that picks the mode.
# Needs build/kiosk (BUILD=dir to use another build) and ImageMagick (montage).
# Usage: tools/screens.sh [OUTDIR]   (default docs/screens)
#        tools/screens.sh --check    (only run the visits, at both sizes and in
#                                     every mode, and say how many screens each
#                                     took; tests/ui/visit.sh runs this)
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
check=0
[ "${1:-}" = --check ] && check=1 && shift
out=${1:-docs/screens}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ $check = 1 ] || mkdir -p "$out"
for size in 1080x1920 1920x1080; do
    name=portrait
    tile=5x
    [ "$size" = 1920x1080 ] && name=landscape && tile=3x
    for mode in zh en elder; do
        case $mode in
        zh) prelude=""; idle=60 ;;
        en) prelude="tap lang"; idle=60 ;;
        elder) prelude="tap elder"; idle=120 ;; # elder mode doubles the timeouts
        esac
        dir="$tmp/$size-$mode"
        mkdir -p "$dir"
        {
            echo "shot 01-attract"
            echo "tap start"
            echo "$prelude"
            cat tests/ui/scripts/visit.txt
            echo "wait $idle"
            echo "expect-screen idle-warning"
            echo "shot 14-idle-warning"
        } >"$tmp/script"
        if ! "$BUILD/kiosk" --headless --data-dir "$tmp/data-$size-$mode" --size "$size" \
            --now "2026-12-01 09:00" --script "$tmp/script" --screenshots "$dir" \
            >"$tmp/log" 2>&1; then
            echo "tools/screens.sh: the visit failed at $size in $mode:" >&2
            cat "$tmp/log" >&2
            exit 1
        fi
        n=$(ls "$dir" | wc -l)
        if [ $check = 1 ]; then
            echo "$size $mode: $n screens"
            continue
        fi
        montage "$dir"/*.bmp -resize 50% -tile "$tile" -geometry +12+12 \
            -set label '%t' -pointsize 22 -background '#9a9a9a' \
            +dither -colors 64 "PNG8:$out/$name-$mode.png"
        echo "$out/$name-$mode.png: $n screens"
    done
done
