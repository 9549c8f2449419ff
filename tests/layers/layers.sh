#!/bin/sh
# make check-layers: the tree as committed follows the layers, and the checker
# catches each kind of wrong include when one is planted in a copy of it.
. tests/lib.sh
plain_build_only "the includes do not change under the sanitizers"
sh tools/check-layers.sh >"$TMP/out" 2>&1
rc=$?
check "the checkout's includes follow the layers" test $rc -eq 0
[ $rc -eq 0 ] || cat "$TMP/out"

# plant FILE LINE: a copy of the firmware and the core tests with LINE added
# at the top of FILE must fail the check, naming FILE.
plant() {
    rm -rf "$TMP/tree"
    mkdir -p "$TMP/tree/tools" "$TMP/tree/tests"
    cp -R firmware "$TMP/tree/"
    cp -R tests/core tests/unit "$TMP/tree/tests/"
    cp tools/check-layers.sh "$TMP/tree/tools/"
    { echo "$2"; cat "$TMP/tree/$1"; } >"$TMP/tree/x" && mv "$TMP/tree/x" "$TMP/tree/$1"
    sh "$TMP/tree/tools/check-layers.sh" "$TMP/tree" >"$TMP/planted" 2>&1
    prc=$?
    if [ $prc -eq 1 ] && grep -q "^$1:1: " "$TMP/planted"; then ok "caught: $1 with $2"; else
        not_ok "caught: $1 with $2" "exit $prc" "$(cat "$TMP/planted")"
    fi
}
plant firmware/core/rules.c '#include "../store/store.h"'
plant firmware/core/flow.c '#include <sqlite3.h>'
plant firmware/core/catalog.h '#include <sodium.h>'
plant firmware/store/store.h '#include "../ui/ui.h"'
plant firmware/ticket/qr.c '#include "../platform/log.h"'
plant firmware/platform/log.c '#include "../app/kiosk.h"'
plant firmware/platform/config.c '#include <SDL.h>'
plant firmware/app/kiosk.c '#include "../shell/script.h"'
plant firmware/app/export.c '#include "../ui/ui.h"'
plant firmware/update/install.c '#include "../store/store.h"'
plant firmware/ui/text.c '#include <sqlite3.h>'
plant firmware/ui/ui.c '#include "../store/store.h"'
plant tests/core/test_rules.c '#include "../../firmware/store/store.h"'
plant tests/core/test_flow.c '#include <sqlite3.h>'

# A firmware file grown past 1,000 lines fails the check, naming it; the
# same file saying why near its top passes.
rm -rf "$TMP/tree"
mkdir -p "$TMP/tree/tools" "$TMP/tree/tests"
cp -R firmware "$TMP/tree/"
cp -R tests/core tests/unit "$TMP/tree/tests/"
cp tools/check-layers.sh "$TMP/tree/tools/"
big=firmware/store/store.c
i=0
while [ $i -lt 1001 ]; do echo "/* padding */"; i=$((i + 1)); done >>"$TMP/tree/$big"
sh "$TMP/tree/tools/check-layers.sh" "$TMP/tree" >"$TMP/planted" 2>&1
prc=$?
check "caught: $big grown past 1,000 lines" sh -c "test $prc -eq 1 && grep -q '^$big:1: .* lines' '$TMP/planted'"
{ echo "/* over 1,000 lines because: a test of the check */"; cat "$TMP/tree/$big"; } >"$TMP/x" && mv "$TMP/x" "$TMP/tree/$big"
sh "$TMP/tree/tools/check-layers.sh" "$TMP/tree" >"$TMP/planted" 2>&1
prc=$?
check "a file over 1,000 lines that says why passes" test $prc -eq 0
[ $prc -eq 0 ] || cat "$TMP/planted"
