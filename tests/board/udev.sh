#!/bin/sh
# The udev rules as the packages install them: the name both packagings
# (board/deb.mk, the Buildroot package) give the file, read from their
# install lines, must sort after the rules it depends on (udev runs every
# rules file in the order of its name): 50-udev-default.rules, whose GROUP
# and MODE of lp and input devices it overrides, and 60-input-id.rules,
# which sets the ID_INPUT_TOUCHSCREEN it matches. Then the rules parse
# with udev's own parser under that name: `udevadm test` (bookworm's udev
# 252 has no `udevadm verify`) reads every rules file, so the kiosk's is
# bind-mounted over /etc/udev/rules.d in a private mount namespace; the
# order udev read them in and its complaints are collected. A broken copy
# must be reported, so the check can fail. What no test here can show: the
# rules matching a real printer or touch panel (this machine has neither);
# board/README.md says how to check that on a board.
. tests/lib.sh
# installed MAKEFILE: "SOURCE NAME" of each rules file MAKEFILE installs
# into a udev rules.d directory.
installed() {
    sed -n 's|.*[ /]board/udev/\([^ ]*\.rules\) .*/udev/rules\.d/\([^ /]*\.rules\)$|\1 \2|p' "$1"
}
# The rules files udev's own packages ship that the kiosk's must follow.
after="50-udev-default.rules 60-input-id.rules"
names=""
for mk in board/deb.mk board/buildroot/package/kiosk/kiosk.mk; do
    installed "$mk" >"$TMP/installed"
    check "$mk installs the udev rules ($(cut -d' ' -f2 "$TMP/installed" | paste -sd' ' -))" \
        test "$(wc -l <"$TMP/installed")" -eq 1
    read -r src inst <"$TMP/installed" || continue
    check "$mk installs board/udev/$src, which exists" test -f "board/udev/$src"
    for dep in $after; do
        first=$(printf '%s\n%s\n' "$inst" "$dep" | LC_ALL=C sort | head -n1)
        check "$mk's $inst runs after $dep" test "$first" = "$dep" -a "$inst" != "$dep"
    done
    case " $names " in *" $inst "*) ;; *) names="$names $inst" ;; esac
done
rules=board/udev/70-kiosk.rules
if [ "$(id -u)" -ne 0 ] || ! command -v udevadm >/dev/null 2>&1 || ! command -v unshare >/dev/null 2>&1; then
    echo "# skip: needs root, udevadm (Debian package udev) and unshare to parse $rules"
    exit 0
fi
dev=$(ls -d /sys/class/tty/tty1 /sys/class/mem/null 2>/dev/null | head -n1)
# udev_parse FILE NAME: prints udev's messages about FILE installed as NAME,
# and "not read" or "read before DEP" when udev did not read it after the
# rules it depends on (those this machine has).
udev_parse() {
    rm -rf "$TMP/rules"
    mkdir -p "$TMP/rules"
    cp "$1" "$TMP/rules/$2"
    unshare -m sh -c "mount --bind '$TMP/rules' /etc/udev/rules.d && udevadm test --action=add '$dev'" \
        >"$TMP/udev.log" 2>&1
    sed -n 's|^Reading rules file: .*/||p' "$TMP/udev.log" >"$TMP/order"
    grep -qx "$2" "$TMP/order" || echo "not read"
    for dep in $after; do
        grep -qx "$dep" "$TMP/order" || continue
        [ "$(grep -nx "$dep" "$TMP/order" | cut -d: -f1)" -lt "$(grep -nx "$2" "$TMP/order" | cut -d: -f1)" ] ||
            echo "read before $dep"
    done
    # A group this machine lacks (input, render on a bare container) is no
    # fault of the rules: every board has them.
    grep "^/etc/udev/rules.d/$2:" "$TMP/udev.log" | while read -r line; do
        g=$(echo "$line" | sed -n "s/.* Unknown group '\([^']*\)', ignoring$/\1/p")
        if [ -n "$g" ] && ! getent group "$g" >/dev/null; then continue; fi
        echo "$line"
    done
}
# (tests/lib.sh's check sets $name: the installed names are $inst.)
for inst in $names; do
    out=$(udev_parse "$rules" "$inst")
    check "udev reads $rules as $inst, after $after, without a complaint" test -z "$out"
    [ -z "$out" ] || echo "$out"
done
inst=${names# }
inst=${inst%% *}
[ -n "$inst" ] || inst=70-kiosk.rules

sed 's/SYMLINK+="kiosk-printer"/SYMLNK+="kiosk-printer"/; s/ENV{KIOSK_PRINTER}=="1", SUBSYSTEM==/ENV{KIOSK_PRINTER}=="1", SUBSYSTEM=/' \
    "$rules" >"$TMP/broken.rules"
udev_parse "$TMP/broken.rules" "$inst" >"$TMP/broken.out"
check "a misspelt key and a wrong operator are reported" \
    sh -c "grep -q \"Invalid key 'SYMLNK'\" '$TMP/broken.out' && grep -q 'Invalid operator for SUBSYSTEM' '$TMP/broken.out'"
udev_parse "$rules" 10-kiosk.rules >"$TMP/early.out"
check "a name that sorts before 60-input-id.rules is reported" grep -qx "read before 60-input-id.rules" "$TMP/early.out"

check "the printer link is what the default configuration prints to" \
    grep -q '^printer = /dev/kiosk-printer$' board/kiosk.conf
