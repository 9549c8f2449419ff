#!/bin/sh
# The Buildroot external tree (board/buildroot) is well formed. Buildroot is
# not available here, so no image is built: these checks catch what would
# stop `make BR2_EXTERNAL=... kiosk_rpi4_64_defconfig` or the package build
# early (a misnamed symbol, a variable outside the package's namespace, a
# missing file), not what only a real build shows.
. tests/lib.sh
br=board/buildroot
ext=$(sed -n 's/^name: *//p' $br/external.desc)
check "external.desc names the tree ($ext)" sh -c "echo '$ext' | grep -Eq '^[A-Za-z0-9_]+$'"
check "external.desc describes it" grep -q '^desc: ..*' $br/external.desc
check "external.mk includes every package's .mk" \
    grep -qF "include \$(sort \$(wildcard \$(BR2_EXTERNAL_${ext}_PATH)/package/*/*.mk))" $br/external.mk
for d in $br/package/*/; do
    p=$(basename "$d")
    check "Config.in sources package/$p/Config.in" \
        grep -qF "source \"\$BR2_EXTERNAL_${ext}_PATH/package/$p/Config.in\"" $br/Config.in
done

mk=$br/package/kiosk/kiosk.mk
bad=$(sed -n 's/^\(define \)\{0,1\}\([A-Za-z0-9_]*\) *\([:+?]\{0,1\}=\|$\).*/\2/p' "$mk" | grep -v -e '^KIOSK_' -e '^endef$' -e '^$')
check "kiosk.mk sets only KIOSK_* variables" test -z "$bad"
[ -z "$bad" ] || echo "    others: $bad"
check "kiosk.mk is a generic package" grep -qx '$(eval $(generic-package))' "$mk"
check "kiosk.mk builds with PREFIX=/usr (where the kiosk looks for its data)" grep -q '^	PREFIX=/usr\( \\\)\{0,1\}$' "$mk"
check "kiosk.mk builds a release (UNTESTABLE=1: no test hooks)" grep -q '^	UNTESTABLE=1\( \\\)\{0,1\}$' "$mk"
missing=""
for f in $(grep -o '$(@D)/[^ ]*' "$mk" | sed 's|$(@D)/||' | sort -u); do
    [ -e "$f" ] || missing="$missing $f"
done
check "every file kiosk.mk installs exists in the source tree" test -z "$missing"
[ -z "$missing" ] || echo "    missing:$missing"
check "kiosk.mk installs the unit's config /etc/kiosk/kiosk.conf" grep -q '$(TARGET_DIR)/etc/kiosk/kiosk.conf$' "$mk"
check "kiosk.mk makes the unit's data directory /var/lib/kiosk for kiosk only" \
    grep -q '^	/var/lib/kiosk d 0750 kiosk kiosk' "$mk"
unit_groups=$(sed -n 's/^SupplementaryGroups=//p' board/kiosk.service | tr ' ' ',')
check "KIOSK_USERS puts kiosk in the unit's SupplementaryGroups ($unit_groups)" \
    grep -Eq "^	kiosk -1 kiosk -1 \* /var/lib/kiosk - $unit_groups " "$mk"
cfg=$br/package/kiosk/Config.in
# Issue 14: purged phone numbers overwritten even from a staff sqlite3 shell.
check "BR2_PACKAGE_KIOSK selects SQLite built with SQLITE_SECURE_DELETE" \
    grep -Eq "^	select BR2_PACKAGE_SQLITE_SECURE_DELETE( |$)" "$cfg"
for dep in $(sed -n 's/^KIOSK_DEPENDENCIES = //p' "$mk"); do
    case $dep in host-*) continue ;; esac
    sym=BR2_PACKAGE_$(echo "$dep" | tr 'a-z-' 'A-Z_')
    check "dependency $dep is selected or required by BR2_PACKAGE_KIOSK ($sym)" \
        grep -Eq "^	(select|depends on) $sym( |$)" "$cfg"
done

# Symbols Buildroot defines, read from its Config.in files and
# configs/raspberrypi4_64_defconfig (arch/, toolchain/, system/, linux/,
# fs/, package/{mesa3d,sdl2,sdl2_ttf,sqlite,libqrencode,libsodium,rauc,
# rpi-firmware,systemd,...}). A symbol neither here nor in the external
# tree is a typo Kconfig would drop without a word.
known="BR2_aarch64 BR2_cortex_a72 BR2_ARM_FPU_VFPV4 BR2_TOOLCHAIN_BUILDROOT_GLIBC
BR2_TOOLCHAIN_BUILDROOT_CXX BR2_INIT_SYSTEMD BR2_PACKAGE_SYSTEMD_LOGIND BR2_SYSTEM_DHCP
BR2_TARGET_GENERIC_HOSTNAME BR2_TARGET_GENERIC_ISSUE BR2_TARGET_TZ_INFO BR2_TARGET_LOCALTIME
BR2_PACKAGE_HOST_LINUX_HEADERS_CUSTOM_5_10 BR2_LINUX_KERNEL BR2_LINUX_KERNEL_CUSTOM_TARBALL
BR2_LINUX_KERNEL_CUSTOM_TARBALL_LOCATION BR2_LINUX_KERNEL_DEFCONFIG BR2_LINUX_KERNEL_DTS_SUPPORT
BR2_LINUX_KERNEL_INTREE_DTS_NAME BR2_LINUX_KERNEL_NEEDS_HOST_OPENSSL BR2_PACKAGE_RPI_FIRMWARE
BR2_PACKAGE_RPI_FIRMWARE_VARIANT_PI4 BR2_PACKAGE_MESA3D BR2_PACKAGE_MESA3D_GALLIUM_DRIVER_V3D
BR2_PACKAGE_MESA3D_GALLIUM_DRIVER_VC4 BR2_PACKAGE_MESA3D_GBM BR2_PACKAGE_MESA3D_OPENGL_EGL
BR2_PACKAGE_MESA3D_OPENGL_ES BR2_PACKAGE_SDL2 BR2_PACKAGE_SDL2_KMSDRM BR2_PACKAGE_SDL2_OPENGLES
BR2_PACKAGE_SDL2_TTF BR2_PACKAGE_SQLITE BR2_PACKAGE_SQLITE_SECURE_DELETE BR2_PACKAGE_LIBQRENCODE BR2_PACKAGE_LIBSODIUM
BR2_PACKAGE_RAUC BR2_PACKAGE_HOST_RAUC BR2_PACKAGE_HOST_DOSFSTOOLS BR2_PACKAGE_HOST_GENIMAGE
BR2_PACKAGE_HOST_MTOOLS BR2_TARGET_ROOTFS_EXT2 BR2_TARGET_ROOTFS_EXT2_4 BR2_TARGET_ROOTFS_EXT2_SIZE
BR2_TARGET_ROOTFS_TAR BR2_ROOTFS_POST_BUILD_SCRIPT BR2_ROOTFS_POST_IMAGE_SCRIPT BR2_ROOTFS_POST_SCRIPT_ARGS"
ours=$(cat $br/Config.in $br/package/*/Config.in | sed -n 's/^config \(BR2_[A-Za-z0-9_]*\)$/\1/p')
def=$br/configs/kiosk_rpi4_64_defconfig
unknown=""
for s in $( (sed -n 's/^# \(BR2_[A-Za-z0-9_]*\) is not set$/\1/p; s/^\(BR2_[A-Za-z0-9_]*\)=.*/\1/p' "$def"
    sed -n 's/^	\(select\|depends on\) \(BR2_[A-Za-z0-9_]*\).*/\2/p' $br/package/*/Config.in) | sort -u); do
    echo "$known $ours" | tr ' ' '\n' | grep -qx "$s" || unknown="$unknown $s"
done
check "every symbol the defconfig and Config.in use is Buildroot's or the tree's" test -z "$unknown"
[ -z "$unknown" ] || echo "    unknown:$unknown"
check "the defconfig selects the kiosk and SDL2's KMS/DRM driver" \
    sh -c "grep -qx BR2_PACKAGE_KIOSK=y '$def' && grep -qx BR2_PACKAGE_SDL2_KMSDRM=y '$def'"
missing=""
for f in $(grep -o "\$(BR2_EXTERNAL_${ext}_PATH)/[^\"]*" "$def" | sed "s|\$(BR2_EXTERNAL_${ext}_PATH)/||"); do
    [ -e "$br/$f" ] || missing="$missing $f"
    case $f in *.sh) [ -x "$br/$f" ] || missing="$missing $f(not executable)" ;; esac
done
check "the files the defconfig names in the tree are there" test -z "$missing"
[ -z "$missing" ] || echo "    missing:$missing"
check "the image's kernel command line keeps the panel lit and the cursor off" \
    sh -c "grep -q 'consoleblank=0' $br/board/rpi4/cmdline.txt && grep -q 'vt.global_cursor_default=0' $br/board/rpi4/cmdline.txt"

rc=$br/rauc/system.conf
check "RAUC system.conf names its compatible and bootloader" \
    sh -c "grep -q '^compatible=..*' $rc && grep -q '^bootloader=..*' $rc"
slots=$(grep -c '^\[slot\.rootfs\.[0-9]\]$' $rc)
devs=$(sed -n 's/^device=//p' $rc | sort -u | wc -l)
check "RAUC has two root slots on distinct devices, booted as A and B" \
    sh -c "test $slots -eq 2 -a $devs -eq 2 && grep -qx 'bootname=A' $rc && grep -qx 'bootname=B' $rc"
