#!/bin/sh
# Issue 15 items 4, 6 and 15 on the real kiosk binary, headless, at the
# four panel sizes, in Chinese and English, with and without elder mode:
#  - nothing on the attract screen, the idle warning, home, on any page of any category of the demo catalog or on
#    any of its services is cut with "…" (the `widgets` dump has an
#    `elided` line for each text the layout cut: none may show);
#  - every service of every category can be reached by touch without
#    scrolling: each service widget lies whole on the panel, and following
#    `page-next` (上一页/下一页, where a category needs more than one page)
#    reaches every service the catalog puts in that category;
#  - no widget of home or a category page lies over another (a card
#    under the tools row or the pager would be hidden in part);
#  - in landscape a category's services stand in two columns, and the 7
#    services of 儿童保护 all on one page in Chinese (it showed 3.5 in one
#    wide column, the rest below the fold).
. tests/lib.sh
NOW="2026-12-01 09:00"
CAT=assets/catalog/demo.ini
SIZES=${ELDER_SIZES:-"1080x1920 1920x1080 800x1280 1366x768"}
MODES="zh elder-zh elder-en en"

# The catalog's services by category: "CATEGORY SERVICE" lines.
awk '/^\[service /{ s = $2; sub(/\]$/, "", s) } /^category *=/{ if (s != "") print $3, s; s = "" }' \
    "$CAT" >"$TMP/services"
cats=$(sed -n 's/^\[category \(.*\)\]$/\1/p' "$CAT")
[ -n "$cats" ] && [ "$(wc -l <"$TMP/services")" -ge 7 ] ||
    not_ok "the demo catalog's categories and services are read" "$(cat "$TMP/services")"

# overlaps FILE: prints each pair of widgets of one dump whose rectangles
# intersect (a card under the tools row or the pager is hidden in part).
overlaps() {
    awk -F'\t' '/^screen / || /^elided\t/ { next }
        NF >= 3 { split($3, r, ","); if (r[3] == "") next
            for (i = 0; i < n; i++)
                if (r[1] < X[i] + W[i] && X[i] < r[1] + r[3] && r[2] < Y[i] + H[i] && Y[i] < r[2] + r[4])
                    print ID[i] " and " $1
            ID[n] = $1; X[n] = r[1]; Y[n] = r[2]; W[n] = r[3]; H[n] = r[4]; n++ }' "$1"
}

# run SIZE SCRIPT OUT: the kiosk on a fresh data dir.
run() {
    rm -rf "$TMP/data"
    "$KIOSK" --headless --data-dir "$TMP/data" --size "$1" --now "$NOW" --script "$2" \
        >"$3" 2>"$TMP/err"
}

# The attract screen (the station's name) and the idle warning, in elder
# mode, in the language a station starts in.
printf 'widgets\ntap start\ntap elder\nwait 120\nexpect-screen idle-warning\nwidgets\n' >"$TMP/attract.txt"
for size in $SIZES; do
    for lang in zh en; do
        rm -rf "$TMP/data"
        "$KIOSK" --headless --lang "$lang" --data-dir "$TMP/data" --size "$size" --now "$NOW" \
            --script "$TMP/attract.txt" >"$TMP/attract.out" 2>"$TMP/err"
        check "[$size $lang] attract and the elder idle warning are drawn" test $? -eq 0
        check "[$size $lang] ... and cut nothing" sh -c "! grep -q '^elided' '$TMP/attract.out'"
    done
done

for size in $SIZES; do
    W=${size%x*}
    H=${size#*x}
    for mode in $MODES; do
        tag="[$size $mode]"
        : >"$TMP/overlap"
        {
            echo "tap start"
            case $mode in elder-*) echo "tap elder" ;; esac
            case $mode in *en) echo "tap lang" ;; esac
        } >"$TMP/prefix"
        # Three runs of the kiosk for this size and mode (not one per page:
        # under the sanitizers a start costs half a second): home's pages,
        # then every page of every category, then every service. `tap-if
        # page-next` on a last page taps a disabled button and changes
        # nothing, so a run can page on blindly; a dump counts as a page when
        # the one before it had page-next enabled.
        # split OUT: one file per `screen` marker, $TMP/dump-N (N from 1).
        split_dumps() {
            rm -f "$TMP"/dump-*
            awk -v t="$TMP" '/^screen /{ f++ } f { print > (t "/dump-" f) }' "$1"
        }
        # dump_pages N: the steps that dump this page and the N-1 after it.
        dump_pages() {
            printf 'screen\nwidgets\n'
            _i=1
            while [ $_i -lt "$1" ]; do printf 'tap-if page-next\nscreen\nwidgets\n'; _i=$((_i + 1)); done
        }
        # Home's pages (where its categories do not fit one): which page
        # holds each category, as "CATEGORY PAGE" lines.
        {
            cat "$TMP/prefix"
            echo "expect-screen home"
            dump_pages 6
        } >"$TMP/s.txt"
        : >"$TMP/home_pages"
        : >"$TMP/home.out"
        hp=0
        if run "$size" "$TMP/s.txt" "$TMP/pages.out"; then
            split_dumps "$TMP/pages.out"
            while [ -f "$TMP/dump-$((hp + 1))" ]; do
                page="$TMP/dump-$((hp + 1))"
                cat "$page" >>"$TMP/home.out"
                overlaps "$page" | sed "s/^/home page $((hp + 1)): /" >>"$TMP/overlap"
                sed -n "s/^category:\([^	]*\)	.*/\1 $hp/p" "$page" >>"$TMP/home_pages"
                grep -q "^page-next	.*[0-9]$" "$page" || break
                hp=$((hp + 1))
            done
        else
            not_ok "$tag home's pages are reached" "$(cat "$TMP/err")"
        fi
        check "$tag home is drawn ($((hp + 1)) page(s))" test -s "$TMP/home.out"
        check "$tag every category is on a page of home" \
            test "$(cut -d' ' -f1 "$TMP/home_pages" | sort -u)" = "$(printf '%s\n' $cats | sort -u)"
        check "$tag home cuts nothing" sh -c "! grep '^elided' '$TMP/home.out'"
        grep '^elided' "$TMP/home.out" | sed 's/^/    /'
        # Every category from home, and up to 12 pages of each.
        {
            cat "$TMP/prefix"
            for c in $cats; do
                echo "tap-if home"
                awk -v c="$c" '$1 == c { for (i = 0; i < $2; i++) print "tap page-next" }' "$TMP/home_pages"
                echo "tap category:$c"
                echo "expect-screen category"
                dump_pages 12
            done
        } >"$TMP/s.txt"
        if ! run "$size" "$TMP/s.txt" "$TMP/cats.out"; then
            not_ok "$tag every category's pages are reached" "$(cat "$TMP/err")"
        fi
        split_dumps "$TMP/cats.out"
        cp "$TMP/prefix" "$TMP/svc.txt"
        n=0
        for c in $cats; do
            : >"$TMP/seen"
            # to_cat: the taps from home to this category's first page.
            to_cat=$(awk -v c="$c" '$1 == c { for (i = 0; i < $2; i++) print "tap page-next" }' "$TMP/home_pages")
            k=0
            pages=""
            while [ $k -lt 12 ]; do
                cp "$TMP/dump-$((n + k + 1))" "$TMP/cat.out" 2>/dev/null || : >"$TMP/cat.out"
                grep '^elided' "$TMP/cat.out" | sed "s/^/$c page $((k + 1)): /" >>"$TMP/cut"
                overlaps "$TMP/cat.out" | sed "s/^/$c page $((k + 1)): /" >>"$TMP/overlap"
                # Services wholly on the panel: x,y,w,h inside W x H.
                awk -F'\t' -v W="$W" -v H="$H" '/^service:/ {
                        split($3, r, ","); if (r[1] >= 0 && r[2] >= 0 && r[1] + r[3] <= W && r[2] + r[4] <= H)
                        { sub(/^service:/, "", $1); print $1 } }' "$TMP/cat.out" >"$TMP/page"
                if [ $k -eq 0 ]; then
                    first=$(wc -l <"$TMP/page")
                    cols=$(awk -F'\t' '/^service:/ { split($3, r, ","); print r[1] }' "$TMP/cat.out" | sort -u | wc -l)
                fi
                while read -r sv; do
                    echo "$sv" >>"$TMP/seen"
                    {
                        [ -n "$to_cat" ] && echo "$to_cat"
                        echo "tap category:$c"
                        i=0
                        while [ $i -lt $k ]; do echo "tap page-next"; i=$((i + 1)); done
                        echo "tap service:$sv"
                        echo "expect-screen service"
                        echo "widgets"
                        echo "tap home"
                    } >>"$TMP/svc.txt"
                done <"$TMP/page"
                pages="$pages $((k + 1)):$(wc -l <"$TMP/page")"
                grep -q "^page-next	.*[0-9]$" "$TMP/cat.out" || break
                k=$((k + 1))
            done
            n=$((n + 12))
            awk -v c="$c" '$1 == c { print $2 }' "$TMP/services" | sort >"$TMP/want"
            sort -u "$TMP/seen" >"$TMP/got"
            check "$tag every service of $c is reached on its pages ($pages )" cmp -s "$TMP/want" "$TMP/got"
            if [ "$c" = ertong ] && [ "$W" -gt "$H" ]; then
                check "$tag landscape: ertong's services in two columns" test "$cols" -eq 2
                [ "$mode" = zh ] &&
                    check "$tag all 7 services of ertong on one page (3.5 showed before, in one wide column)" test "$first" -eq 7
            fi
        done
        run "$size" "$TMP/svc.txt" "$TMP/svc.out"
        check "$tag every service screen is reached" test $? -eq 0
        [ -s "$TMP/err" ] && grep -v 'info:' "$TMP/err" | head -5
        grep '^elided' "$TMP/svc.out" | sed 's/^/service: /' >>"$TMP/cut"
        touch "$TMP/cut"
        check "$tag no category page or service screen cuts a text ($(wc -l <"$TMP/cut") cut)" test ! -s "$TMP/cut"
        sed 's/^/    /' "$TMP/cut"
        rm -f "$TMP/cut"
        check "$tag no widget of home or a category page lies over another" test ! -s "$TMP/overlap"
        sed 's/^/    /' "$TMP/overlap" | head -5
    done
done

# w (issue 19): the walk-in screens (walk-in with the priority toggle on,
# queue-ticket, queue-refused for a closed and for a full line) at every
# size in every mode: nothing cut, no widget over another, nothing
# scrolls, every widget on the panel.
for size in $SIZES; do
    W=${size%x*}
    H=${size#*x}
    for mode in $MODES; do
        tag="[$size $mode]"
        rm -rf "$TMP/qdata"
        mkdir -p "$TMP/qdata"
        qctl() { "$CTL" --db "$TMP/qdata/kiosk.db" --now "$NOW" "$@" >/dev/null; }
        qctl import-catalog "$CAT"
        qctl queue close --line jiuzhu
        qctl queue cap --line yanglao --max 0
        {
            echo "tap start"
            case $mode in elder-*) echo "tap elder" ;; esac
            case $mode in *en) echo "tap lang" ;; esac
            printf 'tap walk-in\nexpect-screen walk-in\ntap priority\nscreen\nwidgets\n'
            printf 'tap line:zonghe\nexpect-screen queue-ticket\nscreen\nwidgets\ntap done\n'
            printf 'tap walk-in\ntap line:jiuzhu\nexpect-screen queue-refused\nscreen\nwidgets\n'
            printf 'tap walk-in\ntap line:yanglao\nexpect-screen queue-refused\nscreen\nwidgets\n'
        } >"$TMP/walkin.txt"
        "$KIOSK" --headless --data-dir "$TMP/qdata" --size "$size" --now "$NOW" \
            --script "$TMP/walkin.txt" >"$TMP/walkin.out" 2>"$TMP/err"
        check "$tag the walk-in screens are drawn" test $? -eq 0
        check "$tag ... and cut nothing" sh -c "! grep '^elided' '$TMP/walkin.out'"
        check "$tag ... and none scrolls" sh -c "! grep -B30 '^scroll	' '$TMP/walkin.out' | grep '^screen'"
        awk -v t="$TMP" '/^screen /{ f++ } f { print > (t "/walkin-" f ".out") }' "$TMP/walkin.out"
        : >"$TMP/overlap"
        for f in "$TMP"/walkin-[0-9]*.out; do overlaps "$f" >>"$TMP/overlap"; done
        check "$tag ... no widget over another" test ! -s "$TMP/overlap"
        sed 's/^/    /' "$TMP/overlap" | head -5
        check "$tag ... every widget on the panel" sh -c "! awk -F'\t' -v W=$W -v H=$H \
            'NF >= 3 && \$1 != \"elided\" { split(\$3, r, \",\"); if (r[1] < 0 || r[2] < 0 || r[1] + r[3] > W || r[2] + r[4] > H) print }' \
            '$TMP/walkin.out' | grep -q ."
        rm -f "$TMP"/walkin-[0-9]*.out
    done
done
