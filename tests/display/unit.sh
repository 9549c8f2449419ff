#!/bin/sh
# The calling display's systemd unit (issue 19): valid (systemd-analyze
# verify, ExecStart pointed at this build), hardened as the kiosk's is, the
# store read-only to it, no network, and shipped disabled (the deb's
# postinst enables only the kiosk and the console).
. tests/lib.sh
u=board/kiosk-display.service
for want in 'User=kiosk' 'Group=kiosk' 'Restart=always' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
    'ReadOnlyPaths=/var/lib/kiosk' 'CapabilityBoundingSet=$' 'PrivateNetwork=yes' \
    'RestrictAddressFamilies=AF_UNIX$' 'SystemCallFilter=@system-service' \
    'ExecStart=/usr/bin/kiosk-display --config /etc/kiosk/kiosk.conf$'; do
    check "the display's unit has $want" grep -q "^$want" "$u"
done
check "the display's unit writes nothing of the store (no ReadWritePaths)" sh -c "! grep -q '^ReadWritePaths' '$u'"
for key in $(sed -n 's/^\(NoNewPrivileges\|Protect[A-Za-z]*\|Restrict[A-Za-z]*\|LockPersonality\|PrivateTmp\|SystemCallArchitectures\)=.*/\1/p' board/kiosk.service | sort -u); do
    check "the display's unit sets $key as the kiosk's does" grep -q "^$key=" "$u"
done
check "the postinst does not enable it (shipped disabled)" sh -c "! grep -q 'kiosk-display' board/debian/postinst"
verify_unit "$u" /usr/bin/kiosk-display "$PWD/${BUILD:-build}/kiosk-display"
