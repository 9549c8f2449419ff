# make br-check: the Buildroot external tree (board/buildroot) checked.
# Always tests/board/buildroot.sh (the tree is well formed: symbols,
# variables, files). Buildroot's own style checker, utils/check-package, is
# in no Debian package: with a Buildroot source tree at BUILDROOT_DIR it
# runs too, on every file of the external tree it knows how to check;
# without one, make br-check says how to get it (board/README.md).
BR_EXT := board/buildroot
BR_FILES = $(BR_EXT)/Config.in $(BR_EXT)/external.mk $(BR_EXT)/external.desc \
	$(wildcard $(BR_EXT)/package/*/Config.in $(BR_EXT)/package/*/*.mk $(BR_EXT)/package/*/*.hash \
	$(BR_EXT)/configs/*_defconfig $(BR_EXT)/board/*/*.sh)

.PHONY: br-check
br-check:
	@mkdir -p $(BUILD); sh tests/board/buildroot.sh | tee $(BUILD)/br-check.log; ! grep -q '^not ok' $(BUILD)/br-check.log
	@if [ -n "$(BUILDROOT_DIR)" ]; then \
		test -x "$(BUILDROOT_DIR)/utils/check-package" || { echo "br-check: $(BUILDROOT_DIR)/utils/check-package is missing (a Buildroot 2024.02 or later source tree?)" >&2; exit 1; }; \
		echo "$(BUILDROOT_DIR)/utils/check-package -b $(BR_FILES)"; \
		"$(BUILDROOT_DIR)/utils/check-package" -b $(BR_FILES); \
	else \
		echo "br-check: Buildroot's utils/check-package was not run (no Buildroot here; Debian does not package it). With internet:"; \
		echo "  git clone --depth 1 -b 2024.02.x https://gitlab.com/buildroot.org/buildroot.git ../buildroot"; \
		echo "  make br-check BUILDROOT_DIR=../buildroot"; \
	fi
