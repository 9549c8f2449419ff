################################################################################
#
# kiosk
#
################################################################################

# Built from this source tree (the BR2_EXTERNAL is its board/buildroot/).
KIOSK_VERSION = $(shell cat $(BR2_EXTERNAL_KIOSK_PATH)/../../VERSION)
KIOSK_SITE = $(BR2_EXTERNAL_KIOSK_PATH)/../..
KIOSK_SITE_METHOD = local
KIOSK_LICENSE = OFL-1.1 (fonts)
KIOSK_LICENSE_FILES = fonts/LICENSE-OFL.txt
KIOSK_DEPENDENCIES = host-pkgconf sdl2 sdl2_ttf sqlite libqrencode libsodium
# Development leftovers of the source tree (sysroots, packages, databases).
KIOSK_OVERRIDE_SRCDIR_RSYNC_EXCLUSIONS = --exclude build --exclude data

# The project's Makefile takes CC, CFLAGS, LDFLAGS, PKG_CONFIG, PREFIX and
# DESTDIR; PREFIX=/usr is where the kiosk looks for its font and catalog.
# UNTESTABLE=1: a release build, without the test hooks (see the Makefile).
KIOSK_MAKE_OPTS = \
	$(TARGET_CONFIGURE_OPTS) \
	PKG_CONFIG="$(PKG_CONFIG_HOST_BINARY)" \
	PREFIX=/usr \
	UNTESTABLE=1

define KIOSK_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(KIOSK_MAKE_OPTS) all
endef

define KIOSK_INSTALL_TARGET_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(KIOSK_MAKE_OPTS) DESTDIR=$(TARGET_DIR) install
	$(INSTALL) -D -m 0644 $(@D)/board/kiosk.conf $(TARGET_DIR)/etc/kiosk/kiosk.conf
	$(INSTALL) -D -m 0644 $(@D)/assets/catalog/demo.ini $(TARGET_DIR)/etc/kiosk/catalog.ini
	$(INSTALL) -D -m 0644 $(@D)/board/udev/70-kiosk.rules $(TARGET_DIR)/usr/lib/udev/rules.d/70-kiosk.rules
	$(INSTALL) -D -m 0644 $(@D)/board/systemd/logind-kiosk.conf \
		$(TARGET_DIR)/usr/lib/systemd/logind.conf.d/kiosk.conf
	$(INSTALL) -D -m 0644 $(@D)/board/systemd/system-kiosk.conf \
		$(TARGET_DIR)/usr/lib/systemd/system.conf.d/kiosk.conf
endef

define KIOSK_INSTALL_INIT_SYSTEMD
	$(INSTALL) -D -m 0644 $(@D)/board/kiosk.service $(TARGET_DIR)/usr/lib/systemd/system/kiosk.service
	$(INSTALL) -d $(TARGET_DIR)/etc/systemd/system/multi-user.target.wants
	ln -sf ../../../../usr/lib/systemd/system/kiosk.service \
		$(TARGET_DIR)/etc/systemd/system/multi-user.target.wants/kiosk.service
endef

# The unit's user: groups for the panel, the touch panel, the printer and
# the sound card (voice guidance).
define KIOSK_USERS
	kiosk -1 kiosk -1 * /var/lib/kiosk - video,render,input,lp,audio Station kiosk
endef

define KIOSK_PERMISSIONS
	/var/lib/kiosk d 0750 kiosk kiosk - - - - -
endef

$(eval $(generic-package))
