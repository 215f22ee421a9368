# otasuke — see README.md. `make`, `make check`, `make deps`, `make demo`.
include config.mk

# O: where objects go. The plain build leaves ./otasuke; a sanitizer build
# (SANITIZE=1) uses its own tree so that both can coexist.
ifdef SANITIZE
O ?= build-asan
CFLAGS += $(SAN_FLAGS)
LDFLAGS += $(SAN_FLAGS)
BIN = $(O)/otasuke
else
O ?= build
BIN = otasuke
endif
# The drawing module goes beside the program (bin/render.h).
MODULE = $(dir $(BIN))otasuke-render.so

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
CORE_LIBS  := $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -lm -ldl
RENDER_LIBS := $(shell pkg-config --libs $(RENDER_PKGS) 2>/dev/null) -lm
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

ALL_CPPFLAGS = $(CPPFLAGS) -DOSK_VERSION='"$(VERSION)"' \
	-DOSK_DATADIR='"$(DATADIR)"' -DOSK_LIBDIR='"$(LIBDIR)"' $(PKG_CFLAGS)

# Each folder lists its own sources (one owner per folder).
include core/build.mk
include diag/build.mk
include survey/build.mk
include alerts/build.mk
include report/build.mk
include bin/build.mk

# Archives in dependency order: higher layers first for the linker.
LIBS_A = $(O)/libreport.a $(O)/libalerts.a $(O)/libsurvey.a \
	 $(O)/libdiag.a $(O)/libcore.a

obj = $(patsubst %.c,$(O)/%.o,$(1))

all: $(BIN) $(MODULE)

$(O)/%.o: %.c config.mk
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(ALL_CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(O)/libcore.a: $(call obj,$(CORE_SRC))
$(O)/libdiag.a: $(call obj,$(DIAG_SRC))
$(O)/libsurvey.a: $(call obj,$(SURVEY_SRC))
$(O)/libalerts.a: $(call obj,$(ALERTS_SRC))
$(O)/libreport.a: $(call obj,$(REPORT_SRC))
$(O)/%.a:
	@mkdir -p $(dir $@)
	@rm -f $@
	@ar rcs $@ $^

# The program holds every library but report/ whole, and exports its
# symbols, for the module to use; the module holds report/ and
# bin/cmd_report.c.
CORE_A = $(O)/libalerts.a $(O)/libsurvey.a $(O)/libdiag.a $(O)/libcore.a

$(BIN): $(call obj,$(BIN_SRC)) $(CORE_A)
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -rdynamic -o $@ $(call obj,$(BIN_SRC)) \
		-Wl,--whole-archive $(CORE_A) -Wl,--no-whole-archive $(CORE_LIBS)

$(MODULE): $(call obj,$(MODULE_SRC)) $(O)/libreport.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -shared -o $@ $(call obj,$(MODULE_SRC)) \
		-Wl,--whole-archive $(O)/libreport.a -Wl,--no-whole-archive \
		$(RENDER_LIBS)

# ---- tests ----
UNIT_SRC  = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(patsubst tests/unit/%.c,$(O)/tests/%,$(UNIT_SRC))

$(O)/tests/%: tests/unit/%.c $(LIBS_A)
	@mkdir -p $(dir $@)
	@echo "LD $@"
	@$(CC) $(ALL_CPPFLAGS) $(TEST_CFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP \
		-o $@ $< \
		$(LIBS_A) $(PKG_LIBS) $(TEST_LIBS)

unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
		OTASUKE_DATADIR=$(CURDIR)/questions $$t || fail=1; done; \
	exit $$fail

cli: $(BIN) $(MODULE)
	OTASUKE=$(CURDIR)/$(BIN) sh tests/run-cli.sh

manlint:
	mandoc -Tlint -W warning man/*.[15]

check: all unit cli manlint
	$(MAKE) check-asan

check-asan:
	$(MAKE) SANITIZE=1 unit cli

check-valgrind: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
		OTASUKE_DATADIR=$(CURDIR)/questions valgrind -q --leak-check=full --suppressions=tests/valgrind.supp \
		--errors-for-leak-kinds=definite,indirect,possible \
		--error-exitcode=1 $$t || fail=1; done; exit $$fail

# ---- fuzzing (clang libFuzzer + ASan): make fuzz [FUZZ_SECONDS=60] ----
FUZZ_SECONDS ?= 60
FUZZ_SRC  = $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BINS = $(patsubst fuzz/%.c,build-fuzz/%,$(FUZZ_SRC))
FUZZ_LIBSRC = $(CORE_SRC) $(DIAG_SRC) $(SURVEY_SRC) $(ALERTS_SRC) report/ttf.c

build-fuzz/%: fuzz/%.c $(FUZZ_LIBSRC)
	@mkdir -p build-fuzz
	clang $(ALL_CPPFLAGS) -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
		-o $@ $< $(FUZZ_LIBSRC) $(PKG_LIBS)

fuzz: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do \
		n=$$(basename $$f); mkdir -p build-fuzz/corpus-$$n; \
		echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		    build-fuzz/corpus-$$n fuzz/seeds/$$n 2>build-fuzz/$$n.log \
		    || { tail -40 build-fuzz/$$n.log; exit 1; }; done

# ---- set-up, demo, benchmarks, install ----
deps:
	@sh tools/deps.sh $(DEB_PKGS)

# The demo starts from a new database every time.
demo: deps all
	@mkdir -p demo
	@rm -f demo/otasuke.db demo/otasuke.db-wal demo/otasuke.db-shm
	./$(BIN) --db demo/otasuke.db demo -o demo
	@echo "demo: open demo/sheets/*.pdf; try ./otasuke --db demo/otasuke.db diag list"


bench: all
	sh benchmarks/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/questions \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -d $(DESTDIR)$(LIBDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/otasuke
	install -m 644 $(MODULE) $(DESTDIR)$(LIBDIR)/
	install -m 644 questions/*.yaml $(DESTDIR)$(DATADIR)/questions/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/

clean:
	rm -rf build build-asan build-fuzz otasuke otasuke-render.so

.PHONY: all unit cli manlint check check-asan check-valgrind fuzz deps demo \
	bench install clean

-include $(shell find $(O) -name '*.d' 2>/dev/null)

# ---- interview engine: its unit test includes bin/interview.c (owner: ----
# ---- the interview engine; tests/tools/ptyrun.c is built by its tests) ----
$(O)/tests/test_interview: bin/interview.c bin/interview.h
