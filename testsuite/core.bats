#!/usr/bin/env bats
# The netlink core's C unit tests (testsuite/unit), one test per case:
# attribute parsing, the helpers, and sockets, dumps and the pipelined
# sender against the kernel.

load lib/common

@test "attr: well-formed attributes of every kind are indexed" {
	unit attr_test well_formed
}

@test "attr: each kind's minimum payload length is enforced" {
	unit attr_test kind_lengths
}

@test "attr: min_len is a floor for any kind" {
	unit attr_test min_len_floor
}

@test "attr: a string must be NUL-terminated within its payload" {
	unit attr_test strings
}

@test "attr: nests parse, and a nest must hold well-framed attributes" {
	unit attr_test nested
}

@test "attr: NLA_F_NESTED and NLA_F_NET_BYTEORDER are masked off the type" {
	unit attr_test flags_masked
}

@test "attr: types above max are skipped" {
	unit attr_test above_max
}

@test "attr: a truncated attribute header fails the parse" {
	unit attr_test truncated_header
}

@test "attr: an attribute running past the buffer fails the parse" {
	unit attr_test past_buffer
}

@test "attr: zero-length and undersized attributes" {
	unit attr_test zero_length
}

@test "attr: family header and message framing checks" {
	unit attr_test msg_payload
}

@test "attr: 200000 random buffers parse without reading out of bounds" {
	unit attr_test random_bytes
}

@test "attr: 50000 mutations of a RTM_NEWLINK message parse safely" {
	unit attr_test random_newlink
}

@test "util: matches() takes the non-empty prefixes of a word" {
	unit util_test abbreviations
}

@test "util: unsigned parsers keep to their type's range" {
	unit util_test unsigned_bounds
}

@test "util: unsigned parsers take the bases strtoul() takes" {
	unit util_test unsigned_bases
}

@test "util: unsigned parsers refuse garbage, blanks, signs and empty strings" {
	unit util_test garbage
}

@test "util: parse_s32 keeps to its range" {
	unit util_test signed_range
}

@test "util: the x-allocators allocate" {
	unit util_test allocators
}

@test "util: running out of memory ends the program with a message" {
	unit util_test out_of_memory
}

@test "nl: a socket opens with its options and closes" {
	unit nl_test open_close
}

@test "nl: nl_talk RTM_GETLINK for lo returns its message" {
	unit nl_test talk_getlink
}

@test "nl: nl_ask sends an unacknowledged request and ends at its one reply" {
	unit nl_test ask_getlink
}

@test "nl: a refused request reports -errno and the extended-ACK text" {
	unit nl_test talk_ext_ack
}

@test "nl: nl_req_init zeroes the request, padding included" {
	unit nl_test req_init_zeroes
}

@test "nl: nl_talk_collect appends replies and undoes a failed exchange" {
	unit nl_test talk_collect
}

@test "nl: a callback error or stop ends the exchange and the socket stays usable" {
	unit nl_test callback_ends
}

@test "nl: nl_talk skips multicast notifications" {
	unit nl_test talk_among_notifications
}

@test "nl: a link dump sees every link; a refused dump says why" {
	unit nl_test dump_links
}

@test "nl: the pipe adds 3 x 5000 routes and reports each failure at its index" {
	unit nl_test pipe_routes
}

@test "nl: the pipe stops sending when the error callback asks" {
	unit nl_test pipe_stop
}

@test "nl: nl_dump_collect gathers a dump and appends the next" {
	unit nl_test dump_collect
}

@test "nl: an interrupted dump restarts, or ends with -EINTR" {
	unit nl_test dump_intr
}

@test "nl: nl_open_netns opens in another namespace and comes back" {
	unit nl_test open_netns
}

@test "attr: a plain nest carries no NLA_F_NESTED" {
	unit attr_test nest_plain
}
