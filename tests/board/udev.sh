#!/bin/sh
# The udev rules parse with udev's own parser: `udevadm test` (bookworm's
# udev 252 has no `udevadm verify`) reads every rules file, so the kiosk's is
# bind-mounted over /etc/udev/rules.d in a private mount namespace and its
# complaints are collected. A broken copy must be reported, so the check can
# fail. What no test here can show: the rules matching a real printer or
# touch panel (this machine has neither); board/README.md says how to check
# that on a board.
. tests/lib.sh
rules=board/udev/70-kiosk.rules
if [ "$(id -u)" -ne 0 ] || ! command -v udevadm >/dev/null 2>&1 || ! command -v unshare >/dev/null 2>&1; then
    echo "# skip: needs root, udevadm (Debian package udev) and unshare to parse $rules"
    exit 0
fi
dev=$(ls -d /sys/class/tty/tty1 /sys/class/mem/null 2>/dev/null | head -n1)
# udev_parse FILE: prints udev's messages about FILE (installed as 70-kiosk.rules).
udev_parse() {
    rm -rf "$TMP/rules"
    mkdir -p "$TMP/rules"
    cp "$1" "$TMP/rules/70-kiosk.rules"
    unshare -m sh -c "mount --bind '$TMP/rules' /etc/udev/rules.d && udevadm test --action=add '$dev'" \
        >"$TMP/udev.log" 2>&1
    grep -q '^Reading rules file: /etc/udev/rules.d/70-kiosk.rules' "$TMP/udev.log" || echo "not read"
    # A group this machine lacks (input, render on a bare container) is no
    # fault of the rules: every board has them.
    grep '^/etc/udev/rules.d/70-kiosk.rules:' "$TMP/udev.log" | while read -r line; do
        g=$(echo "$line" | sed -n "s/.* Unknown group '\([^']*\)', ignoring$/\1/p")
        if [ -n "$g" ] && ! getent group "$g" >/dev/null; then continue; fi
        echo "$line"
    done
}
out=$(udev_parse "$rules")
check "udev reads $rules without a complaint" test -z "$out"
[ -z "$out" ] || echo "$out"

sed 's/SYMLINK+="kiosk-printer"/SYMLNK+="kiosk-printer"/; s/ENV{KIOSK_PRINTER}=="1", SUBSYSTEM==/ENV{KIOSK_PRINTER}=="1", SUBSYSTEM=/' \
    "$rules" >"$TMP/broken.rules"
udev_parse "$TMP/broken.rules" >"$TMP/broken.out"
check "a misspelt key and a wrong operator are reported" \
    sh -c "grep -q \"Invalid key 'SYMLNK'\" '$TMP/broken.out' && grep -q 'Invalid operator for SUBSYSTEM' '$TMP/broken.out'"

check "the printer link is what the default configuration prints to" \
    grep -q '^printer = /dev/kiosk-printer$' board/kiosk.conf
check "the touchscreen rule runs after 60-input-id.rules sets ID_INPUT_TOUCHSCREEN" \
    sh -c "case '$(basename "$rules")' in 6[1-9]-*|[7-9][0-9]-*) exit 0;; *) exit 1;; esac"
