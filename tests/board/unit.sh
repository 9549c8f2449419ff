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
