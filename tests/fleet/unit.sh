#!/bin/sh
# board/kiosk-sync.service: valid for systemd (ExecStart pointed at this
# build), and its command line is one kiosk-sync accepts.
. tests/lib.sh
u=board/kiosk-sync.service
for want in 'Restart=always' 'User=kiosk' 'Nice=10' 'IOSchedulingClass=idle' 'ProtectSystem=strict' \
    'ReadWritePaths=/var/lib/kiosk' 'TimeoutStopSec=15'; do
    check "the unit has $want" grep -q "^$want" "$u"
done
args=$(sed -n 's|^ExecStart=/usr/bin/kiosk-sync ||p' "$u")
# One function, so that check runs the whole condition (a `check A && ! B`
# printed ok for A before B ran).
loop_mode() {
    [ -n "$args" ] || return 1
    case " $args " in *" --once "*) return 1 ;; esac
    return 0
}
check "the unit runs kiosk-sync in loop mode (no --once)" loop_mode
# Its options parse: with a store that does not exist it gets past the
# usage check and fails on the store (exit 1, not 2).
echo "host=127.0.0.1 dbname=fleet user=station_x" >"$TMP/central.conf"
printf 'data_dir = %s/none\n' "$TMP" >"$TMP/kiosk.conf"
# shellcheck disable=SC2086
set -- $(echo "$args" | sed "s|/etc/kiosk/kiosk.conf|$TMP/kiosk.conf|; s|/etc/kiosk/central.conf|$TMP/central.conf|")
expect_exit 1 "kiosk-sync accepts the unit's options and then needs the store" "$PWD/$BUILD/kiosk-sync" "$@"
check "... saying which" grep -q "kiosk-sync: .*none" "$TMP/err"
expect_exit 2 "a bad option is a usage error" "$PWD/$BUILD/kiosk-sync" --central x --batch 0
expect_exit 2 "no centre given is a usage error" "$PWD/$BUILD/kiosk-sync" --db "$TMP/x.db"
verify_unit "$u" /usr/bin/kiosk-sync "$PWD/$BUILD/kiosk-sync"
