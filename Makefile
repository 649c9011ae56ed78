# nlkit: ip, ss and nft on one netlink core.
#   make [SANITIZE=1]     build
#   make check            install what is missing, build, run the whole test suite
#   make demo             install what is missing, build, run the namespaced demo
#   make bench            ours against the reference, side by side
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make deps             install every Debian package the build and tests need

# Goals that may install missing Debian packages before configuring.
SETUP_GOALS := check demo bench
ifneq ($(filter $(SETUP_GOALS),$(MAKECMDGOALS)),)
CONFIGURE := scripts/deps.sh && ./configure
else
CONFIGURE := ./configure
endif

ifeq ($(filter deps clean,$(MAKECMDGOALS)),)
-include config.mk
endif

PREFIX ?= /usr/local
CFLAGS ?= -O2 -g
WARNINGS := -Wall -Wextra -Wshadow -Wformat=2 -Wno-format-nonliteral -Wstrict-prototypes \
	-Wmissing-prototypes -Wvla
NLKIT_CFLAGS := -std=gnu11 -D_GNU_SOURCE -Iinclude $(WARNINGS) $(MNL_CFLAGS) -MMD -MP

ifeq ($(SANITIZE),1)
VARIANT := asan
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
else
VARIANT := default
SAN_FLAGS :=
endif
B := build/$(VARIANT)

LIB_SRCS := $(wildcard lib/*.c)
UNIT_SRCS := $(wildcard testsuite/unit/*_test.c)
LIB_OBJS := $(LIB_SRCS:%.c=$(B)/%.o)
UNIT_BINS := $(UNIT_SRCS:%.c=$(B)/%)

# The programs: each is every .c file of its directory, linked with the
# core and the libraries its variable names.  A program whose directory
# has no source yet is not built.
PROGRAMS := $(foreach p,ip ss nft,$(if $(wildcard $(p)/*.c),$(p)))
ip_LIBS := $(MNL_LIBS)
ss_LIBS := $(MNL_LIBS)
nft_LIBS := $(NFTNL_LIBS) $(MNL_LIBS)
nft_CFLAGS := $(NFTNL_CFLAGS)
PROGRAM_BINS := $(foreach p,$(PROGRAMS),$(B)/$(p)/$(p))
ALL_OBJS := $(LIB_OBJS) $(foreach p,$(PROGRAMS),$(patsubst %.c,$(B)/%.o,$(wildcard $(p)/*.c)))
SNIFF := $(B)/testsuite/tools/nlsniff.so
RUNSTAT := $(B)/testsuite/tools/runstat
SOCKFARM := $(B)/testsuite/tools/sockfarm

.PHONY: all check demo bench install clean deps unit
.DELETE_ON_ERROR:
# Keep the unit tests' objects: they are intermediates make would delete.
.SECONDARY:

all: $(PROGRAM_BINS) $(UNIT_BINS) $(SNIFF) $(RUNSTAT) $(SOCKFARM)
ifeq ($(VARIANT),default)
	@for p in $(PROGRAMS); do cp -f $(B)/$$p/$$p $$p/$$p; done
endif

config.mk: configure
	$(CONFIGURE)

$(B)/%.o: %.c config.mk
	@mkdir -p $(@D)
	$(CC) $(NLKIT_CFLAGS) $($(firstword $(subst /, ,$*))_CFLAGS) $(CFLAGS) $(SAN_FLAGS) -c -o $@ $<

$(B)/libnlkit.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

.SECONDEXPANSION:
$(PROGRAM_BINS): $(B)/%: $$(patsubst $$(PERCENT).c,$(B)/$$(PERCENT).o,$$(wildcard $$(*D)/*.c)) $(B)/libnlkit.a
	$(CC) $(CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(B)/libnlkit.a $($(*D)_LIBS)
PERCENT := %

$(B)/testsuite/unit/%_test: $(B)/testsuite/unit/%_test.o $(B)/libnlkit.a
	$(CC) $(CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(MNL_LIBS)

# The wire-capture shim is preloaded into the reference too: never sanitized.
$(SNIFF): testsuite/tools/nlsniff.c config.mk
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE $(WARNINGS) -O2 -fPIC -shared -o $@ $< -ldl

# The benchmark's stopwatch: never sanitized, so it measures the same in every build.
$(RUNSTAT): testsuite/tools/runstat.c config.mk
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE $(WARNINGS) -O2 -o $@ $<

# The socket maker of the ss tests and benchmarks: never sanitized either.
$(SOCKFARM): testsuite/tools/sockfarm.c config.mk
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE $(WARNINGS) -O2 -o $@ $<

# The environment every test run gets: which binaries to test.
TEST_ENV := NLKIT_TOP=$(CURDIR) NLKIT_BUILD=$(CURDIR)/$(B) NLKIT_IP=$(CURDIR)/$(B)/ip/ip \
	NLKIT_SS=$(CURDIR)/$(B)/ss/ss NLKIT_NFT=$(CURDIR)/$(B)/nft/nft \
	NLKIT_SNIFF=$(CURDIR)/$(SNIFF) NLKIT_RUNSTAT=$(CURDIR)/$(RUNSTAT) \
	NLKIT_SOCKFARM=$(CURDIR)/$(SOCKFARM) BATS=$(BATS)

check: all
	@scripts/deps.sh
	@$(TEST_ENV) testsuite/run $(TESTS)

demo: all
	@scripts/deps.sh
	@$(TEST_ENV) scripts/demo.sh

bench: all
	@scripts/deps.sh
	@$(TEST_ENV) bench/run.sh $(CASES)

deps:
	@scripts/deps.sh

install: all
	for p in $(PROGRAMS); do install -D -m 0755 $(B)/$$p/$$p $(DESTDIR)$(PREFIX)/sbin/$$p; done
	for m in man/man8/*.8; do install -D -m 0644 $$m $(DESTDIR)$(PREFIX)/share/man/man8/$${m##*/}; done

clean:
	rm -rf build ip/ip ss/ss nft/nft

-include $(ALL_OBJS:.o=.d) $(UNIT_BINS:=.d)
