#!/bin/sh
# Issue 17, the header's voice buttons: 🔊 重听 (speak), 音量− and 音量+
# (volume-down, volume-up) on every resident screen of the visit, beside
# call-staff's row, in Chinese, English and elder mode at the four sizes
# the tests use: inside the screen, overlapping no other widget, their
# words never cut, and none a smaller target than call-staff (speak as
# wide and as high; the volume buttons as high, and at least as wide as
# high). English in elder mode: tests/ui/elder.sh finds no overlap on home
# and the category pages.
. tests/lib.sh
NOW="2026-12-01 09:00"
for size in 1080x1920 1920x1080 800x1280 1366x768; do
    for mode in zh en elder; do
        tag="[$size $mode]"
        case $mode in
        en) prelude="tap lang" ;;
        elder) prelude="tap elder" ;;
        *) prelude="" ;;
        esac
        rm -rf "$TMP/v"
        mkdir -p "$TMP/v"
        {
            echo "tap start"
            [ -n "$prelude" ] && echo "$prelude"
            sed 's/^shot .*/screen\nwidgets/' tests/ui/scripts/visit.txt
        } >"$TMP/visit.txt"
        "$KIOSK" --headless --data-dir "$TMP/v" --now "$NOW" --size $size --script "$TMP/visit.txt" \
            >"$TMP/widgets" 2>"$TMP/verr"
        check "$tag the visit runs" test $? -eq 0
        W=${size%x*} H=${size#*x}
        awk -F'\t' -v W="$W" -v H="$H" '
            function done_screen(   i, j, a, b, k) {
                if (name == "") return
                n_screens++
                if (!("call-staff" in at)) { print "no call-staff on " name; bad = 1; return }
                split(at["call-staff"], c, ",")
                for (k = 1; k <= 3; k++) {
                    v = voice[k]
                    if (!(v in at)) { print "no " v " on " name; bad = 1; continue }
                    split(at[v], a, ",")
                    if (a[1] < 0 || a[2] < 0 || a[1] + a[3] > W || a[2] + a[4] > H) {
                        print v " outside the screen on " name; bad = 1
                    }
                    if (a[4] < c[4] || (v == "speak" && a[3] < c[3]) || a[3] < a[4]) {
                        print v " (" at[v] ") smaller than call-staff (" at["call-staff"] ") on " name
                        bad = 1
                    }
                    for (j = 1; j <= n; j++) {
                        if (ids[j] == v) continue
                        split(box[j], b, ",")
                        if (b[1] < a[1] + a[3] && a[1] < b[1] + b[3] && b[2] < a[2] + a[4] && a[2] < b[2] + b[4]) {
                            print v " overlaps " ids[j] " on " name; bad = 1
                        }
                    }
                }
            }
            BEGIN { voice[1] = "speak"; voice[2] = "volume-down"; voice[3] = "volume-up" }
            /^screen / { done_screen(); name = $1; sub(/^screen /, "", name); n = 0; delete at; next }
            $1 == "elided" && ($2 ~ /重听|音量|Repeat|Volume|Softer|Louder/) { print "cut: " $2 " on " name; bad = 1; next }
            $1 != "elided" && NF >= 3 { ids[++n] = $1; box[n] = $3; at[$1] = $3 }
            END { done_screen(); if (n_screens < 13) { print "only " n_screens " screens"; bad = 1 } exit bad }
        ' "$TMP/widgets" >"$TMP/why"
        check "$tag 重听, 音量− and 音量+ on all 13 resident screens, clear of the rest, not smaller than call-staff" \
            test $? -eq 0
        if [ -s "$TMP/why" ]; then head -5 "$TMP/why"; fi
    done
done
