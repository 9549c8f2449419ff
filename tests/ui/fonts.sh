#!/bin/sh
# Every character of the UI strings and the demo catalog is in the committed
# font subset (Regular and Bold), and the checker does catch a missing one.
. tests/lib.sh
for f in fonts/NotoSansSC-Kiosk-Regular.otf fonts/NotoSansSC-Kiosk-Bold.otf; do
    python3 tools/fontsubset/coverage.py "$f" firmware assets >"$TMP/out" 2>&1
    rc=$?
    check "$(basename "$f") covers every character of firmware/ and assets/" test $rc -eq 0
    [ $rc -eq 0 ] || head -20 "$TMP/out"
done
printf '[service x]\nname = 𠀀 and 😀\n' >"$TMP/rare.ini"
python3 tools/fontsubset/coverage.py fonts/NotoSansSC-Kiosk-Regular.otf "$TMP/rare.ini" >"$TMP/out" 2>&1
check "a character outside the subset is reported" test $? -eq 1
check "the report names the character" grep -q "U+20000" "$TMP/out"
