#!/bin/sh
# Voice guidance (issue 17) on the real kiosk binary, headless: a booking
# by taps with expect-speech at every screen at both reference sizes, in
# Chinese and English; the ticket is read back with the date and time in
# words and the code character by character; no phone digits are ever
# spoken, in the booking or the lookup.
. tests/lib.sh
. tests/voice/lib.sh

for size in 1080x1920 1920x1080; do
    d="$TMP/book-$size"
    expect_exit 0 "[$size] a booking by taps says each screen's prompt (voice-book.txt)" \
        kiosk "$d" "$size" "$S/voice-book.txt" --voice on
    check "[$size] the ticket read-back says the date and time in words" \
        grep -q "say-private	预约成功。康养咨询。时间：十二月一日 星期二 上午十点。地点：社工站二楼康养咨询室。" "$d/said"
    code=$("$CTL" --db "$d/kiosk.db" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
    spelled=$(echo "$code" | python3 -c "
import sys
c = sys.stdin.read().strip().replace('-', '')
zh = dict(zip('23456789', '二三四五六七八九'))
s = [zh.get(ch, ch) for ch in c]
print('，'.join(s[:4]) + '。' + '，'.join(s[4:]))")
    check "[$size] and the code $code character by character ($spelled)" \
        grep -q "预约码：$spelled。" "$d/said"
    # The read-back (its code included) is played from a file removed once
    # loaded: no WAV of its length is left in the cache.
    n=$(awk -F'\t' '$2 == "say-private" && $3 ~ /^预约成功/ { u = $1 } $1 == u && $2 == "play" { print $3 }' "$d/said")
    check "[$size] the read-back was played ($n samples) and is not kept in $d/voice" \
        sh -c "test -n '$n' && ! find '$d/voice' -type f -size $((44 + 2 * ${n:-0}))c | grep -q . && ! ls '$d/voice' | grep -v '\.wav$'"
    # Cancelling needs the booking's code (issue 16): typed before 确定取消.
    code=$("$CTL" --db "$d/kiosk.db" bookings --format csv | tr -d '\r' | awk -F, 'NR == 2 { print $1 }')
    code_keys "$code" >"$TMP/keys"
    awk -v keys="$TMP/keys" '$0 == "tap confirm" { while ((getline k < keys) > 0) print k } { print }' \
        "$S/lookup-cancel.txt" >"$TMP/lookup-cancel.txt"
    expect_exit 0 "[$size] look up and cancel with the voice on" \
        kiosk "$d" "$size" "$TMP/lookup-cancel.txt" --voice on
    check "[$size] the lookup was spoken (我的预约, 找到1个预约)" grep -q "找到1个预约" "$d/said"
    check "[$size] the booking opened says when and where, no code" \
        grep -q "say-private	预约详情。康养咨询。十二月一日 星期二 上午十点。社工站二楼康养咨询室。请按时到站" "$d/said"
    check "[$size] no phone digits were ever spoken in the booking and the lookup" \
        no_phone_digits "$d/said"
done

d="$TMP/en"
expect_exit 0 "English: the prompts are English (voice-book-en.txt)" \
    kiosk "$d" 1080x1920 "$S/voice-book-en.txt" --voice on
check "English: the read-back says Tuesday 1 December, 10 in the morning" \
    grep -q "When: Tuesday 1 December, 10 in the morning. Where:" "$d/said"


# ---- a tap on what cannot be chosen says why; a refusal says what
# happened and what to do, as the screen does.
d="$TMP/refused"
cat >"$TMP/refused.txt" <<'STEPS'
tap start
tap category:yanglao
tap service:kangyang-zixun
tap book
tap session:kangyang-zixun-20261201-1000
type 138123
touch next
expect-screen phone
expect-speech "请先输入完整的11位手机号。"
type 45678
tap next
tap confirm
expect-screen ticket
tap done
tap category:yanglao
tap service:kangyang-zixun
tap book
tap session:kangyang-zixun-20261201-1000
type 13812345678
tap next
tap confirm
expect-screen refused
expect-speech "未能预约。这个手机号已经约了这一场。不用再约。想看预约的时间和地点，请点“我的预约”。"
STEPS
expect_exit 0 "a disabled 下一步 says why; a duplicate booking says what happened and what to do" \
    kiosk "$d" 1080x1920 "$TMP/refused.txt" --voice on
check "no phone digits were spoken there either" no_phone_digits "$d/said"
