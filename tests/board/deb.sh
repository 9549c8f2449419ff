#!/bin/sh
# make deb: the package passes lintian without errors, depends on what its
# binaries link, and puts every file where the unit and the configuration
# expect it; the packaged kiosk books on the packaged catalog and font. With
# KIOSK_BOARD_TESTS=1 (CI sets it; root, mmdebstrap and the network needed,
# about 90 s) apt installs it into a fresh Debian chroot: its postinst makes
# the kiosk user and data directory and enables the kiosk's and the staff
# console's units, their command lines work there as that user, an upgrade
# from the previous version keeps a booking, man shows the installed pages,
# and a purge removes the data.
. tests/lib.sh
# make deb builds its own release build (build/pkg-ARCH) with Debian's
# flags; its Depends are the plain build's libraries, no sanitizer runtime.
plain_build_only "make deb packages a release build, not the sanitizers' (the plain run tests it)"
if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "# skip: dpkg-deb is absent (not a Debian system): make deb is not tested here"
    exit 0
fi
arch=$(dpkg --print-architecture)
deb=build/kiosk_$(cat VERSION)-1_$arch.deb
make --no-print-directory -j2 deb >"$TMP/make.log" 2>&1
rc=$?
check "make deb builds $deb" test $rc -eq 0 -a -f "$deb"
[ $rc -eq 0 ] || { tail -n 30 "$TMP/make.log"; exit 1; }

# lintian: no error, no warning but those board/debian/lintian-overrides
# overrides, each with its reason (a comment above it), none stale.
if command -v lintian >/dev/null 2>&1; then
    lintian -I --show-overrides --tag-display-limit 0 "$deb" >"$TMP/lintian" 2>&1
    if grep -q '^E:' "$TMP/lintian"; then
        not_ok "lintian reports no errors" "$(grep '^E:' "$TMP/lintian")"
    else
        ok "lintian reports no errors"
    fi
    if grep -q '^W:' "$TMP/lintian"; then
        not_ok "lintian reports no warnings but the overridden" "$(grep '^W:' "$TMP/lintian")"
    else
        ok "lintian reports no warnings but the overridden ($(grep -c '^O:' "$TMP/lintian"): $(sed -n 's/^O: [^:]*: \([^ ]*\).*/\1/p' "$TMP/lintian" | paste -sd' ' -))"
    fi
    check "no override is unused (lintian's unused-override)" sh -c "! grep -q 'unused-override' '$TMP/lintian'"
    check "each override of board/debian/lintian-overrides has its reason above it" \
        sh -c "awk '/^[^#]/ && NF && prev !~ /^#/ { bad = 1 } { prev = \$0 } END { exit bad }' board/debian/lintian-overrides"
    check "the package installs the overrides (/usr/share/lintian/overrides/kiosk)" \
        sh -c "dpkg-deb -c '$deb' | grep -q ' ./usr/share/lintian/overrides/kiosk$'"
else
    echo "# lintian is absent (Debian package lintian): the package is not linted here"
fi

# Depends names every library package dpkg-shlibdeps finds for the binaries.
dpkg-deb -x "$deb" "$TMP/x"
dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//' | sort >"$TMP/depends"
mkdir -p "$TMP/shl/debian"
printf 'Source: kiosk\n\nPackage: kiosk\nArchitecture: any\n' >"$TMP/shl/debian/control"
(cd "$TMP/shl" && dpkg-shlibdeps -O "$TMP/x/usr/bin/kiosk" "$TMP/x/usr/bin/kioskctl" \
    "$TMP/x/usr/bin/kiosk-console" 2>/dev/null) |
    sed 's/^shlibs:Depends=//' | tr ',' '\n' | sed 's/^ *//; s/ .*//' | sort >"$TMP/needed"
missing=$(comm -13 "$TMP/depends" "$TMP/needed")
check "Depends has every library the binaries link ($(wc -l <"$TMP/needed") packages)" \
    test -s "$TMP/needed" -a -z "$missing"
[ -z "$missing" ] || echo "    missing: $missing"

# The files as the package lays them out (the chroot below installs it for real).
root="$TMP/x"
dpkg-deb -e "$deb" "$TMP/control"
check "both configuration files are conffiles" \
    sh -c "grep -qx /etc/kiosk/kiosk.conf '$TMP/control/conffiles' && grep -qx /etc/kiosk/catalog.ini '$TMP/control/conffiles'"
unit="$root/lib/systemd/system/kiosk.service"
check "the unit is installed where systemd looks" test -f "$unit"
exec_line=$(sed -n 's/^ExecStart=//p' "$unit")
bin=${exec_line%% *}
conf=$(echo "$exec_line" | sed -n 's/.*--config \([^ ]*\).*/\1/p')
check "ExecStart's binary $bin is installed and executable" test -x "$root$bin"
check "ExecStart's --config $conf is installed" test -f "$root$conf"
conf_value() { sed -n "s/^$1 *= *//p" "$root$conf"; }
check "the configuration's catalog $(conf_value catalog) is installed" test -f "$root$(conf_value catalog)"
data=$(conf_value data_dir)
check "the unit may write the configured data_dir $data" grep -qx "ReadWritePaths=$data" "$unit"
check "the unit's StateDirectory is that data_dir" \
    test "/var/lib/$(sed -n 's/^StateDirectory=//p' "$unit")" = "$data"
# The rules file as the package installs it, whatever its name
# (tests/board/udev.sh checks where that name sorts).
ls "$root"/lib/udev/rules.d/*.rules >"$TMP/rules" 2>/dev/null
check "the package installs one udev rules file ($(xargs -n1 basename <"$TMP/rules" | paste -sd' ' -))" \
    test "$(wc -l <"$TMP/rules")" -eq 1
check "the configured printer $(conf_value printer) is the udev rules' link" \
    sh -c "test '$(conf_value printer)' = /dev/kiosk-printer && grep -q 'SYMLINK+=\"kiosk-printer\"' \"\$(head -n1 '$TMP/rules')\""
unit_groups=$(sed -n 's/^SupplementaryGroups=//p' "$unit" | tr ' ' '\n' | sort | tr '\n' ' ')
postinst_groups=$(sed -n 's/^ *for g in \(.*\); do$/\1/p' "$TMP/control/postinst" | tr ' ' '\n' | sort | tr '\n' ' ')
check "postinst puts kiosk in the unit's SupplementaryGroups ($unit_groups)" \
    test -n "$unit_groups" -a "$unit_groups" = "$postinst_groups"
doc=$(sed -n 's|^Documentation=file://||p' "$unit")
check "the unit's Documentation $doc is installed" test -f "$root$doc"
# The binary looks for its font under the data directory compiled in (PREFIX=/usr).
fontdir=$(strings "$root$bin" | grep -x '/usr/share/kiosk/fonts')
check "the kiosk was built to find its font in /usr/share/kiosk/fonts" test -n "$fontdir"
check "both faces are installed there" \
    test -f "$root/usr/share/kiosk/fonts/NotoSansSC-Kiosk-Regular.otf" -a -f "$root/usr/share/kiosk/fonts/NotoSansSC-Kiosk-Bold.otf"
for f in /usr/bin/kioskctl /usr/share/man/man1/kiosk.1.gz /usr/share/doc/kiosk/copyright \
    /usr/lib/systemd/logind.conf.d/kiosk.conf /usr/share/man/man1/kiosk-console.1.gz; do
    check "$f is installed" test -f "$root$f"
done
# The staff console (issue 18): its unit, its program, on the kiosk's configuration and data.
cunit="$root/lib/systemd/system/kiosk-console.service"
check "the staff console's unit is installed where systemd looks" test -f "$cunit"
cexec_line=$(sed -n 's/^ExecStart=//p' "$cunit")
cbin=${cexec_line%% *}
check "its ExecStart's binary $cbin is installed and executable" test -n "$cbin" -a -f "$root$cbin" -a -x "$root$cbin"
check "its ExecStart reads the kiosk's configuration $conf" test "$(echo "$cexec_line" | sed -n 's/.*--config \([^ ]*\).*/\1/p')" = "$conf"
check "it may write the configured data_dir $data (its certificate goes in $data/console)" grep -qx "ReadWritePaths=$data" "$cunit"

# A release build leaves the test hooks out (KIOSK_UNTESTABLE): no variable
# of the environment can make the packaged kioskctl kill itself halfway
# through an update. The tests' build keeps them (tests/update/kill.sh).
# (strings' output is kept: a missing binary must not read as "no hook".)
for b in kiosk kioskctl; do
    strings "$root/usr/bin/$b" >"$TMP/strings"
    rc=$?
    check "the packaged $b has no crash-injection hook (KIOSK_UPDATE_CRASH_AT)" \
        sh -c "test $rc -eq 0 -a -s '$TMP/strings' && ! grep -q KIOSK_UPDATE_CRASH_AT '$TMP/strings'"
done
test_ctl=${BUILD:-build}/kioskctl
if [ -x "$test_ctl" ]; then
    strings "$test_ctl" >"$TMP/strings"
    check "the tests' $test_ctl has the hook" grep -q KIOSK_UPDATE_CRASH_AT "$TMP/strings"
else
    echo "# $test_ctl is not built: its hook is not checked here"
fi

# The installed programs work from the installed tree alone (run away from
# the source tree, so nothing is found there by accident).
here=$PWD
mkdir -p "$TMP/d" "$TMP/cwd"
(cd "$TMP/cwd" && "$root$bin" --headless --data-dir "$TMP/d" --catalog "$root$(conf_value catalog)" \
    --now "2026-12-01 09:00" --script "$here/tests/ui/scripts/book.txt") >"$TMP/out" 2>"$TMP/err"
rc=$?
check "the installed kiosk books on the installed catalog and font" test $rc -eq 0
[ $rc -eq 0 ] || tail -n 20 "$TMP/err"
(cd "$TMP/cwd" && "$root/usr/bin/kioskctl" --db "$TMP/d/kiosk.db" bookings --format csv) >"$TMP/rows" 2>"$TMP/err"
rc=$?
check "the installed kioskctl lists the bookings" test $rc -eq 0
check "the installed kioskctl reads that booking" grep -q ',13812345678,2,booked,' "$TMP/rows"
# The installed console serves that store: it makes its certificate and
# says where it listens (a free loopback port here), and kioskctl gives
# the fingerprint it printed.
console_once "$TMP/console.out" env -C "$TMP/cwd" "$root$cbin" --db "$TMP/d/kiosk.db" --tls-dir "$TMP/d/console" \
    --listen 127.0.0.1 --port 0
check "the installed kiosk-console starts on the installed kiosk's store" \
    grep -q '^kiosk-console: listening on https://127.0.0.1:[0-9]*/s/dl-jinpu-xianjin/$' "$TMP/console.out"
printf 'data_dir = %s\n' "$TMP/d" >"$TMP/d.conf"
(cd "$TMP/cwd" && "$root/usr/bin/kioskctl" --config "$TMP/d.conf" console fingerprint) >"$TMP/print" 2>"$TMP/err"
check "the installed kioskctl prints the fingerprint it printed" \
    sh -c "test -s '$TMP/print' && grep -qx 'kiosk-console: certificate SHA-256 $(cat "$TMP/print")' '$TMP/console.out'"

# A real install: apt resolves Depends from Debian and dpkg runs the
# maintainer scripts inside a fresh chroot of this machine's release.
if [ "${KIOSK_BOARD_TESTS:-0}" != 1 ]; then
    echo "# the chroot install is not run (set KIOSK_BOARD_TESTS=1; CI does)"
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v mmdebstrap >/dev/null 2>&1; then
    not_ok "KIOSK_BOARD_TESTS=1 needs root and mmdebstrap (tools/deps.sh test installs it)"
    exit 0
fi
ch="$TMP/chroot"
sh tools/debian-sources.sh >"$TMP/sources"
# The unit needs every group of its SupplementaryGroups on the board: video
# and lp come with base-passwd, input and render with systemd (sysusers'
# basic.conf), which a minbase chroot lacks. As on a board, they exist
# before the package is installed (an essential hook runs before --include).
cat >"$TMP/groups.sh" <<'HOOK'
gid=990
for g in input render; do
    grep -q "^$g:" "$1/etc/group" && continue
    while cut -d: -f3 "$1/etc/group" | grep -qx $gid; do gid=$((gid - 1)); done
    echo "$g:x:$gid:" >>"$1/etc/group"
    [ ! -f "$1/etc/gshadow" ] || echo "$g:!::" >>"$1/etc/gshadow"
done
HOOK
# The chroot gets "the previous version" first: this package as 0.0.9-1
# (the same files, a lower version), and is upgraded to this one after a
# booking. man-db too, for `man kioskctl`.
old_deb="$TMP/kiosk_0.0.9-1_$arch.deb"
rm -rf "$TMP/old" && dpkg-deb -R "$deb" "$TMP/old" &&
    sed -i 's/^Version: .*/Version: 0.0.9-1/' "$TMP/old/DEBIAN/control" &&
    dpkg-deb --root-owner-group -Zxz -b "$TMP/old" "$old_deb" >/dev/null
check "the previous version's package (0.0.9-1) is made" test -f "$old_deb"
mmdebstrap --quiet --mode=root --variant=minbase \
    --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
    --essential-hook="sh '$TMP/groups.sh' \"\$1\"" \
    --include="$old_deb" --include=man-db "$(. /etc/os-release && echo "$VERSION_CODENAME")" "$ch" "$TMP/sources" \
    >"$TMP/mmdebstrap.log" 2>&1
rc=$?
check "apt installs the package (0.0.9-1) and its Depends into a fresh chroot" test $rc -eq 0
[ $rc -eq 0 ] || { tail -n 30 "$TMP/mmdebstrap.log"; exit 0; }
check "postinst made the system user kiosk (no login shell, home the data directory)" \
    sh -c "chroot '$ch' getent passwd kiosk | grep -Eq '^kiosk:x:[0-9]+:[0-9]+:[^:]*:/var/lib/kiosk:/usr/sbin/nologin$'"
chroot "$ch" id -nG kiosk >"$TMP/groups" 2>&1
check "id lists kiosk's groups" test $? -eq 0
for g in $unit_groups; do
    if ! chroot "$ch" getent group "$g" >/dev/null; then
        not_ok "the unit's group $g exists (base-passwd or systemd makes every one on a board)"
        continue
    fi
    check "kiosk is in the unit's group $g" sh -c "tr ' ' '\n' <'$TMP/groups' | grep -qx '$g'"
done
check "postinst made /var/lib/kiosk for kiosk only (kiosk:kiosk 750)" \
    test "$(chroot "$ch" stat -c '%U:%G %a' /var/lib/kiosk)" = "kiosk:kiosk 750"
check "postinst enabled kiosk.service" test -L "$ch/etc/systemd/system/multi-user.target.wants/kiosk.service"
check "postinst enabled kiosk-console.service (the staff console)" \
    test "$(readlink "$ch/etc/systemd/system/multi-user.target.wants/kiosk-console.service")" = /lib/systemd/system/kiosk-console.service
chroot "$ch" kiosk-console --help >"$TMP/out" 2>"$TMP/err"
rc=$?
check "kiosk-console --help runs in the chroot (its libraries came with Depends)" \
    sh -c "test $rc -eq 0 && grep -q '^usage: kiosk-console' '$TMP/out'"
[ $rc -eq 0 ] || cat "$TMP/err"
cp tests/ui/scripts/book.txt "$ch/tmp/book.txt"
chroot "$ch" su -s /bin/sh kiosk -c "cd /tmp && $exec_line --headless --now '2026-12-01 09:00' --script /tmp/book.txt" \
    >"$TMP/out" 2>"$TMP/err"
rc=$?
check "the unit's command line, as user kiosk, books with the installed configuration" test $rc -eq 0
[ $rc -eq 0 ] || tail -n 20 "$TMP/err"
chroot "$ch" su -s /bin/sh kiosk -c "kioskctl --config $conf bookings --format csv" >"$TMP/rows" 2>"$TMP/err"
rc=$?
check "kioskctl --config lists the bookings as user kiosk" test $rc -eq 0
check "kioskctl --config finds that booking in /var/lib/kiosk" grep -q ',13812345678,2,booked,' "$TMP/rows"
# The upgrade to this version: dpkg runs the old prerm, the new postinst
# (configure with the old version); the booking and the database's owner stay.
cp "$deb" "$ch/tmp/new.deb"
chroot "$ch" dpkg -i /tmp/new.deb >"$TMP/upgrade.log" 2>&1
rc=$?
check "dpkg -i upgrades 0.0.9-1 to $(cat VERSION)-1" \
    sh -c "test $rc -eq 0 && test \"\$(chroot '$ch' dpkg-query -W -f '\${Version} \${Status}' kiosk)\" = '$(cat VERSION)-1 install ok installed'"
[ $rc -eq 0 ] || tail -n 20 "$TMP/upgrade.log"
chroot "$ch" su -s /bin/sh kiosk -c "kioskctl --config $conf bookings --format csv" >"$TMP/rows" 2>"$TMP/err"
check "the booking made before the upgrade is kept" grep -q ',13812345678,2,booked,' "$TMP/rows"
check "the data directory is still kiosk's alone (kiosk:kiosk 750)" \
    test "$(chroot "$ch" stat -c '%U:%G %a' /var/lib/kiosk)" = "kiosk:kiosk 750"
check "the upgrade kept the units enabled" \
    test -L "$ch/etc/systemd/system/multi-user.target.wants/kiosk.service" -a -L "$ch/etc/systemd/system/multi-user.target.wants/kiosk-console.service"
# The manual pages work as installed, and the completion is where bash-completion looks.
chroot "$ch" env MANWIDTH=200 man -P cat kioskctl >"$TMP/man" 2>"$TMP/err"
rc=$?
check "man kioskctl works in the chroot" sh -c "test $rc -eq 0 && grep -q '^NAME' '$TMP/man' && grep -q 'kioskctl - staff and technician tool' '$TMP/man'"
[ $rc -eq 0 ] || cat "$TMP/err"
chroot "$ch" env MANWIDTH=200 man -P cat kiosk >"$TMP/man" 2>/dev/null
check "man kiosk shows its options (--config)" grep -q -- '--config' "$TMP/man"
check "whatis knows kiosk-console (mandb indexed the page)" sh -c "chroot '$ch' whatis kiosk-console | grep -q 'staff console'"
chroot "$ch" bash -c 'source /usr/share/bash-completion/completions/kioskctl && complete -p kioskctl &&
    COMP_WORDS=(kioskctl que); COMP_CWORD=1; _kioskctl; echo "${COMPREPLY[*]}"' >"$TMP/comp" 2>&1
check "the installed completion completes 'kioskctl que' to queue in the chroot's bash" \
    sh -c "grep -qx 'complete -F _kioskctl kioskctl' '$TMP/comp' && grep -qx queue '$TMP/comp'"
check "the database is in the data directory, not readable by others" \
    test "$(chroot "$ch" stat -c '%U %a' /var/lib/kiosk/kiosk.db)" = "kiosk 640"
# The console's unit's command line as user kiosk (on a free loopback port
# instead of 0.0.0.0:8443, the machine's): its certificate in
# /var/lib/kiosk/console, the fingerprint kioskctl gives as user kiosk.
console_once "$TMP/console.out" chroot --userspec=kiosk:kiosk "$ch" $cexec_line --listen 127.0.0.1 --port 0
check "the console's unit's command line, as user kiosk, serves the installed store" \
    grep -q '^kiosk-console: listening on https://127.0.0.1:[0-9]*/s/' "$TMP/console.out"
check "it made the station's key in /var/lib/kiosk/console for kiosk only" \
    test "$(chroot "$ch" stat -c '%U %a' /var/lib/kiosk/console/key.pem)" = "kiosk 600"
chroot "$ch" su -s /bin/sh kiosk -c "kioskctl --config $conf console fingerprint" >"$TMP/print" 2>"$TMP/err"
check "kioskctl --config console fingerprint, as user kiosk, gives the one it printed" \
    sh -c "test -s '$TMP/print' && grep -qx 'kiosk-console: certificate SHA-256 $(cat "$TMP/print")' '$TMP/console.out'"
# RAUC (board/buildroot/rauc): this chroot, the kiosk installed, is the
# root filesystem of a bundle signed with a test CA made here. rauc info
# verifies the signature (our CA: accepted; a bundle signed under another
# CA, or with its signature altered: refused); rauc extract checks the
# payload against the signed verity hash (one byte changed: refused) and
# gives back the image with the packaged kiosk in it.
rauc_test() {
    for t in rauc openssl mkfs.ext4 debugfs mksquashfs unsquashfs; do
        command -v $t >/dev/null 2>&1 || { not_ok "the RAUC bundle test needs $t (tools/deps.sh test installs it)"; return; }
    done
    r="$TMP/rauc"
    mkdir -p "$r/content"
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' >"$r/ext"
    for who in station other; do
        openssl req -x509 -newkey rsa:2048 -nodes -keyout "$r/$who-ca.key" -out "$r/$who-ca.pem" -days 30 \
            -subj "/CN=$who test CA" -addext basicConstraints=critical,CA:TRUE \
            -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null &&
            openssl req -newkey rsa:2048 -nodes -keyout "$r/$who.key" -out "$r/$who.csr" -subj "/CN=$who signing" 2>/dev/null &&
            openssl x509 -req -in "$r/$who.csr" -CA "$r/$who-ca.pem" -CAkey "$r/$who-ca.key" -CAcreateserial \
                -out "$r/$who.pem" -days 30 -extfile "$r/ext" 2>/dev/null
        check "openssl makes the $who test CA and a signing certificate under it" \
            sh -c "openssl verify -CAfile '$r/$who-ca.pem' '$r/$who.pem' >/dev/null"
    done
    rm -f "$ch/tmp/new.deb"
    mb=$(du -sm "$ch" | cut -f1)
    mkfs.ext4 -q -d "$ch" -L rootfs "$r/content/rootfs.ext4" $((mb * 13 / 10 + 32))M >"$r/mkfs.log" 2>&1
    check "mkfs.ext4 makes the root filesystem image from the chroot (${mb} MB)" test $? -eq 0
    sed "s/@VERSION@/$(cat VERSION)/" board/buildroot/rauc/manifest.raucm.in >"$r/content/manifest.raucm"
    for who in station other; do
        rauc bundle --cert "$r/$who.pem" --key "$r/$who.key" --mksquashfs-args="-comp lz4" \
            "$r/content" "$r/$who.raucb" >"$r/bundle-$who.log" 2>&1
        check "rauc bundle builds a verity bundle signed by the $who key" test $? -eq 0 -a -s "$r/$who.raucb"
    done
    rauc --conf=board/buildroot/rauc/system.conf info --keyring "$r/station-ca.pem" "$r/station.raucb" >"$r/info" 2>&1
    rc=$?
    check "rauc info --keyring (the station CA) verifies the bundle, read with board's system.conf" \
        sh -c "test $rc -eq 0 && grep -q \"Verified inline signature by 'CN = station signing'\" '$r/info'"
    [ $rc -eq 0 ] || tail -n 5 "$r/info"
    check "it is for system.conf's compatible, at this version, with the rootfs image" \
        sh -c "grep -q \"^Compatible:[[:space:]]*'$(sed -n 's/^compatible=//p' board/buildroot/rauc/system.conf)'\" '$r/info' &&
            grep -q \"^Version:[[:space:]]*'$(cat VERSION)'\" '$r/info' && grep -q 'Filename:[[:space:]]*rootfs.ext4' '$r/info' &&
            grep -q '^Bundle Format:[[:space:]]*verity' '$r/info'"
    rauc info --keyring "$r/station-ca.pem" "$r/other.raucb" >"$r/info" 2>&1
    check "a bundle signed under another CA is refused (rauc info exits 1)" \
        sh -c "test $? -eq 1 && grep -q 'signature verification failed' '$r/info'"
    size=$(stat -c %s "$r/station.raucb")
    cp "$r/station.raucb" "$r/sig.raucb"
    printf 'X' | dd of="$r/sig.raucb" bs=1 seek=$((size - 300)) conv=notrunc 2>/dev/null
    rauc info --keyring "$r/station-ca.pem" "$r/sig.raucb" >"$r/info" 2>&1
    check "a bundle with a byte of its signature changed is refused" test $? -eq 1
    cp "$r/station.raucb" "$r/payload.raucb"
    printf 'X' | dd of="$r/payload.raucb" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
    rauc extract --keyring "$r/station-ca.pem" "$r/payload.raucb" "$r/bad" >"$r/extract" 2>&1
    check "a bundle with a byte of its payload changed is refused (rauc extract: payload corrupted)" \
        sh -c "test $? -ne 0 && grep -q 'payload is corrupted' '$r/extract' && test ! -e '$r/bad/rootfs.ext4'"
    rauc extract --keyring "$r/station-ca.pem" "$r/station.raucb" "$r/good" >"$r/extract" 2>&1
    rc=$?
    check "rauc extract gives back the image of the intact bundle" test $rc -eq 0 -a -f "$r/good/rootfs.ext4"
    [ $rc -eq 0 ] || tail -n 5 "$r/extract"
    debugfs -R "dump /usr/bin/kiosk $r/kiosk" "$r/good/rootfs.ext4" >/dev/null 2>&1
    check "its root filesystem holds the packaged kiosk" cmp -s "$r/kiosk" "$ch/usr/bin/kiosk"
    echo "# RAUC: root filesystem ${mb} MB, bundle $((size / 1048576)) MB"
}
rauc_test

chroot "$ch" dpkg --purge kiosk >"$TMP/purge.log" 2>&1
check "dpkg --purge succeeds" test $? -eq 0
check "purge removed the data directory and /etc/kiosk" test ! -e "$ch/var/lib/kiosk" -a ! -e "$ch/etc/kiosk"
check "purge removed the service's enable link" test ! -L "$ch/etc/systemd/system/multi-user.target.wants/kiosk.service"
check "purge removed the console's enable link" test ! -L "$ch/etc/systemd/system/multi-user.target.wants/kiosk-console.service"
