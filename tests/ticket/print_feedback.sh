#!/bin/sh
# 打印凭条 always answers (issue 15 item 13): with no printer configured, or
# one that is missing, a tap on the ticket screen's print button changes
# what the screen says, in resident words, in both languages: what happened
# and what to do instead (photograph the screen, or ask the staff). Before,
# the notice stayed the same word for word.
. tests/lib.sh
NOW="2026-12-01 09:00"
SID=kangyang-zixun-20261201-1000

# feedback NAME LANG FIRST AFTER [kiosk options]
feedback() {
    name=$1 lang=$2 first=$3 after=$4
    shift 4
    d="$TMP/$name-$lang"
    mkdir -p "$d"
    {
        echo "tap start"
        [ "$lang" = en ] && echo "tap lang"
        book_steps "$SID" 13812345678
        printf 'expect-text "%s"\nexpect-no-text "%s"\n' "$first" "$after"
        printf 'tap print\nexpect-screen ticket\nexpect-text "%s"\n' "$after"
        printf 'tap print\nexpect-text "%s"\n' "$after"
    } >"$d/script.txt"
    expect_exit 0 "[$name $lang] 打印凭条 answers: '$after'" \
        "$KIOSK" --headless --data-dir "$d" --now "$NOW" --script "$d/script.txt" "$@"
    check "[$name $lang] the booking stands" \
        test "$("$CTL" --db "$d/kiosk.db" bookings --status booked --format csv | tr -d '\r' | grep -c ",$SID,")" -eq 1
}

feedback none zh "打印机暂时无法使用" "这台机器没有打印机。请用手机拍下这个屏幕，或请工作人员帮忙"
feedback none en "Printer not working: please take a photo of this screen" \
    "No printer here: take a photo of this screen, or ask the staff"
feedback missing zh "打印机暂时无法使用" "还是没能打印。请用手机拍下这个屏幕，或请工作人员帮忙" \
    --printer /dev/usb/lp-not-there
feedback missing en "Printer not working: please take a photo of this screen" \
    "Still not printed: take a photo of this screen, or ask staff" \
    --printer /dev/usb/lp-not-there
check "the log tells staff the printer is missing" grep -q "printer /dev/usb/lp-not-there" "$TMP/err"
