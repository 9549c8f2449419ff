#!/bin/sh
# The arm64 build: `make CROSS=arm64 cross-test` (sysroot by mmdebstrap, the
# unit and store tests under qemu-aarch64-static) passes every test, the
# arm64 package builds and passes lintian, and its kiosk books under qemu on
# its own catalog and font, and its staff console serves that store. About
# 3-4 minutes and the network, the first time, so it runs with
# KIOSK_BOARD_TESTS=1 (CI sets it).
. tests/lib.sh
if [ "${KIOSK_BOARD_TESTS:-0}" != 1 ]; then
    echo "# skip: set KIOSK_BOARD_TESTS=1 to cross-build for arm64 and test under qemu (CI does)"
    exit 0
fi
for t in aarch64-linux-gnu-gcc qemu-aarch64-static mmdebstrap dpkg-deb; do
    command -v $t >/dev/null 2>&1 || { not_ok "KIOSK_BOARD_TESTS=1 needs $t (tools/deps.sh test installs it)"; exit 0; }
done
make --no-print-directory -j2 CROSS=arm64 cross-test >"$TMP/cross.log" 2>&1
rc=$?
sum=$(tail -n1 "$TMP/cross.log")
want=$(ls tests/core/test_*.c tests/unit/test_*.c tests/store/test_*.c tests/reliability/test_*.c 2>/dev/null | wc -l) # UNIT_SRC of the Makefile
ran=$(grep -c '^== build/arm64/tests/' "$TMP/cross.log")
check "make CROSS=arm64 cross-test passes: $sum" \
    sh -c "test $rc -eq 0 && echo '$sum' | grep -Eq '^[1-9][0-9]* passed, 0 failed$'"
[ $rc -eq 0 ] || grep -v '^aarch64-linux-gnu-gcc' "$TMP/cross.log" | tail -n 30
check "every unit and store test program ran under qemu ($ran of $want)" test "$ran" -eq "$want"

deb=build/kiosk_$(cat VERSION)-1_arm64.deb
make --no-print-directory -j2 CROSS=arm64 deb >"$TMP/deb.log" 2>&1
rc=$?
check "make CROSS=arm64 deb builds $deb" test $rc -eq 0 -a -f "$deb"
[ $rc -eq 0 ] || { tail -n 30 "$TMP/deb.log"; exit 0; }
check "its control says Architecture: arm64" test "$(dpkg-deb -f "$deb" Architecture)" = arm64
dpkg-deb -x "$deb" "$TMP/x"
check "its kiosk is an aarch64 program" sh -c "readelf -h '$TMP/x/usr/bin/kiosk' | grep -q 'Machine: *AArch64'"
if command -v lintian >/dev/null 2>&1; then
    lintian --tag-display-limit 0 "$deb" >"$TMP/lintian" 2>&1
    check "lintian reports no errors on the arm64 package" sh -c "! grep -q '^E:' '$TMP/lintian'"
    grep '^E:' "$TMP/lintian"
fi
here=$PWD
mkdir -p "$TMP/cwd"
(cd "$TMP/cwd" && QEMU_LD_PREFIX="$here/build/sysroot-arm64" qemu-aarch64-static "$TMP/x/usr/bin/kiosk" \
    --headless --data-dir "$TMP/d" --catalog "$TMP/x/etc/kiosk/catalog.ini" --now "2026-12-01 09:00" \
    --script "$here/tests/ui/scripts/book.txt") >"$TMP/out" 2>"$TMP/err"
rc=$?
check "the packaged arm64 kiosk books under qemu on its catalog and font" test $rc -eq 0
[ $rc -eq 0 ] || tail -n 20 "$TMP/err"
QEMU_LD_PREFIX="$here/build/sysroot-arm64" qemu-aarch64-static "$TMP/x/usr/bin/kioskctl" --db "$TMP/d/kiosk.db" \
    bookings --format csv >"$TMP/rows" 2>"$TMP/err"
rc=$?
check "the packaged arm64 kioskctl lists the bookings under qemu" test $rc -eq 0
check "the packaged arm64 kioskctl reads that booking" grep -q ',13812345678,2,booked,' "$TMP/rows"
# The staff console is in the package too (make install builds it: the
# sysroot has libmicrohttpd-dev and libgnutls28-dev): an aarch64 program
# that starts under qemu on that store, makes its certificate and says
# where it listens.
check "its kiosk-console is an aarch64 program" sh -c "readelf -h '$TMP/x/usr/bin/kiosk-console' | grep -q 'Machine: *AArch64'"
console_once "$TMP/console.out" env QEMU_LD_PREFIX="$here/build/sysroot-arm64" qemu-aarch64-static \
    "$TMP/x/usr/bin/kiosk-console" --db "$TMP/d/kiosk.db" --tls-dir "$TMP/d/console" --listen 127.0.0.1 --port 0
check "the packaged arm64 kiosk-console serves that store under qemu" \
    grep -q '^kiosk-console: listening on https://127.0.0.1:[0-9]*/s/dl-jinpu-xianjin/$' "$TMP/console.out"
