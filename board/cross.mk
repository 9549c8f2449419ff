# Cross builds against a Debian sysroot (included by the Makefile):
#   make CROSS=arm64             build/arm64/kiosk, build/arm64/kioskctl
#   make CROSS=arm64 cross-test  the unit and store tests under qemu-user
# CROSS=armhf works the same way for 32-bit Arm. The sysroot is made on
# first use by tools/sysroot.sh (mmdebstrap, the machine's Debian mirrors)
# in build/sysroot-ARCH and reused after. A cross build is for a Debian
# board: PREFIX=/usr and Debian's hardening flags, as `make deb` packages it.
CROSS ?=
# $(call debian_flags,CFLAGS,ARCH): what Debian builds its packages with.
debian_flags = $(shell DEB_HOST_ARCH=$(2) DEB_BUILD_MAINT_OPTIONS="hardening=+all future=+lfs" dpkg-buildflags --get $(1) 2>/dev/null)
ifneq ($(CROSS),)
CROSS_TRIPLET_arm64 := aarch64-linux-gnu
CROSS_TRIPLET_armhf := arm-linux-gnueabihf
CROSS_QEMU_arm64 := qemu-aarch64-static
CROSS_QEMU_armhf := qemu-arm-static
CROSS_TRIPLET := $(CROSS_TRIPLET_$(CROSS))
ifeq ($(CROSS_TRIPLET),)
$(error CROSS=$(CROSS): only arm64 and armhf are known)
endif
SYSROOT ?= build/sysroot-$(CROSS)
BUILD := build/$(CROSS)
# A board's build: without the test hooks (KIOSK_UNTESTABLE, see the Makefile).
UNTESTABLE ?= 1
CROSS_COMPILE := $(CROSS_TRIPLET)-
CC := $(CROSS_COMPILE)gcc --sysroot=$(abspath $(SYSROOT))
# Until the sysroot is made pkg-config has nothing to say (make starts
# again once it is, see below).
ifeq ($(wildcard $(SYSROOT)/.kiosk-sysroot.mk),)
PKG_CONFIG := true
else
PKG_CONFIG := env PKG_CONFIG_SYSROOT_DIR=$(abspath $(SYSROOT)) \
	PKG_CONFIG_LIBDIR=$(abspath $(SYSROOT))/usr/lib/$(CROSS_TRIPLET)/pkgconfig:$(abspath $(SYSROOT))/usr/share/pkgconfig \
	pkg-config
endif
QEMU := $(CROSS_QEMU_$(CROSS))
PREFIX ?= /usr
ifeq ($(origin CFLAGS),undefined)
CFLAGS := $(call debian_flags,CFLAGS,$(CROSS))
CPPFLAGS := $(call debian_flags,CPPFLAGS,$(CROSS))
LDFLAGS := $(call debian_flags,LDFLAGS,$(CROSS))
endif

# The sysroot is an included makefile so that make makes it first and then
# starts again, with pkg-config now answering from it.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
include $(SYSROOT)/.kiosk-sysroot.mk
endif
$(SYSROOT)/.kiosk-sysroot.mk: tools/sysroot.sh
	@command -v $(CROSS_COMPILE)gcc >/dev/null || { echo "cross: $(CROSS_COMPILE)gcc is missing (apt-get install gcc-$(CROSS_TRIPLET))" >&2; exit 1; }
	sh tools/sysroot.sh $(CROSS) $(SYSROOT)
	echo "# made by tools/sysroot.sh" >$@
endif

.PHONY: cross-test
# Runs in the target's own dynamic loader and libraries (qemu -L SYSROOT).
cross-test:
	@test -n "$(CROSS)" || { echo "cross-test: say which, e.g. make CROSS=arm64 cross-test" >&2; exit 2; }
	@command -v $(QEMU) >/dev/null || { echo "cross-test: $(QEMU) is missing (apt-get install qemu-user-static)" >&2; exit 1; }
	@$(MAKE) --no-print-directory CROSS=$(CROSS) all $(UNIT_BIN)
	@QEMU_LD_PREFIX=$(abspath $(SYSROOT)) BUILD=$(BUILD) TEST_RUNNER=$(QEMU) sh tests/run.sh
