# Station kiosk firmware. `make` builds build/kiosk and build/kioskctl;
# `make run` starts the kiosk on the demo catalog; `make test` runs every test.
# Honoured: CC, CROSS_COMPILE, PKG_CONFIG, CFLAGS, LDFLAGS, DESTDIR, PREFIX, BUILD,
# WERROR=1 (warnings are errors; CI sets it), SANITIZE=1 (ASan + UBSan build in
# build/san: `make test SANITIZE=1` runs the whole suite under them).

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
# CROSS=arm64|armhf: cross build against a Debian sysroot (sets CC, PKG_CONFIG, BUILD).
include board/cross.mk
CROSS_COMPILE ?=
ifeq ($(origin CC),default)
CC = $(CROSS_COMPILE)cc
endif
ifeq ($(origin AR),default)
AR = $(CROSS_COMPILE)ar
endif
PKG_CONFIG ?= pkg-config
PREFIX ?= /usr/local
SANITIZE ?= 0
# UNTESTABLE=1: a release build, without the hooks only tests use (the update
# installer's crash injection, KIOSK_UPDATE_CRASH_AT), as SQLite builds with
# SQLITE_UNTESTABLE: no environment variable can make an installed kioskctl
# kill itself halfway through an update. `make install`, `make deb` and cross
# builds set it; it builds into a directory of its own (build/release), as
# make tracks no flags, and the tests' build/ keeps the hooks.
ifneq ($(filter install,$(MAKECMDGOALS)),)
UNTESTABLE ?= 1
endif
UNTESTABLE ?= 0
BUILD ?= build$(if $(filter 1,$(SANITIZE)),/san)$(if $(filter 1,$(UNTESTABLE)),/release)
WERROR ?= 0

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARN += -Werror
endif
BASE_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -O2 -g $(WARN) -DKIOSK_VERSION='"$(VERSION)"' \
	-DKIOSK_DATADIR='"$(PREFIX)/share/kiosk"'
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ifeq ($(SANITIZE),1)
BASE_CFLAGS += $(SAN_FLAGS)
endif
ifeq ($(UNTESTABLE),1)
BASE_CFLAGS += -DKIOSK_UNTESTABLE
endif
# FUZZ=1 (with CC=clang, set by `make fuzz`): objects instrumented for libFuzzer.
ifeq ($(FUZZ),1)
BASE_CFLAGS += $(SAN_FLAGS) -fsanitize=fuzzer-no-link
endif

# Quiet: a missing library is reported once, below, not by every call.
pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

PKG_STORE := sqlite3
PKG_TICKET := libsodium libqrencode
PKG_UI := sdl2 SDL2_ttf

# The libraries every build needs, checked once, before any flag is asked
# of pkg-config: a machine without them gets one line naming the missing
# Debian packages and the command, not a page of errors. The goals that
# install them first (tools/deps.sh) or need none are not held up; a cross
# build's sysroot (board/cross.mk) brings its own.
DEB_sdl2 := libsdl2-dev
DEB_SDL2_ttf := libsdl2-ttf-dev
DEB_sqlite3 := libsqlite3-dev
DEB_libsodium := libsodium-dev
DEB_libqrencode := libqrencode-dev
DEB_libmicrohttpd := libmicrohttpd-dev
DEB_gnutls := libgnutls28-dev
NO_PKG_GOALS := deps test-deps run test test-times soak fuzz sync fleet-bench mutants bench bench-check \
	bench-baseline clean fmt check-layers
ifeq ($(CROSS),)
ifneq ($(filter-out $(NO_PKG_GOALS),$(or $(MAKECMDGOALS),all)),)
PKG_MISSING := $(shell command -v $(firstword $(PKG_CONFIG)) >/dev/null 2>&1 || echo pkg-config; \
	for m in $(PKG_UI) $(PKG_STORE) $(PKG_TICKET) $(if $(filter install,$(MAKECMDGOALS)),libmicrohttpd gnutls); do \
	$(PKG_CONFIG) --exists $$m 2>/dev/null || echo $$m; done)
ifneq ($(PKG_MISSING),)
$(error missing development packages; install them with \
`sudo apt-get install $(foreach m,$(PKG_MISSING),$(or $(DEB_$(m)),$(m)))` \
or `sudo make deps`)
endif
endif
endif

# The layers of DESIGN.md, one folder and one archive each. Dependencies point
# one way (tools/check-layers.sh holds the includes to it, `make check-layers`):
#   core <- ticket, store <- ui, platform <- app <- shell <- main; update beside app.
# Each layer is compiled with only its own libraries' flags; the archives are
# linked highest layer first, so a call against the grain fails to link.
LAYERS := core ticket store platform app update ui shell
PKG_core :=
PKG_ticket := libsodium libqrencode
PKG_store := sqlite3
PKG_platform :=
PKG_app := libsodium
PKG_update := libsodium
PKG_ui := sdl2 SDL2_ttf
PKG_shell := sdl2 SDL2_ttf

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
lib = $(patsubst %,$(BUILD)/lib/lib%.a,$(1))
$(foreach l,$(LAYERS),$(eval SRC_$(l) := $(wildcard firmware/$(l)/*.c)))
$(foreach l,$(LAYERS),$(eval OBJ_$(l) := $(call obj,$(SRC_$(l)))))
$(foreach l,$(LAYERS),$(eval $(OBJ_$(l)): XCFLAGS := $(if $(PKG_$(l)),$(call pc_cflags,$(PKG_$(l))))))
$(foreach l,$(LAYERS),$(eval $(call lib,$(l)): $(OBJ_$(l))))
$(BUILD)/lib/%.a:
	@mkdir -p $(dir $@)
	rm -f $@ && $(AR) rcs $@ $^

# What each program links, highest layer first.
LIB_CORE := $(call lib,core)
LIB_CTL := $(call lib,app update platform store ticket core)
LIB_KIOSK := $(call lib,shell ui app update platform store ticket core)
$(BUILD)/obj/firmware/main.o: XCFLAGS := $(call pc_cflags,$(PKG_UI) $(PKG_STORE) $(PKG_TICKET))
$(BUILD)/obj/tools/%.o: XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET))
# Tests of the pure core see no library and link the core alone.
$(BUILD)/obj/tests/core/%.o: XCFLAGS :=
$(BUILD)/obj/tests/%.o: XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET))
$(BUILD)/obj/tests/uitest/%.o: XCFLAGS := $(call pc_cflags,$(PKG_UI) $(PKG_STORE) $(PKG_TICKET))

LIBS_CTL := $(call pc_libs,$(PKG_STORE) $(PKG_TICKET)) -lm -lpthread
LIBS_KIOSK := $(call pc_libs,$(PKG_UI) $(PKG_STORE) $(PKG_TICKET)) -lm -lpthread

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(XCFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

CTL_OBJ := $(call obj,$(wildcard tools/ctl/*.c))

.PHONY: all deps test-deps run test unit clean install fmt bench bench-check bench-baseline \
	fuzz fuzzers soak sync fleet-bench check-layers ui-fixtures mutants console test-times
.DEFAULT_GOAL := all
all: $(BUILD)/kiosk $(BUILD)/kioskctl
# issue 19: the lobby calling display (tools/display, docs/display.md).
all: $(BUILD)/kiosk-display

$(BUILD)/kiosk: $(BUILD)/obj/firmware/main.o $(LIB_KIOSK)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_KIOSK)

$(BUILD)/kioskctl: $(CTL_OBJ) $(LIB_CTL)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL)

# The lobby calling display (issue 19, tools/display, docs/display.md): a
# separate program that reads the store read-only and draws with SDL.
DISPLAY_OBJ := $(call obj,$(wildcard tools/display/*.c))
$(DISPLAY_OBJ): XCFLAGS := $(call pc_cflags,$(PKG_UI) $(PKG_STORE))
$(BUILD)/kiosk-display: $(DISPLAY_OBJ) $(call lib,shell platform store core)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_KIOSK)

check-layers:
	@sh tools/check-layers.sh

# Tests only (tests/update/schema.sh): kioskctl whose store has one more,
# synthetic, schema step (schema.c, STORE_TEST_NEXT_SCHEMA), played as
# additive (0: its floor the real schema) or incompatible (1: its floor its
# own version). Only the store is
# compiled anew; outside build/tests, so tests/run.sh never runs them.
NEXT_SCHEMA_CTL := $(BUILD)/next-schema-0/kioskctl $(BUILD)/next-schema-1/kioskctl
define next_schema
$(BUILD)/obj/next-schema-$(1)/%.o: firmware/store/%.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(BASE_CFLAGS) $$(call pc_cflags,$$(PKG_STORE)) -DSTORE_TEST_NEXT_SCHEMA=$(1) $$(CPPFLAGS) $$(CFLAGS) -MMD -MP -c $$< -o $$@
$(BUILD)/next-schema-$(1)/kioskctl: $$(CTL_OBJ) $$(call lib,app update platform) $$(patsubst firmware/store/%.c,$(BUILD)/obj/next-schema-$(1)/%.o,$$(SRC_store)) $$(call lib,ticket core)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(BASE_CFLAGS) $$(CFLAGS) -o $$@ $$^ $$(LDFLAGS) $$(LIBS_CTL)
endef
$(eval $(call next_schema,0))
$(eval $(call next_schema,1))

# Unit tests, one binary each: tests/core/test_*.c (the pure core, linked
# with the core archive alone), tests/unit/test_<module>.c, tests/store/ and
# tests/reliability/ (linked with everything kioskctl has: no SDL, no display).
CORE_TEST_SRC := $(wildcard tests/core/test_*.c)
UNIT_SRC := $(CORE_TEST_SRC) $(wildcard tests/unit/test_*.c tests/store/test_*.c tests/reliability/test_*.c)
UNIT_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
CORE_TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(CORE_TEST_SRC))
# Test helpers every store-level test may link (tests/lib/*.c).
TESTLIB_OBJ := $(call obj,$(wildcard tests/lib/*.c))
LIB_OBJ := $(TESTLIB_OBJ) $(call lib,shell app update platform store ticket core)
# The crash test runs its children on a power-cut simulating SQLite VFS.
$(BUILD)/tests/reliability/test_crash $(BUILD)/tests/reliability/test_queue_crash: $(BUILD)/obj/tests/reliability/crashvfs.o
# i20wait: the waitlist's crash test too.
$(BUILD)/tests/reliability/test_waitlist_crash: $(BUILD)/obj/tests/reliability/crashvfs.o

$(CORE_TEST_BIN): $(BUILD)/tests/core/%: $(BUILD)/obj/tests/core/%.o $(LIB_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) -lm

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL)

# Fuzz targets (tests/fuzz/fuzz_<target>.c): replayed over their committed
# corpus in every test run (build/tests/fuzz/replay_<target>); `make fuzz`
# builds them with clang and libFuzzer into build/fuzz and runs each for
# FUZZ_SECONDS (tests/fuzz/fuzz.sh, which `make test` runs briefly too).
FUZZ_TARGETS := catalog config payload scanner script
FUZZ_REPLAY := $(patsubst %,$(BUILD)/tests/fuzz/replay_%,$(FUZZ_TARGETS))
FUZZ_BIN := $(patsubst %,$(BUILD)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_SECONDS ?= 60
$(BUILD)/tests/fuzz/replay_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(BUILD)/obj/tests/fuzz/replay.o $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL)
$(BUILD)/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(LIB_OBJ)
	$(CC) $(BASE_CFLAGS) -fsanitize=fuzzer $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL)
.PRECIOUS: $(BUILD)/obj/tests/fuzz/%.o
fuzzers: $(FUZZ_BIN)
# The monkey test for a million events (tests/reliability/monkey.sh).
soak: test-deps
	@$(MAKE) --no-print-directory all
	@MONKEY_EVENTS=1000000 BUILD=$(BUILD) SANITIZE=$(SANITIZE) $(SAN_ENV) sh tests/reliability/monkey.sh
fuzz: test-deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/fuzz.sh

# UI tests: SDL without a display (software renderer on a surface).
UITEST_SRC := $(wildcard tests/uitest/test_*.c)
UITEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(UITEST_SRC))
$(UITEST_BIN): $(BUILD)/tests/uitest/%: $(BUILD)/obj/tests/uitest/%.o $(call lib,ui) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_KIOSK)

# Benchmarks (make bench, tools/bench.sh): built into build/bench/, not
# build/tests/, whose every program make test runs.
BENCH_SRC := $(wildcard tests/bench/*.c)
BENCH_BIN := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))
$(BUILD)/obj/tests/bench/%.o: XCFLAGS := $(call pc_cflags,$(PKG_UI) $(PKG_STORE) $(PKG_TICKET))
$(BENCH_BIN): $(BUILD)/bench/%: $(BUILD)/obj/tests/bench/%.o $(call lib,ui) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_KIOSK)

# Fleet sync: kiosk-sync is the only program that links libpq (built by
# `make test`, not by `make`: the kiosk and kioskctl need no PostgreSQL).
PKG_SYNC := libpq
$(BUILD)/obj/tools/kiosk-sync.o: XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET) $(PKG_SYNC))
$(BUILD)/kiosk-sync: $(BUILD)/obj/tools/kiosk-sync.o $(LIB_CTL)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL) $(call pc_libs,$(PKG_SYNC))
sync: test-deps $(BUILD)/kiosk-sync

# The staff console (tools/console, issue 18): the only program that links
# libmicrohttpd and GnuTLS (built by `make test` and `make console`, like
# kiosk-sync: the kiosk and kioskctl need neither).
PKG_CONSOLE := libmicrohttpd gnutls
CONSOLE_OBJ := $(call obj,$(wildcard tools/console/*.c))
$(CONSOLE_OBJ): XCFLAGS := $(call pc_cflags,$(PKG_STORE) $(PKG_TICKET) $(PKG_CONSOLE))
$(BUILD)/kiosk-console: $(CONSOLE_OBJ) $(LIB_CTL)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LIBS_CTL) $(call pc_libs,$(PKG_CONSOLE))
console: test-deps $(BUILD)/kiosk-console

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

# Sanitizer runs stop at the first error; leaks are errors too, except the
# third-party ones listed (with why) in tests/lsan.supp.
SAN_ENV := ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

test: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(UITEST_BIN) $(FUZZ_REPLAY) $(BUILD)/kiosk-sync \
		$(BUILD)/kiosk-console \
		$(NEXT_SCHEMA_CTL)
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) $(SAN_ENV) sh tests/run.sh

# The seconds each test took in the last `make test` (build/test-times.txt)
# become the order the next runs start them in, slowest first (tests/run.sh
# runs TEST_JOBS at a time, default the cores): refresh after adding a
# long test, on a quiet machine.
test-times:
	@test -s $(BUILD)/test-times.txt || { echo "test-times: run make test first" >&2; exit 1; }
	@{ echo "# seconds test: made by make test-times from a make test run (tests/run.sh reads it)"; \
	  cat $(BUILD)/test-times.txt; } >tests/times.txt
	@head -n 6 tests/times.txt

# Mutation testing (tests/mutants/mutants.txt, tests/mutants/run.py): each
# listed one-line change to the product, applied in a throwaway copy of the
# tree, must make its named test fail; prints one line per mutant and
# "N killed, N survived", and fails when any survived. `make test` runs the
# quick ones (tests/mutants/quick.sh).
# It builds in the copy (from build/'s objects when there are some).
mutants: test-deps
	@python3 tests/mutants/run.py

# Records the UI fixtures anew (tests/ui/fixtures.sh, which make test runs
# as a check): after a layout change that is meant; review the diff.
ui-fixtures:
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) UI_FIXTURES=record sh tests/ui/fixtures.sh

# Speed and memory figures (tools/bench.sh) into build/bench.txt; the
# instruction counts of one booking against tests/bench/baseline.txt.
bench:
	@sh tools/deps.sh bench
	@$(MAKE) --no-print-directory all $(BENCH_BIN) $(BUILD)/kiosk-console
	@BUILD=$(BUILD) sh tools/bench.sh

bench-check: test-deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) sh tests/bench/check.sh

bench-baseline: test-deps
	@$(MAKE) --no-print-directory all
	@{ echo "# Callgrind instruction counts of one scripted booking (tools/bench-ir.sh):"; \
	  echo "# make bench-check fails when one grows by more than 10%."; \
	  echo "# Made by make bench-baseline: $$($(CC) --version | head -n1);"; \
	  echo "# SDL2, SDL2_ttf, SQLite $$($(PKG_CONFIG) --modversion sdl2 SDL2_ttf sqlite3 | paste -sd' ')."; \
	  BUILD=$(BUILD) sh tools/bench-ir.sh; } >tests/bench/baseline.txt.new
	@mv tests/bench/baseline.txt.new tests/bench/baseline.txt
	@cat tests/bench/baseline.txt

# The staff console is installed too (board/kiosk-console.service runs it):
# installing needs libmicrohttpd-dev and libgnutls28-dev besides.
install: all $(BUILD)/kiosk-console
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kiosk/catalog \
		$(DESTDIR)$(PREFIX)/share/kiosk/fonts
	install -m 0755 $(BUILD)/kiosk $(BUILD)/kioskctl $(BUILD)/kiosk-console $(DESTDIR)$(PREFIX)/bin/
	install -m 0755 $(BUILD)/kiosk-display $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 assets/catalog/*.ini $(DESTDIR)$(PREFIX)/share/kiosk/catalog/
	if ls fonts/*.otf >/dev/null 2>&1; then \
		install -m 0644 fonts/*.otf fonts/*.txt $(DESTDIR)$(PREFIX)/share/kiosk/fonts/; fi

fmt:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD)

# make deb: the Debian package (board/deb.mk).
include board/deb.mk

# issue 23: manual pages and kioskctl's bash completion, made from the
# programs' own --help (board/man.mk): make man, make completion.
include board/man.mk
# issue 23: make br-check, the Buildroot external tree (board/br.mk).
include board/br.mk

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
