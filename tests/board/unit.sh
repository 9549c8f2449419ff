#!/bin/sh
# The systemd unit is valid (systemd-analyze verify, with ExecStart pointed
# at this build) and asks for what the board needs.
. tests/lib.sh
u=board/kiosk.service
for want in 'Type=notify' 'WatchdogSec=' 'Restart=always' 'User=kiosk' 'NoNewPrivileges=yes' \
    'ProtectSystem=strict' 'ReadWritePaths=/var/lib/kiosk' 'Environment=SDL_VIDEODRIVER=kmsdrm' \
    'SupplementaryGroups=video render input'; do
    check "the unit has $want" grep -q "^$want" "$u"
done
verify_unit "$u" /usr/bin/kiosk "$KIOSK"

# The staff console's unit (issue 18): its own, hardened at least as the
# kiosk's, TLS on the default 0.0.0.0:8443 (no --plain, no --port, no
# --listen), with no capability at all (8443 needs none) and exposure
# judged by systemd-analyze security where it can judge offline.
u=board/kiosk-console.service
for want in 'User=kiosk' 'Group=kiosk' 'Restart=always' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
    'ReadWritePaths=/var/lib/kiosk' 'CapabilityBoundingSet=$' 'RestrictAddressFamilies=AF_UNIX AF_INET$' \
    'PrivateDevices=yes' 'SystemCallFilter=@system-service' 'WantedBy=multi-user.target' \
    'ExecStart=/usr/bin/kiosk-console --config /etc/kiosk/kiosk.conf$'; do
    check "the console's unit has $want" grep -q "^$want" "$u"
done
check "the console's unit serves TLS on its default address and port (no --plain, --listen, --port)" \
    sh -c "! grep -Eq '^ExecStart=.*--(plain|listen|port)' '$u'"
for key in $(sed -n 's/^\(NoNewPrivileges\|Protect[A-Za-z]*\|Restrict[A-Za-z]*\|LockPersonality\|PrivateTmp\|SystemCallArchitectures\)=.*/\1/p' board/kiosk.service | sort -u); do
    check "the console's unit sets $key as the kiosk's does" grep -q "^$key=" "$u"
done
verify_unit "$u" /usr/bin/kiosk-console "$PWD/${BUILD:-build}/kiosk-console"
if systemd-analyze security --help 2>/dev/null | grep -q -- --offline; then
    systemd-analyze security --offline=true "$TMP/kiosk-console.service" >"$TMP/security" 2>&1
    level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$TMP/security")
    check "systemd-analyze security rates the console's exposure low (${level:-none} <= 2.0)" \
        awk -v l="$level" 'BEGIN { exit !(l != "" && l <= 2.0) }'
else
    echo "# systemd-analyze security --offline is absent: the exposure is not rated here"
fi
