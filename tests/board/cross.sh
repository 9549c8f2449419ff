#!/bin/sh
# The Arm builds, arm64 (64-bit boards: Raspberry Pi 4 and 5) and armhf
# (32-bit: Raspberry Pi 3, older Rockchip and Allwinner boards): for each,
# `make CROSS=ARCH cross-test` (sysroot by mmdebstrap, the unit and store
# tests under qemu-user) passes every test, the package builds and passes
# lintian without errors, its kiosk books under qemu on its own catalog and
# font, and its staff console serves that store. It prints the packaged
# kiosk's frame times and peak memory under emulation ("# figure" lines,
# board/README.md has them). Minutes and the network, the first time, so it
# runs with KIOSK_BOARD_TESTS=1 (CI sets it).
# CROSS_ARCHS="arm64" runs one of them only.
. tests/lib.sh
if [ "${KIOSK_BOARD_TESTS:-0}" != 1 ]; then
    echo "# skip: set KIOSK_BOARD_TESTS=1 to cross-build for arm64 and armhf and test under qemu (CI does)"
    exit 0
fi
here=$PWD
want=$(ls tests/core/test_*.c tests/unit/test_*.c tests/store/test_*.c tests/reliability/test_*.c 2>/dev/null | wc -l) # UNIT_SRC of the Makefile

# cross ARCH TRIPLET QEMU MACHINE (readelf's) [VAR=VALUE... for cross-test]
cross() {
    arch=$1 triplet=$2 qemu=$3 machine=$4
    shift 4
    for t in $triplet-gcc $qemu mmdebstrap dpkg-deb; do
        command -v $t >/dev/null 2>&1 || { not_ok "KIOSK_BOARD_TESTS=1 needs $t (tools/deps.sh test installs it)"; return; }
    done
    t0=$(date +%s)
    env "$@" make --no-print-directory -j2 CROSS=$arch cross-test >"$TMP/cross-$arch.log" 2>&1
    rc=$?
    sum=$(tail -n1 "$TMP/cross-$arch.log")
    ran=$(grep -c "^== build/$arch/tests/" "$TMP/cross-$arch.log")
    check "make CROSS=$arch cross-test passes: $sum ($(($(date +%s) - t0)) s${1:+; $*})" \
        sh -c "test $rc -eq 0 && echo '$sum' | grep -Eq '^[1-9][0-9]* passed, 0 failed$'"
    [ $rc -eq 0 ] || grep -v "^$triplet-gcc" "$TMP/cross-$arch.log" | tail -n 30
    check "every unit and store test program ran under $qemu ($ran of $want)" test "$ran" -eq "$want"

    deb=build/kiosk_$(cat VERSION)-1_$arch.deb
    make --no-print-directory -j2 CROSS=$arch deb >"$TMP/deb-$arch.log" 2>&1
    rc=$?
    check "make CROSS=$arch deb builds $deb" test $rc -eq 0 -a -f "$deb"
    [ $rc -eq 0 ] || { tail -n 30 "$TMP/deb-$arch.log"; return; }
    check "its control says Architecture: $arch" test "$(dpkg-deb -f "$deb" Architecture)" = $arch
    x="$TMP/x-$arch"
    dpkg-deb -x "$deb" "$x"
    check "its kiosk is an $machine program" sh -c "readelf -h '$x/usr/bin/kiosk' | grep -q 'Machine: *$machine'"
    if command -v lintian >/dev/null 2>&1; then
        lintian --tag-display-limit 0 "$deb" >"$TMP/lintian-$arch" 2>&1
        check "lintian reports no errors and no warnings (but board/debian/lintian-overrides') on the $arch package" \
            sh -c "! grep -q '^[EW]:' '$TMP/lintian-$arch'"
        grep '^[EW]:' "$TMP/lintian-$arch"
    fi
    # its pages were made by help2man running its programs under qemu
    run="env QEMU_LD_PREFIX=$here/build/sysroot-$arch $qemu"
    for p in kiosk kioskctl; do
        MANWIDTH=2000 man -E ascii -l "$x/usr/share/man/man1/$p.1.gz" 2>/dev/null | col -b >"$TMP/page"
        missing=$($run "$x/usr/bin/$p" --help 2>&1 | grep -o -- '--[a-z][a-z-]*' | sort -u |
            while read -r o; do grep -q -- "$o\b" "$TMP/page" || printf '%s ' "$o"; done)
        check "its $p.1 (help2man ran the $arch $p under qemu) has every option of its --help" \
            sh -c "grep -q '^NAME' '$TMP/page' && test -z '$missing'"
    done
    d="$TMP/d-$arch"
    mkdir -p "$TMP/cwd"
    (cd "$TMP/cwd" && $run "$x/usr/bin/kiosk" --headless --data-dir "$d" --catalog "$x/etc/kiosk/catalog.ini" \
        --now "2026-12-01 09:00" --script "$here/tests/ui/scripts/book.txt") >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "the packaged $arch kiosk books under qemu on its catalog and font" test $rc -eq 0
    [ $rc -eq 0 ] || tail -n 20 "$TMP/err"
    $run "$x/usr/bin/kioskctl" --db "$d/kiosk.db" bookings --format csv >"$TMP/rows" 2>"$TMP/err"
    rc=$?
    check "the packaged $arch kioskctl lists the bookings under qemu" test $rc -eq 0
    check "the packaged $arch kioskctl reads that booking" grep -q ',13812345678,2,booked,' "$TMP/rows"
    # The staff console is in the package too (make install builds it: the
    # sysroot has libmicrohttpd-dev and libgnutls28-dev): it starts under
    # qemu on that store, makes its certificate and says where it listens.
    check "its kiosk-console is an $machine program" sh -c "readelf -h '$x/usr/bin/kiosk-console' | grep -q 'Machine: *$machine'"
    console_once "$TMP/console.out" $run "$x/usr/bin/kiosk-console" --db "$d/kiosk.db" --tls-dir "$d/console" \
        --listen 127.0.0.1 --port 0
    check "the packaged $arch kiosk-console serves that store under qemu" \
        grep -q '^kiosk-console: listening on https://127.0.0.1:[0-9]*/s/dl-jinpu-xianjin/$' "$TMP/console.out"

    # Figures under emulation (not a board's: qemu-user translates every
    # instruction, so frames are several times slower than on the board,
    # and the peak RSS is qemu's, the translator and its code cache
    # included). Frames: the packaged kiosk at 1080x1920, 30 redraws of home
    # and of the ticket (the first of each screen, text not cached, left
    # out). RSS: the whole tour, GNU time's maximum resident set.
    { echo "tap start"; echo "expect-screen home"
      i=0; while [ $i -lt 30 ]; do echo "touch 10 960"; i=$((i + 1)); done
      echo "tap category:yanglao"; echo "tap service:kangyang-zixun"; echo "tap book"
      echo "tap session:kangyang-zixun-20261201-1000"; echo "type 13812345678"; echo "tap next"; echo "tap confirm"
      echo "expect-screen ticket"
      i=0; while [ $i -lt 30 ]; do echo "touch 10 960"; i=$((i + 1)); done
      echo "expect-screen ticket"; } >"$TMP/frames.txt"
    (cd "$TMP/cwd" && $run "$x/usr/bin/kiosk" --headless --data-dir "$d-f" --size 1080x1920 \
        --catalog "$x/etc/kiosk/catalog.ini" --now "2026-12-01 09:00" --script "$TMP/frames.txt" \
        --bench "$TMP/frames-$arch.log") >"$TMP/out" 2>"$TMP/err"
    rc=$?
    awk '$1 == "frame" { if ($2 == prev) print $2, ($4 - $3) / 1e6; prev = $2 }' "$TMP/frames-$arch.log" >"$TMP/ms"
    check "the packaged $arch kiosk draws the frames script under qemu" \
        test $rc -eq 0 -a "$(grep -c '^home ' "$TMP/ms")" -ge 30 -a "$(grep -c '^ticket ' "$TMP/ms")" -ge 30
    for s in home ticket; do
        grep "^$s " "$TMP/ms" | cut -d' ' -f2 | sort -n | awk -v s=$s -v a=$arch '{ v[NR] = $1 }
            END { if (NR) printf "# figure %s under qemu: frame %s 1080x1920 p50 %.1f ms, p95 %.1f ms (%d frames)\n",
                a, s, v[int(NR * 0.5 + 0.5)], v[int(NR * 0.95 + 0.5)], NR }'
    done
    grep -v '^shot ' tests/ui/scripts/tour.txt >"$TMP/tour.txt"
    (cd "$TMP/cwd" && /usr/bin/time -f '%M' -o "$TMP/rss-$arch" $run "$x/usr/bin/kiosk" --headless \
        --data-dir "$d-t" --size 1080x1920 --catalog "$x/etc/kiosk/catalog.ini" --now "2026-12-01 09:00" \
        --script "$TMP/tour.txt") >"$TMP/out" 2>"$TMP/err"
    rc=$?
    check "the packaged $arch kiosk runs the whole tour under qemu" test $rc -eq 0
    [ $rc -eq 0 ] || tail -n 5 "$TMP/err"
    echo "# figure $arch under qemu: peak RSS of the tour at 1080x1920 $(awk '{ printf "%.1f", $1 / 1024 }' "$TMP/rss-$arch") MB (qemu's own included)"
}

archs=${CROSS_ARCHS:-arm64 armhf}
case " $archs " in *" arm64 "*) cross arm64 aarch64-linux-gnu qemu-aarch64-static AArch64 ;; esac
# armhf runs the crash tests' rounds a quarter as many times (their logic is
# the architecture's no more than arm64's, which runs them all; under
# qemu-arm they took 3 of its 5 minutes).
case " $archs " in *" armhf "*) cross armhf arm-linux-gnueabihf qemu-arm-static ARM CRASH_ROUNDS=50 QUEUE_CRASH_ROUNDS=15 ;; esac
