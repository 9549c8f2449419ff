# U-Boot boot script for RAUC's A/B slots (mkimage -T script -d boot.cmd boot.scr).
# BOOT_ORDER is the slots to try, best first; BOOT_x_LEFT the tries left of
# each. RAUC (bootloader=uboot) sets them through fw_setenv when it installs
# a bundle (the new slot first, 3 tries), and `rauc status mark-good`, run
# once the kiosk has started well (kiosk-rauc-good.service), makes it stay.
# A slot that fails its three tries is passed over: the other one boots.
test -n "${BOOT_ORDER}" || setenv BOOT_ORDER "A B"
test -n "${BOOT_A_LEFT}" || setenv BOOT_A_LEFT 3
test -n "${BOOT_B_LEFT}" || setenv BOOT_B_LEFT 3
setenv bootpart
setenv raucslot
for BOOT_SLOT in "${BOOT_ORDER}"; do
  if test "x${bootpart}" != "x"; then
    # a slot was chosen
  elif test "x${BOOT_SLOT}" = "xA"; then
    if test ${BOOT_A_LEFT} -gt 0; then
      setexpr BOOT_A_LEFT ${BOOT_A_LEFT} - 1
      setenv bootpart /dev/mmcblk0p2
      setenv raucslot A
    fi
  elif test "x${BOOT_SLOT}" = "xB"; then
    if test ${BOOT_B_LEFT} -gt 0; then
      setexpr BOOT_B_LEFT ${BOOT_B_LEFT} - 1
      setenv bootpart /dev/mmcblk0p3
      setenv raucslot B
    fi
  fi
done
if test -n "${bootpart}"; then
  saveenv
else
  echo "No slot has tries left: both are reset to 3"
  setenv BOOT_A_LEFT 3
  setenv BOOT_B_LEFT 3
  saveenv
  reset
fi
setenv bootargs "${bootargs} root=${bootpart} rootwait rauc.slot=${raucslot}"
load mmc 0:1 ${kernel_addr_r} Image
booti ${kernel_addr_r} - ${fdt_addr}
