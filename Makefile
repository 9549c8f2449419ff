# Station kiosk firmware. `make` builds build/kiosk and build/kioskctl;
# `make run` starts the kiosk on the demo catalog; `make test` runs every test.
# Honoured: CC, CROSS_COMPILE, PKG_CONFIG, CFLAGS, LDFLAGS, DESTDIR, PREFIX, BUILD,
# WERROR=1 (warnings are errors; CI sets it).

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CROSS_COMPILE ?=
ifeq ($(origin CC),default)
CC = $(CROSS_COMPILE)cc
endif
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
BUILD ?= build
WERROR ?= 0

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif
BASE_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -O2 -g $(WARN) -DKIOSK_VERSION='"$(VERSION)"' \
	-DKIOSK_DATADIR='"$(PREFIX)/share/kiosk"'

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1))
pc_libs = $(shell $(PKG_CONFIG) --libs $(1))

PKG_STORE := sqlite3
PKG_TICKET := libsodium libqrencode
PKG_UI := sdl2 SDL2_ttf

CORE_SRC := $(wildcard firmware/core/*.c)
STORE_SRC := $(wildcard firmware/store/*.c)
TICKET_SRC := $(wildcard firmware/ticket/*.c)
UI_SRC := $(wildcard firmware/ui/*.c)
# platform/ splits into what kioskctl shares (no SDL) and the SDL main loop.
PLATFORM_SDL_SRC := $(wildcard firmware/platform/sdl_*.c)
PLATFORM_SRC := $(filter-out $(PLATFORM_SDL_SRC),$(wildcard firmware/platform/*.c))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
CORE_OBJ := $(call obj,$(CORE_SRC))
STORE_OBJ := $(call obj,$(STORE_SRC))
TICKET_OBJ := $(call obj,$(TICKET_SRC))
UI_OBJ := $(call obj,$(UI_SRC))
PLATFORM_OBJ := $(call obj,$(PLATFORM_SRC))
PLATFORM_SDL_OBJ := $(call obj,$(PLATFORM_SDL_SRC))

# Each layer sees only its own libraries' headers: core cannot include SDL or SQLite.
$(CORE_OBJ): XCFLAGS :=
$(STORE_OBJ): XCFLAGS := $(call pc_cflags,$(PKG_STORE))
$(TICKET_OBJ): XCFLAGS := $(call pc_cflags,$(PKG_TICKET))
$(PLATFORM_OBJ): XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET))
$(UI_OBJ) $(PLATFORM_SDL_OBJ) $(BUILD)/obj/firmware/main.o: XCFLAGS := $(call pc_cflags,$(PKG_UI) $(PKG_STORE) $(PKG_TICKET))
$(BUILD)/obj/tools/%.o: XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET))
$(BUILD)/obj/tests/%.o: XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET))
$(BUILD)/obj/tests/uitest/%.o: XCFLAGS := $(call pc_cflags,$(PKG_UI) $(PKG_STORE) $(PKG_TICKET))

LIBS_CTL := $(call pc_libs,$(PKG_STORE) $(PKG_TICKET)) -lm -lpthread
LIBS_KIOSK := $(call pc_libs,$(PKG_UI) $(PKG_STORE) $(PKG_TICKET)) -lm -lpthread

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(XCFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

KIOSK_OBJ := $(BUILD)/obj/firmware/main.o $(UI_OBJ) $(PLATFORM_SDL_OBJ) $(PLATFORM_OBJ) \
	$(TICKET_OBJ) $(STORE_OBJ) $(CORE_OBJ)
CTL_OBJ := $(BUILD)/obj/tools/kioskctl.o $(PLATFORM_OBJ) $(TICKET_OBJ) $(STORE_OBJ) $(CORE_OBJ)

.PHONY: all deps test-deps run test unit clean install fmt sync fleet-bench
all: $(BUILD)/kiosk $(BUILD)/kioskctl

$(BUILD)/kiosk: $(KIOSK_OBJ)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_KIOSK)

$(BUILD)/kioskctl: $(CTL_OBJ)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL)

# Unit tests: tests/unit/test_<module>.c and tests/store/test_*.c, one binary each,
# linked with everything kioskctl has (no SDL, no display).
UNIT_SRC := $(wildcard tests/unit/test_*.c tests/store/test_*.c)
UNIT_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
LIB_OBJ := $(PLATFORM_OBJ) $(TICKET_OBJ) $(STORE_OBJ) $(CORE_OBJ)

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL)

# UI tests: SDL without a display (software renderer on a surface).
UITEST_SRC := $(wildcard tests/uitest/test_*.c)
UITEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(UITEST_SRC))
$(UITEST_BIN): $(BUILD)/tests/uitest/%: $(BUILD)/obj/tests/uitest/%.o $(UI_OBJ) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_KIOSK)

# Fleet sync: kiosk-sync is the only program that links libpq (built by
# `make test`, not by `make`: the kiosk and kioskctl need no PostgreSQL).
PKG_SYNC := libpq
$(BUILD)/obj/tools/kiosk-sync.o: XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET) $(PKG_SYNC))
$(BUILD)/kiosk-sync: $(BUILD)/obj/tools/kiosk-sync.o $(LIB_OBJ)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL) $(call pc_libs,$(PKG_SYNC))
sync: test-deps $(BUILD)/kiosk-sync

# 150 stations with a year of bookings each, synced into a throwaway
# PostgreSQL; times the sync and the district report (README: figures).
fleet-bench: test-deps
	@$(MAKE) --no-print-directory all $(BUILD)/kiosk-sync
	@BUILD=$(BUILD) sh tools/central/fleet-bench.sh

deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p data
	./$(BUILD)/kiosk --windowed --data-dir data

test: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(UITEST_BIN) $(BUILD)/kiosk-sync
	@BUILD=$(BUILD) sh tests/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kiosk/catalog \
		$(DESTDIR)$(PREFIX)/share/kiosk/fonts
	install -m 0755 $(BUILD)/kiosk $(BUILD)/kioskctl $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 assets/catalog/*.ini $(DESTDIR)$(PREFIX)/share/kiosk/catalog/
	if ls fonts/*.otf >/dev/null 2>&1; then \
		install -m 0644 fonts/*.otf fonts/*.txt $(DESTDIR)$(PREFIX)/share/kiosk/fonts/; fi

fmt:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
