# nlkit: ip, ss and nft on one netlink core.
#   make [SANITIZE=1]     build
#   make check            install what is missing, build, run the whole test suite
#   make check VALGRIND=1 the same with our programs run under valgrind's memcheck
#                         (testsuite/tools/valgrind-wrap; not for check-vm)
#   make check-vm [TESTS=...]  the same inside a qemu guest on Debian's kernel
#                         (scripts/vm/check-vm.sh); by default the files
#                         marked "# nlkit: vm-lane"
#   make demo             install what is missing, build, run the namespaced demo
#   make bench            ours against the reference, side by side
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make deps             install every Debian package the build and tests need
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS=...] [FUZZ_RUN_FLAGS=...]
#                         build the libFuzzer targets with clang and run each for
#                         FUZZ_SECONDS (-j2: two at once), with libFuzzer's options

# Goals that may install missing Debian packages before configuring.
SETUP_GOALS := check check-vm demo bench
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
ALL_OBJS := $(LIB_OBJS) $(foreach p,$(PROGRAMS) fuzz,$(patsubst %.c,$(B)/%.o,$(wildcard $(p)/*.c)))
SNIFF := $(B)/testsuite/tools/nlsniff.so
RUNSTAT := $(B)/testsuite/tools/runstat
SOCKFARM := $(B)/testsuite/tools/sockfarm

# The fuzz targets (fuzz/), each also built without libFuzzer as
# $(B)/fuzz/replay-TARGET, which the test suite runs on fuzz/corpus/TARGET.
# fuzz_T_SRCS: the sources of target T besides the core; fuzz_T_LDFLAGS
# and fuzz_T_LIBS: what its link adds; fuzz_T_RUN_FLAGS: what make fuzz
# gives its runs besides FUZZ_RUN_FLAGS.
FUZZ_TARGETS ?= rtnl_link rtnl_show addr attr names nft_parse ss_filter xfrm sock_diag \
	nft_replies ip_args
# Every socket of the code under test is the kernel stand-in's (fuzz/nokernel.h).
NOKERNEL_WRAP := socket nl_open nl_open_netns nl_close nl_fd nl_portid \
	nl_join_group nl_set_rcvbuf nl_ext_ack_msg nl_seq_claim nl_talk nl_ask nl_dump \
	nl_dump_collect nl_talk_collect nl_pipe_new nl_pipe_free nl_pipe_window \
	nl_pipe_no_ack nl_pipe_failed nl_pipe_sent nl_pipe_req nl_pipe_push nl_pipe_flush \
	recv recvmsg
NOKERNEL_LDFLAGS := $(foreach f,$(NOKERNEL_WRAP),-Wl,--wrap=$(f))
FUZZ_IP_SRCS := fuzz/options.c fuzz/nokernel.c fuzz/exit_trap.c $(filter-out ip/main.c,$(wildcard ip/*.c))
fuzz_rtnl_link_SRCS := fuzz/rtnl_link.c $(FUZZ_IP_SRCS)
fuzz_rtnl_link_LDFLAGS := $(NOKERNEL_LDFLAGS)
fuzz_rtnl_link_LIBS := $(MNL_LIBS)
fuzz_rtnl_show_SRCS := fuzz/rtnl_show.c $(FUZZ_IP_SRCS)
fuzz_rtnl_show_LDFLAGS := $(NOKERNEL_LDFLAGS)
fuzz_rtnl_show_LIBS := $(MNL_LIBS)
fuzz_xfrm_SRCS := fuzz/xfrm.c $(FUZZ_IP_SRCS)
fuzz_xfrm_LDFLAGS := $(NOKERNEL_LDFLAGS)
fuzz_xfrm_LIBS := $(MNL_LIBS)
fuzz_ip_args_SRCS := fuzz/ip_args.c $(FUZZ_IP_SRCS)
fuzz_ip_args_LDFLAGS := $(NOKERNEL_LDFLAGS) -Wl,--wrap=open
fuzz_ip_args_LIBS := $(MNL_LIBS)
fuzz_ip_args_RUN_FLAGS := -dict=fuzz/ip_args.dict
fuzz_addr_SRCS := fuzz/addr.c
fuzz_addr_LIBS := $(MNL_LIBS)
fuzz_attr_SRCS := fuzz/attr.c
fuzz_attr_LIBS := $(MNL_LIBS)
fuzz_names_SRCS := fuzz/names.c
fuzz_names_LIBS := $(MNL_LIBS)
fuzz_nft_parse_SRCS := fuzz/nft_parse.c $(filter-out nft/main.c,$(wildcard nft/*.c))
fuzz_nft_parse_LDFLAGS := -Wl,--wrap=glob
fuzz_nft_parse_LIBS := $(NFTNL_LIBS) $(MNL_LIBS)
fuzz_ss_filter_SRCS := fuzz/ss_filter.c fuzz/nokernel.c
fuzz_ss_filter_LDFLAGS := $(NOKERNEL_LDFLAGS)
fuzz_ss_filter_LIBS := $(MNL_LIBS)
fuzz_sock_diag_SRCS := fuzz/sock_diag.c fuzz/nokernel.c $(filter-out ss/main.c,$(wildcard ss/*.c))
fuzz_sock_diag_LDFLAGS := $(NOKERNEL_LDFLAGS)
fuzz_sock_diag_LIBS := $(MNL_LIBS)
fuzz_nft_replies_SRCS := fuzz/nft_replies.c fuzz/exit_trap.c fuzz/nokernel.c $(filter-out nft/main.c,$(wildcard nft/*.c))
fuzz_nft_replies_LDFLAGS := $(NOKERNEL_LDFLAGS)
fuzz_nft_replies_LIBS := $(NFTNL_LIBS) $(MNL_LIBS)
fuzz_CFLAGS := $(NFTNL_CFLAGS)
FUZZ_REPLAYS := $(FUZZ_TARGETS:%=$(B)/fuzz/replay-%)

.PHONY: all check check-vm demo bench install clean deps unit fuzz
.DELETE_ON_ERROR:
# Keep the unit tests' objects: they are intermediates make would delete.
.SECONDARY:

all: $(PROGRAM_BINS) $(UNIT_BINS) $(SNIFF) $(RUNSTAT) $(SOCKFARM) $(FUZZ_REPLAYS)
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

# fuzz_rules T: the replay program of fuzz target T, and T built with libFuzzer.
define fuzz_rules
$(B)/fuzz/replay-$(1): $(B)/fuzz/replay.o $(patsubst %.c,$(B)/%.o,$(fuzz_$(1)_SRCS)) $(B)/libnlkit.a
	$$(CC) $$(CFLAGS) $$(SAN_FLAGS) $$(LDFLAGS) $(fuzz_$(1)_LDFLAGS) -o $$@ $$(filter %.o,$$^) \
		$(B)/libnlkit.a $(fuzz_$(1)_LIBS)

$(FUZZ_B)/$(1): $(patsubst %.c,$(FUZZ_B)/obj/%.o,$(fuzz_$(1)_SRCS)) $(FUZZ_B)/libnlkit.a
	$$(FUZZ_CC) $$(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined $(fuzz_$(1)_LDFLAGS) -o $$@ \
		$$(filter %.o,$$^) $(FUZZ_B)/libnlkit.a $(fuzz_$(1)_LIBS)
endef

# make fuzz: the targets built with clang's libFuzzer and sanitizers
# apart from every other build, each run (inside a network namespace of
# its own, though it opens no socket) for FUZZ_SECONDS on its seed corpus
# fuzz/corpus/T and what earlier runs found, kept in $(FUZZ_B)/corpus/T;
# a crash is saved in $(FUZZ_B)/artifacts/T and fails the run.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_B := build/fuzz-libfuzzer
FUZZ_FLAGS := -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_NETNS = unshare $(if $(filter 0,$(shell id -u)),-n,-rn)

$(FUZZ_B)/obj/%.o: %.c config.mk | fuzz-deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(NLKIT_CFLAGS) $($(firstword $(subst /, ,$*))_CFLAGS) $(FUZZ_FLAGS) \
		-fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

$(FUZZ_B)/libnlkit.a: $(LIB_SRCS:%.c=$(FUZZ_B)/obj/%.o)
	@rm -f $@
	$(AR) rcs $@ $^

$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rules,$(t))))

fuzz-deps:
	@scripts/deps.sh --fuzz

fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: $(FUZZ_B)/%
	@mkdir -p $(FUZZ_B)/corpus/$* $(FUZZ_B)/artifacts/$*
	$(FUZZ_NETNS) $< -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=3 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_B)/artifacts/$*/ $(fuzz_$*_RUN_FLAGS) $(FUZZ_RUN_FLAGS) \
		$(FUZZ_B)/corpus/$* fuzz/corpus/$*

.PHONY: fuzz-deps $(FUZZ_TARGETS:%=fuzz-run-%)

# make check VALGRIND=1: the suite runs, in place of each program of ours,
# a link named after it to testsuite/tools/valgrind-wrap, which runs the
# program under memcheck.  valgrind and ASan cannot share a process.
# tested P: the path the suite runs as program P.
ifeq ($(VALGRIND),1)
ifeq ($(SANITIZE),1)
$(error VALGRIND=1 and SANITIZE=1 do not go together)
endif
# The guest emulates its CPU, some 15 times slower than the host already:
# memcheck is for the host's runs.
ifneq ($(filter check-vm,$(MAKECMDGOALS)),)
$(error VALGRIND=1 is for make check on this machine, not for the VM lane (make check-vm))
endif
VALGRIND_LINKS := $(PROGRAMS:%=$(B)/valgrind/%)
tested = $(CURDIR)/$(B)/valgrind/$(1)
else
VALGRIND_LINKS :=
tested = $(CURDIR)/$(B)/$(1)/$(1)
endif

$(B)/valgrind/%: testsuite/tools/valgrind-wrap
	@mkdir -p $(@D)
	ln -sf $(CURDIR)/$< $@

# The environment every test run gets: which binaries to test.
TEST_ENV := NLKIT_TOP=$(CURDIR) NLKIT_BUILD=$(CURDIR)/$(B) NLKIT_IP=$(call tested,ip) \
	NLKIT_SS=$(call tested,ss) NLKIT_NFT=$(call tested,nft) \
	NLKIT_SNIFF=$(CURDIR)/$(SNIFF) NLKIT_RUNSTAT=$(CURDIR)/$(RUNSTAT) \
	NLKIT_SOCKFARM=$(CURDIR)/$(SOCKFARM) NLKIT_VALGRIND=$(VALGRIND) BATS=$(BATS)

check: all $(VALGRIND_LINKS)
	@scripts/deps.sh
	@$(TEST_ENV) testsuite/run $(TESTS)

# The VM lane: under TCG the guest runs the suite some 15 times slower
# than the host, so by default it takes only the files that need what a
# host kernel may lack, marked "# nlkit: vm-lane"; TESTS picks others
# (TESTS="testsuite/*.bats": the whole suite, an hour or more).
VM_TESTS = $(or $(TESTS),$(shell grep -l '^# nlkit: vm-lane' testsuite/*.bats))

check-vm: all
	@scripts/deps.sh --vm
	@$(TEST_ENV) scripts/vm/check-vm.sh $(VM_TESTS)

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

-include $(ALL_OBJS:.o=.d) $(UNIT_BINS:=.d) $(wildcard $(FUZZ_B)/obj/*/*.d)
