# Manual pages and bash completion, made from the programs themselves
# (included by the Makefile):
#   make man          $(BUILD)/man/PROG.1 for kiosk, kioskctl, kiosk-console,
#                     kiosk-display and kiosk-sync
#   make completion   $(BUILD)/completion/kioskctl
# A page is help2man's reading of the built program's --help (the one
# source, so the page cannot drift from it) with board/man/PROG.h2m added:
# the name, what the program is for, its files. The completion is
# board/completion.sh's reading of `kioskctl --help`, whose option and
# command lists are printed from its one command table. A cross build's
# programs run under qemu-user for it (board/cross.mk).
MAN_PROGS := kiosk kioskctl kiosk-console kiosk-display kiosk-sync
# the programs the package ships (kiosk-sync is installed by hand, README)
MAN_DEB := $(patsubst %,$(BUILD)/man/%.1,kiosk kioskctl kiosk-console kiosk-display)
HOST_RUN = $(if $(CROSS),env QEMU_LD_PREFIX=$(abspath $(SYSROOT)) $(QEMU) )
MAN_DATE = $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

.PHONY: man man-deb completion install-completion
man: $(patsubst %,$(BUILD)/man/%.1,$(MAN_PROGS))
man-deb: $(MAN_DEB)
completion: $(BUILD)/completion/kioskctl

$(BUILD)/man/%.1: $(BUILD)/% board/man/%.h2m board/man/help.sh
	@command -v help2man >/dev/null || { echo "man: help2man is missing (apt-get install help2man)" >&2; exit 1; }
	@mkdir -p $(@D)
	SOURCE_DATE_EPOCH=$(MAN_DATE) help2man --no-info --no-discard-stderr --version-string=$(VERSION) \
		--section=1 --source="kiosk $(VERSION)" --manual="Station kiosk" --include=board/man/$*.h2m \
		--output=$@.tmp "sh board/man/help.sh $(HOST_RUN)$(BUILD)/$*"
	mv $@.tmp $@

$(BUILD)/completion/kioskctl: $(BUILD)/kioskctl board/completion.sh
	@mkdir -p $(@D)
	sh board/completion.sh $(HOST_RUN)$(BUILD)/kioskctl >$@.tmp
	mv $@.tmp $@

# make install puts it where bash-completion looks.
install: install-completion
install-completion: $(BUILD)/completion/kioskctl
	install -D -m 0644 $(BUILD)/completion/kioskctl $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kioskctl
