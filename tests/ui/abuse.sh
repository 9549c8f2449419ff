#!/bin/sh
# Issue 14, item 7: one person at the kiosk cannot empty a service with
# invented phone numbers. The real kiosk binary, headless, books through
# its screens; the database and kioskctl are checked after each run.
#  - one visit (attract to attract) books at most visit_max_bookings (6),
#    whatever numbers are typed: the 7th is refused kindly (screen
#    "refused", Chinese and English), the six stay booked;
#  - the refusal flags a burst: the kiosk log, `kioskctl bursts`, an audit
#    row; `kioskctl release-burst N --reason` cancels its bookings in one
#    step, audited, and the resident's lookup shows "cancelled by staff";
#  - across visits, one kiosk books one service at most service_burst_max
#    (10) times in service_burst_minutes (60);
#  - an honest family (a daughter booking for both parents and her child,
#    two services each) is never stopped, and flags nothing.
. tests/lib.sh
NOW="2026-12-01 09:00"

kiosk() {
    dir=$1 script=$2
    shift 2
    "$KIOSK" --headless --data-dir "$dir" --size 1080x1920 --now "$NOW" --script "$script" "$@"
}
ctl() {
    db=$1
    shift
    "$CTL" --db "$db/kiosk.db" --now "$NOW" "$@"
}
rows() { tr -d '\r' | tail -n +2 | grep -c .; }

# attempt CATEGORY SERVICE DATE HHMM PHONE: the steps of one booking from
# home up to its confirmation, into the script on stdout.
attempt() {
    cat <<STEPS
tap category:$1
tap service:$2
tap book
expect-screen slots
tap date:$3
tap session:$2-$(echo "$3" | tr -d -)-$4
expect-screen phone
type $5
tap next
expect-screen confirm
tap confirm
STEPS
}
# book ...: the same, booked, and back home.
book() {
    attempt "$@"
    printf 'expect-screen ticket\ntap done\nexpect-screen home\n'
}
# ends_visit: no input until the idle reset to the attract screen.
ends_visit() {
    printf 'wait 80\nexpect-screen attract\ntap start\nexpect-screen home\n'
}

# ---- one visit, invented numbers ----------------------------------------
# visit_script LANG: six bookings with six invented numbers, then a
# seventh with yet another one, stopped at the bound; what the screen says
# in that language (zh, or en after tapping the language button).
visit_script() {
    echo "tap start"
    [ "$1" = en ] && echo "tap lang"
    n=0
    for slot in 2026-12-01:1000 2026-12-01:1400 2026-12-01:1500 2026-12-02:0900 \
        2026-12-02:1000 2026-12-02:1400; do
        n=$((n + 1))
        book shehui-jiuzhu dibao-zixun "${slot%:*}" "${slot#*:}" "1390000000$n"
    done
    attempt shehui-jiuzhu dibao-zixun 2026-12-02 1500 13900000007
    echo "expect-screen refused"
    if [ "$1" = en ]; then
        printf '%s\n' 'expect-text "The staff will help you book"' \
            'expect-text "that is as many as one visit can make here"' \
            'expect-text "Everything you have booked is kept."' \
            'expect-text "please ask the staff at the service desk"'
    else
        printf '%s\n' 'expect-text "请工作人员帮您预约"' \
            'expect-text "这一次您已经预约了好几场"' \
            'expect-text "您已经预约好的都保留着，不受影响。"' \
            'expect-text "请到服务台找工作人员"'
    fi
    printf 'tap done\nexpect-screen home\n'
}
visit_script en >"$TMP/visit-en.txt"
mkdir -p "$TMP/visit-en"
expect_exit 0 "[en] the seventh booking of a visit is refused kindly, in English" \
    kiosk "$TMP/visit-en" "$TMP/visit-en.txt"
check "[en] six booked" test "$(ctl "$TMP/visit-en" bookings --status booked --format csv | rows)" -eq 6

D="$TMP/visit"
mkdir -p "$D"
visit_script zh >"$TMP/visit.txt"
expect_exit 0 "one visit books six with invented numbers, the seventh is refused kindly" \
    kiosk "$D" "$TMP/visit.txt"
cp "$TMP/err" "$TMP/visit.log"
check "the six bookings are kept, booked" \
    test "$(ctl "$D" bookings --status booked --format csv | rows)" -eq 6
check "the seventh was not booked" \
    test "$(ctl "$D" bookings --phone 13900000007 --format csv | rows)" -eq 0
check "the kiosk log says a burst was flagged for staff" \
    grep -q "booking refused (visit_limit) .*burst.*flagged for staff" "$TMP/visit.log"
check "the log has no phone number" sh -c "! grep -q '1390000000' '$TMP/visit.log'"
ctl "$D" bursts --format csv | tr -d '\r' >"$TMP/bursts"
check "kioskctl bursts lists one open burst of one visit, six bookings still booked" \
    sh -c "tail -n +2 '$TMP/bursts' | grep -c . | grep -qx 1 &&
           tail -n +2 '$TMP/bursts' | awk -F, '\$3 == \"visit\" && \$4 == \"低保申请咨询\" && \$7 == 1 && \$8 == 6 && \$9 == 6 && \$10 == \"\"' | grep -q ."
B=$(tail -n +2 "$TMP/bursts" | cut -d, -f1)
check "kioskctl bookings --burst lists its six bookings" \
    test "$(ctl "$D" bookings --burst "$B" --format csv | rows)" -eq 6
ctl "$D" audit --format csv | tr -d '\r' >"$TMP/audit"
check "an audit row says the burst was flagged" grep -q ",burst,.*burst $B on kiosk" "$TMP/audit"

echo 246810 | ctl "$D" staff add 王芳 >/dev/null
# staff_day WANT: staff log in on the kiosk; their first screen says (yes)
# or does not say (no) that a burst waits for review.
staff_day() {
    printf 'hold 40 40 3.5\nexpect-screen staff-login\n'
    echo 246810 | sed 's/./&\n/g' | grep . | sed 's/^/tap key:/'
    printf 'tap next\nexpect-screen staff\n'
    if [ "$1" = yes ]; then
        echo 'expect-text "本机有1起集中预约待核查"'
    else
        echo 'expect-no-text "集中预约待核查"'
    fi
}
staff_day yes >"$TMP/staff-yes.txt"
expect_exit 0 "the staff screen tells staff of the burst" kiosk "$D" "$TMP/staff-yes.txt"

expect_exit 2 "release-burst without a reason is a usage error" ctl "$D" release-burst "$B"
expect_exit 0 "release-burst releases the burst in one step" \
    ctl "$D" release-burst "$B" --reason "编造号码集中预约"
check "release-burst says how many it cancelled" grep -qx "burst $B released: 6 bookings cancelled" "$TMP/out"
check "its six bookings are cancelled, none booked" \
    sh -c "test \"\$('$CTL' --db '$D/kiosk.db' bookings --status cancelled --format csv | tr -d '\r' | tail -n +2 | grep -c .)\" -eq 6 &&
           test \"\$('$CTL' --db '$D/kiosk.db' bookings --status booked --format csv | tr -d '\r' | tail -n +2 | grep -c .)\" -eq 0"
check "the seats are free again" \
    test "$(ctl "$D" sessions --service dibao-zixun --date 2026-12-01 --format csv | tr -d '\r' | awk -F, '$1 == "dibao-zixun-20261201-1000" { print $10 }')" -eq 4
ctl "$D" audit --format csv | tr -d '\r' >"$TMP/audit"
check "the audit has the release with its reason, and a cancel row for each booking" \
    sh -c "grep -q ',kioskctl,release_burst,,,burst $B: 6 bookings cancelled: 编造号码集中预约' '$TMP/audit' &&
           test \$(grep -c ',kioskctl,cancel,.*编造号码集中预约 (burst $B)' '$TMP/audit') -eq 6"
check "the burst is no longer open" test "$(ctl "$D" bursts --format csv | rows)" -eq 0
check "kioskctl bursts --all still shows it, released by kioskctl with the reason" \
    sh -c "'$CTL' --db '$D/kiosk.db' bursts --all --format csv | tr -d '\r' | grep -q ',kioskctl,编造号码集中预约$'"
expect_exit 1 "a burst cannot be released twice" ctl "$D" release-burst "$B" --reason again
staff_day no >"$TMP/staff-no.txt"
expect_exit 0 "after the release the staff screen has no burst to review" kiosk "$D" "$TMP/staff-no.txt"
expect_exit 1 "an unknown burst is refused" ctl "$D" release-burst 999 --reason x
cat >"$TMP/lookup.txt" <<'STEPS'
tap start
tap lookup
type 13900000001
tap next
expect-screen bookings
expect-text "已由工作人员取消"
STEPS
expect_exit 0 "the resident's lookup shows the ticket cancelled by staff" kiosk "$D" "$TMP/lookup.txt"

# ---- one kiosk, one service, many visits --------------------------------
D="$TMP/service"
mkdir -p "$D"
{
    echo "tap start"
    n=0
    for day in 2026-12-02 2026-12-03 2026-12-04; do
        for t in 0900 1000 1400 1500; do
            n=$((n + 1))
            [ $n -gt 10 ] && break
            book shehui-jiuzhu dibao-zixun "$day" "$t" "$(printf '137000000%02d' $n)"
            [ $((n % 4)) -eq 0 ] && ends_visit
        done
    done
    attempt shehui-jiuzhu dibao-zixun 2026-12-04 1500 13700000011
    cat <<'STEPS'
expect-screen refused
expect-text "这项服务刚刚在本机预约了很多场"
tap done
STEPS
    # Another service is not held up by this one's burst.
    book yanglao kangyang-zixun 2026-12-01 1000 13700000012
} >"$TMP/service.txt"
expect_exit 0 "ten bookings of one service over three visits, the eleventh refused" \
    kiosk "$D" "$TMP/service.txt"
check "the ten and the other service's one are booked" \
    test "$(ctl "$D" bookings --status booked --format csv | rows)" -eq 11
check "the eleventh of the service was not booked, the other service's was" \
    sh -c "test \"\$('$CTL' --db '$D/kiosk.db' bookings --phone 13700000011 --format csv | tr -d '\r' | tail -n +2 | grep -c .)\" -eq 0 &&
           '$CTL' --db '$D/kiosk.db' bookings --phone 13700000012 --format csv | grep -q ',kangyang-zixun,'"
ctl "$D" bursts --format csv | tr -d '\r' >"$TMP/bursts"
check "kioskctl bursts lists a service burst of ten bookings" \
    sh -c "tail -n +2 '$TMP/bursts' | awk -F, '\$3 == \"service\" && \$4 == \"低保申请咨询\" && \$8 == 10' | grep -q ."
B=$(tail -n +2 "$TMP/bursts" | cut -d, -f1)
# Released on the kiosk's staff screen this time: one tap.
echo 246810 | ctl "$D" staff add 王芳 >/dev/null
{
    staff_day yes
    printf '%s\n' 'tap release-bursts' 'expect-screen staff' 'expect-text "已完成"' \
        'expect-no-text "集中预约待核查"'
} >"$TMP/staff-release.txt"
expect_exit 0 "the staff screen releases the burst in one tap" kiosk "$D" "$TMP/staff-release.txt"
check "its ten bookings are cancelled, the other service's booking stays" \
    sh -c "test \"\$('$CTL' --db '$D/kiosk.db' bookings --burst $B --status cancelled --format csv | tr -d '\r' | tail -n +2 | grep -c .)\" -eq 10 &&
           test \"\$('$CTL' --db '$D/kiosk.db' bookings --status booked --format csv | tr -d '\r' | tail -n +2 | grep -c .)\" -eq 1"
check "the audit names the staff member and the reason" \
    sh -c "'$CTL' --db '$D/kiosk.db' audit --format csv | tr -d '\r' | grep -q ',王芳,release_burst,,,burst $B: 10 bookings cancelled: 集中预约，工作人员核查后在本机释放'"

# ---- an honest family ---------------------------------------------------
# A daughter books for her father, her mother (each their own phone) and
# her child, two services each, in one visit: six bookings, none refused.
D="$TMP/family"
mkdir -p "$D"
{
    echo "tap start"
    book yanglao kangyang-zixun 2026-12-01 1000 13811110001
    book yanglao kangyang-zixun 2026-12-01 1000 13811110002
    book shehui-jiuzhu dibao-zixun 2026-12-01 1400 13811110001
    book shehui-jiuzhu dibao-zixun 2026-12-01 1400 13811110002
    book ertong jiazhang-xinli 2026-12-01 1330 13811110003
    book ertong jieqi-meiyu 2026-12-05 0930 13811110003
} >"$TMP/family.txt"
expect_exit 0 "an honest family's six bookings in one visit all pass" kiosk "$D" "$TMP/family.txt"
check "the family's six bookings are in the store" \
    test "$(ctl "$D" bookings --status booked --format csv | rows)" -eq 6
check "the family flagged no burst" test "$(ctl "$D" bursts --all --format csv | rows)" -eq 0
