#!/bin/sh
# The facts about espeak-ng that the voice is built on (README, Voice),
# checked on the espeak-ng installed here: its phonemes (espeak-ng -x), so
# a new espeak-ng that reads differently is noticed.
. tests/lib.sh
. tests/voice/lib.sh
ph() { espeak-ng -q -x -v "$1" "$2" 2>&1; }

# -v cmn reads most characters as pinyin with tone numbers, in English
# ("(en)" switches); -v cmn-latn-pinyin reads them all as Mandarin.
check "-v cmn reads 请选择服务类别 partly in English (pinyin with tone numbers)" \
    sh -c "espeak-ng -q -x -v cmn '请选择服务类别' | grep -q '(en)'"
check "-v cmn-latn-pinyin reads it all as Mandarin (the voice the kiosk uses)" \
    sh -c "! espeak-ng -q -x -v cmn-latn-pinyin '请选择服务类别' | grep -q '(en)'"
check "the kiosk's Chinese voice is cmn-latn-pinyin" \
    grep -q 'en ? "en-gb" : "cmn-latn-pinyin"' firmware/platform/speak.c
# What the normaliser is for: "10:00" is read 十 零 零, a digit run as one
# number (一百三十八…), so times and codes are written in words first.
check "espeak-ng reads 10:00 as shi2 ling2 ling2, not a time" \
    sh -c "espeak-ng -q -x -v cmn-latn-pinyin '10:00' | grep -q \"li35N_| l'i35N\""
check "and 上午十点 as shang4 wu3 shi2 dian3" \
    sh -c "espeak-ng -q -x -v cmn-latn-pinyin '上午十点' | grep -q \"s.'a51N_| w'u21_| s.'i.35_| t'iE214n\""
# -q writes no WAV at all (speak.c runs espeak-ng without it).
espeak-ng -q -w "$TMP/q.wav" -v en-gb "hello"
check "espeak-ng -q -w writes no WAV (so the kiosk does not pass -q)" test ! -e "$TMP/q.wav"

# Every polyphone fix of core/speech.c: the real word is read wrongly and
# the homophone rightly. Fragments of espeak-ng's phonemes: ts.'a = zhang,
# ts.h'A = chang, ts.h'ong35 = chong2, ts.'ong51 = zhong4, X'a35N = hang2,
# S;'i35N = xing2, 'yE51 = yue4, l'@51 = le4.
grep -o '{"[^"]*", "[^"]*"}' firmware/core/speech.c | tr -d '{}",' >"$TMP/pairs"
check "core/speech.c has polyphone fixes ($(wc -l <"$TMP/pairs"))" test -s "$TMP/pairs"
while read -r word say; do
    case $word in
    家长 | 长辈 | 长者 | 成长) good="ts.'a" bad="ts.h'A" ;;
    重新 | 重复) good="ts.h'ong35" bad="ts.'ong51" ;;
    银行) good="X'a35N" bad="S;'i35N" ;;
    音乐) good="'yE51" bad="l'@51" ;;
    *) good="" bad="" ;;
    esac
    check "polyphone $word: this test knows what it should sound like" test -n "$good"
    [ -n "$good" ] || continue
    check "polyphone $word is read wrongly by espeak-ng ($(ph cmn-latn-pinyin "$word"))" \
        sh -c "espeak-ng -q -x -v cmn-latn-pinyin '$word' | grep -qF \"$bad\""
    check "polyphone $word: $say is read rightly ($(ph cmn-latn-pinyin "$say"))" \
        sh -c "espeak-ng -q -x -v cmn-latn-pinyin '$say' | grep -qF \"$good\""
done <"$TMP/pairs"
