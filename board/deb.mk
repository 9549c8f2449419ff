# make deb [CROSS=arm64]: build/kiosk_VERSION-1_ARCH.deb, built with dpkg-deb
# from a tree staged by `make install PREFIX=/usr` plus the board files
# (included by the Makefile; the package's own files are in board/debian/).
# It holds the kiosk, kioskctl and the staff console (kiosk-console), each
# with its unit enabled by postinst, their manual pages and kioskctl's bash
# completion, made from the packaged programs themselves (board/man.mk).
DEB_ARCH = $(if $(CROSS),$(CROSS),$(shell dpkg --print-architecture 2>/dev/null))
DEB_VERSION := $(VERSION)-1
DEB_FILE = build/kiosk_$(DEB_VERSION)_$(DEB_ARCH).deb
# The package is built with PREFIX=/usr (where the binaries look for their
# data) and Debian's hardening flags: a cross build already is (board/cross.mk);
# a native one has a build directory of its own, as make tracks no flags.
# Either is a release build: UNTESTABLE=1 leaves the test hooks out.
DEB_BUILD = $(if $(CROSS),$(BUILD),build/pkg-$(DEB_ARCH))
DEB_ROOT = $(DEB_BUILD)/deb-root
DEB_STRIP := $(CROSS_COMPILE)strip
DEB_DATE = $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

.PHONY: deb
deb:
	@command -v dpkg-deb >/dev/null || { echo "deb: dpkg-deb is missing (apt-get install dpkg-dev)" >&2; exit 1; }
	rm -rf $(DEB_ROOT)
	$(MAKE) --no-print-directory BUILD=$(DEB_BUILD) UNTESTABLE=1 PREFIX=/usr DESTDIR=$(abspath $(DEB_ROOT)) \
		CFLAGS="$(call debian_flags,CFLAGS,$(DEB_ARCH))" CPPFLAGS="$(call debian_flags,CPPFLAGS,$(DEB_ARCH))" \
		LDFLAGS="$(call debian_flags,LDFLAGS,$(DEB_ARCH))" install man-deb
	rm -f $(DEB_ROOT)/usr/share/kiosk/fonts/*.txt
	$(DEB_STRIP) --remove-section=.comment --remove-section=.note --strip-unneeded \
		$(DEB_ROOT)/usr/bin/kiosk $(DEB_ROOT)/usr/bin/kioskctl $(DEB_ROOT)/usr/bin/kiosk-console
	$(DEB_STRIP) --remove-section=.comment --remove-section=.note --strip-unneeded $(DEB_ROOT)/usr/bin/kiosk-display
	install -D -m 0644 board/kiosk.service $(DEB_ROOT)/lib/systemd/system/kiosk.service
	install -D -m 0644 board/kiosk-console.service $(DEB_ROOT)/lib/systemd/system/kiosk-console.service
	install -D -m 0644 board/kiosk-display.service $(DEB_ROOT)/lib/systemd/system/kiosk-display.service
	install -D -m 0644 board/udev/70-kiosk.rules $(DEB_ROOT)/lib/udev/rules.d/70-kiosk.rules
	install -D -m 0644 board/systemd/logind-kiosk.conf $(DEB_ROOT)/usr/lib/systemd/logind.conf.d/kiosk.conf
	install -D -m 0644 board/systemd/system-kiosk.conf $(DEB_ROOT)/usr/lib/systemd/system.conf.d/kiosk.conf
	install -D -m 0644 board/kiosk.conf $(DEB_ROOT)/etc/kiosk/kiosk.conf
	install -D -m 0644 assets/catalog/demo.ini $(DEB_ROOT)/etc/kiosk/catalog.ini
	install -D -m 0644 board/README.md $(DEB_ROOT)/usr/share/doc/kiosk/README.md
	install -m 0644 docs/config.md $(DEB_ROOT)/usr/share/doc/kiosk/
	{ cat board/debian/copyright; sed 's/^$$/./; s/^/ /' fonts/LICENSE-OFL.txt; } >$(DEB_ROOT)/usr/share/doc/kiosk/copyright
	sed "s/@VERSION@/$(DEB_VERSION)/; s/@DATE@/$$(date -u -R -d @$(DEB_DATE))/" board/debian/changelog \
		| gzip -9n >$(DEB_ROOT)/usr/share/doc/kiosk/changelog.Debian.gz
	install -D -m 0644 board/debian/lintian-overrides $(DEB_ROOT)/usr/share/lintian/overrides/kiosk
	install -d $(DEB_ROOT)/usr/share/man/man1
	for m in kiosk kioskctl kiosk-console kiosk-display; do gzip -9n <$(DEB_BUILD)/man/$$m.1 >$(DEB_ROOT)/usr/share/man/man1/$$m.1.gz; done
	install -d $(DEB_ROOT)/DEBIAN
	install -m 0755 board/debian/postinst board/debian/prerm board/debian/postrm $(DEB_ROOT)/DEBIAN/
	install -m 0644 board/debian/conffiles $(DEB_ROOT)/DEBIAN/
	cd $(DEB_ROOT) && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' | sed 's|^\./||' | LC_ALL=C sort \
		| xargs md5sum >DEBIAN/md5sums
	sed "s/@VERSION@/$(DEB_VERSION)/; s/@ARCH@/$(DEB_ARCH)/; s/@SIZE@/$$(du -sk --exclude=DEBIAN $(DEB_ROOT) | cut -f1)/" \
		board/debian/control.in >$(DEB_ROOT)/DEBIAN/control
	find $(DEB_ROOT) -type d -exec chmod 0755 {} +
	SOURCE_DATE_EPOCH=$(DEB_DATE) dpkg-deb --root-owner-group -Zxz --build $(DEB_ROOT) $(DEB_FILE)
