#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the seed corpora of the netlink fuzz targets from real kernel messages.

    unshare -n fuzz/capture_seeds.py [--only TARGET,...] [CORPUS-DIR]

CORPUS-DIR defaults to fuzz/corpus.  In the new network namespace it makes
with the reference ip and nft what each target's messages describe
(links, addresses, routes, rules, neighbours, nexthops; xfrm policies,
larval states and their events; sockets of every table ss lists; an
nftables ruleset), asks the kernel as our tools do, and writes its replies
as seeds, each prefixed with the bytes that choose the target's options
and command (see each fuzz/TARGET.c).  A reply ends with one NLMSG_DONE:
the stand-in kernel (fuzz/nokernel.h) answers each request with the
messages before it.  Refuses to run where there is any link but lo.
"""
import ctypes
import os
import socket
import struct
import subprocess
import sys
import time

IP = "/usr/sbin/ip"
NFT = "/usr/sbin/nft"
NETLINK_ROUTE, NETLINK_SOCK_DIAG, NETLINK_XFRM, NETLINK_NETFILTER = 0, 4, 6, 12
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK, NLM_F_DUMP = 0x1, 0x2, 0x4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE, RTM_GETNEIGH = 18, 22, 26, 30
RTM_GETRULE, RTM_GETNEXTHOP, RTM_GETNEIGHTBL = 34, 106, 66
IFLA_EXT_MASK, RTEXT_FILTER_VF = 29, 1
DONE = struct.pack("=IHHIIi", 20, NLMSG_DONE, NLM_F_MULTI, 0, 0, 0)


SETUP = """
link set lo up
link add v0 type veth peer name v1
link set v0 up
link set v1 up
link add br0 type bridge
link set v1 master br0
link add vx0 type vxlan id 42 dstport 4789 local 10.0.0.1
link add mv0 link v0 type macvlan mode bridge
link add ifb0 type ifb
link set br0 up
link set mv0 down
address add 10.0.0.1/24 dev v0
address add 10.0.0.9/24 dev v0 secondary
address add 2001:db8::1/64 dev v0 nodad
address add fe80::1/64 dev br0 valid_lft 100 preferred_lft 50
route add 192.0.2.0/24 via 10.0.0.2 dev v0 metric 7
route add 198.51.100.0/24 nexthop via 10.0.0.2 weight 2 nexthop via 10.0.0.3
route add 2001:db8:1::/48 via 2001:db8::2 dev v0
route add table 100 unreachable 203.0.113.0/24
rule add from 10.0.0.0/8 table 100 priority 100
rule add fwmark 0x10/0xff iif v0 table main priority 200
rule add sport 1000-2000 ipproto tcp table 100 priority 300
neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent
neigh add 2001:db8::2 lladdr 02:00:00:00:00:03 dev v0 nud reachable
nexthop add id 1 via 10.0.0.2 dev v0
nexthop add id 2 via 10.0.0.3 dev v0
nexthop add id 10 group 1/2,3
nexthop add id 11 blackhole
"""


XFRM_SETUP = """
link add xv0 type veth peer name xv1
link set xv0 up
link set xv1 up
address add 10.0.0.1/24 dev xv0
address add 2001:db8::1/64 dev xv0 nodad
route add 10.0.1.0/24 via 10.0.0.2
route add 10.1.1.0/24 via 10.0.0.2
xfrm policy add src 10.0.0.0/24 dst 10.0.1.0/24 dir out priority 10 tmpl src 10.0.0.1 dst 10.0.0.2 proto esp reqid 1 mode tunnel
xfrm policy add src 2001:db8::/64 dst 2001:db8:1::/64 proto udp dport 53 dir in action block mark 3 mask 0xf if_id 7 priority 20
xfrm policy add src 10.0.2.0/24 dst 10.0.3.0/24 proto tcp sport 80 dir fwd flag localok icmp tmpl proto esp mode transport level use tmpl proto ah mode transport
xfrm policy add src 10.0.4.0/24 dst 10.0.5.0/24 proto icmp type 8 code 0 dir out ptype sub limit time-soft 100 limit time-hard 200 limit byte-soft 1000 limit packet-hard 10
xfrm policy add src 10.0.6.0/24 dst 10.0.7.0/24 proto gre key 5 dir in tmpl src 10.0.0.1 dst 10.0.0.9 proto comp spi 0x100 mode tunnel
xfrm state allocspi src 10.0.0.1 dst 10.0.0.2 proto esp reqid 3 mode tunnel mark 7 mask 0xf
xfrm state allocspi src 2001:db8::1 dst 2001:db8::2 proto ah min 100 max 200
xfrm state allocspi src 10.0.0.1 dst 10.0.0.3 proto comp
xfrm policy setdefault in block fwd accept out accept
"""

# What ip xfrm monitor is shown: each kind of event this kernel makes
# without ESP or AH (larval states, policies, their expiry, acquires).
XFRM_EVENTS = """
xfrm policy add src 10.0.0.0/24 dst 10.1.1.0/24 dir out tmpl src 10.0.0.1 dst 10.0.0.5 proto esp mode tunnel
xfrm policy update src 10.0.0.0/24 dst 10.1.1.0/24 dir out priority 5 tmpl src 10.0.0.1 dst 10.0.0.5 proto esp mode tunnel
xfrm policy add src 10.2.0.0/24 dst 10.2.1.0/24 dir in limit time-soft 1 limit time-hard 2
xfrm state allocspi src 10.0.0.1 dst 10.0.0.7 proto ah
xfrm state deleteall proto ah
xfrm policy delete src 10.0.6.0/24 dst 10.0.7.0/24 proto gre key 5 dir in
xfrm state flush proto comp
xfrm policy flush ptype sub
"""

SOCK_DIAG_BY_FAMILY = 20
XFRM_MSG_GETSA, XFRM_MSG_GETPOLICY = 0x12, 0x15
XFRM_MSG_GETSADINFO, XFRM_MSG_GETSPDINFO, XFRM_MSG_GETDEFAULT = 0x23, 0x25, 0x28
NFNL_SUBSYS_NFTABLES, NFNLGRP_NFTABLES = 10, 7
NFT_MSG_GETTABLE, NFT_MSG_GETCHAIN, NFT_MSG_GETRULE, NFT_MSG_GETSET = 1, 4, 7, 10
NFT_MSG_GETSETELEM, NFT_MSG_GETGEN, NFT_MSG_GETOBJ = 13, 16, 19
NFT_MSG_NEWSET = 9
NFTA_SET_TABLE, NFTA_SET_NAME = 1, 2
SOL_NETLINK, NETLINK_ADD_MEMBERSHIP = 270, 1
IPPROTO_MPTCP = 262
INET_DIAG_REQ_PROTOCOL = 3
SO_ATTACH_FILTER = 26

NFT_RULESET = """table inet t {
	comment "seed"
	counter cnt {
		packets 1 bytes 2
	}
	quota q {
		over 100 mbytes used 5 kbytes
	}
	limit l {
		rate 10/second burst 5 packets
	}
	set s {
		type ipv4_addr
		flags interval
		elements = { 10.0.0.0/8, 192.168.1.1 }
	}
	set s6 {
		type ipv6_addr . inet_service
		elements = { ::1 . 22 }
	}
	map m {
		type inet_service : verdict
		elements = { 22 : accept, 80 : drop }
	}
	map mm {
		type ipv4_addr : mark
		elements = { 10.1.1.1 : 0x00000010 }
	}
	set dyn {
		type ipv4_addr
		size 100
		flags dynamic,timeout
		timeout 1h
	}
	set cs {
		type ether_addr
		counter
		elements = { 00:11:22:33:44:55 counter packets 0 bytes 0 comment "x" }
	}
	chain c {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		iif "lo" accept
		tcp dport { 22, 80, 443 } counter packets 0 bytes 0 accept
		ip saddr @s drop
		ip6 daddr . tcp dport @s6 accept
		tcp dport vmap @m
		meta mark set ip saddr map @mm
		icmp type echo-request limit rate 5/second accept
		udp dport 53 counter name "cnt"
		tcp flags & (syn | ack) == syn log prefix "syn " level info
		ip daddr 10.0.0.0/8 reject with icmp host-unreachable
		ip6 nexthdr ipv6-icmp accept
		ether saddr 00:11:22:33:44:55 meta nftrace set 1
		th dport 1000-2000 ct mark set 0x00000001
		update @dyn { ip saddr timeout 10s }
		quota name "q"
		ip dscp cs1 ip ttl < 5 meta priority set 1:2
		jump other comment "last"
	}
	chain other {
		counter packets 0 bytes 0 return
	}
	chain nat {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "eth0" masquerade
	}
}
table ip filter {
	chain forward {
		type filter hook forward priority filter; policy accept;
		ip ttl 1 drop
		fib daddr type local accept
	}
}
table ip6 f6 {
	flags dormant
	chain x {
	}
}
table bridge b {
	chain y {
		type filter hook prerouting priority -300; policy accept;
		vlan id 5 drop
	}
}
table arp a {
	chain z {
		type filter hook input priority filter; policy accept;
		arp operation request accept
	}
}
table netdev n {
	chain ingress {
		type filter hook ingress device "lo" priority filter; policy accept;
	}
}
"""

# The ruleset changes whose events nft monitor is shown, after the
# ruleset's own.
NFT_EVENTS = """
flush chain inet t other
delete element inet t s { 192.168.1.1 }
delete table ip6 f6
delete table bridge b
"""


def nlmsg(msg_type, flags, payload, seq=1):
    return struct.pack("=IHHII", 16 + len(payload), msg_type, flags, seq, 0) + payload


def messages(data):
    """The messages of a datagram, each padded to 4 bytes."""
    off = 0
    while off + 16 <= len(data):
        length, kind = struct.unpack_from("=IH", data, off)
        if length < 16:
            return
        yield kind, data[off:off + ((length + 3) & ~3)]
        off += (length + 3) & ~3


def talk(proto, msg_type, flags, payload):
    """The kernel's answer to one request: its messages, without the
    NLMSG_DONE or ACK that ends it; one message when none is asked for."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
    s.send(nlmsg(msg_type, NLM_F_REQUEST | flags, payload))
    out = b""
    while True:
        data = s.recv(1 << 20)
        for kind, msg in messages(data):
            if kind in (NLMSG_DONE, NLMSG_ERROR):
                s.close()
                return out
            out += msg
            if not flags & (NLM_F_DUMP | NLM_F_ACK):
                s.close()
                return out


def dump(proto, msg_type, family_hdr, attrs=b""):
    return talk(proto, msg_type, NLM_F_DUMP, family_hdr + attrs)


def events(s):
    """Every message waiting on the monitor socket @s."""
    out = b""
    s.setblocking(False)
    while True:
        try:
            data = s.recv(1 << 20)
        except BlockingIOError:
            return out
        out += b"".join(msg for _, msg in messages(data))


def run(program, script):
    for line in script.strip().splitlines():
        subprocess.run([program] + line.split(), check=False, stdout=subprocess.DEVNULL)


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def capture_rtnl(corpus):
    run(IP, SETUP)
    ifinfo = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0)
    ext_mask = struct.pack("=HHI", 8, IFLA_EXT_MASK, RTEXT_FILTER_VF)
    links = dump(NETLINK_ROUTE, RTM_GETLINK, ifinfo, ext_mask)
    rtgen = struct.pack("=Bxxx", socket.AF_UNSPEC)
    rtmsg = struct.pack("=BBBBBBBBI", 0, 0, 0, 0, 0, 0, 0, 0, 0)
    tables = {
        "address": dump(NETLINK_ROUTE, RTM_GETADDR, struct.pack("=BBBBI", 0, 0, 0, 0, 0)),
        "route": dump(NETLINK_ROUTE, RTM_GETROUTE, rtmsg),
        "rule": dump(NETLINK_ROUTE, RTM_GETRULE, rtmsg),
        "nexthop": dump(NETLINK_ROUTE, RTM_GETNEXTHOP, struct.pack("=BBBBI", 0, 0, 0, 0, 0)),
        "neighbour": dump(NETLINK_ROUTE, RTM_GETNEIGH, struct.pack("=BxxxiHBB", 0, 0, 0, 0, 0)),
        "ntable": dump(NETLINK_ROUTE, RTM_GETNEIGHTBL, rtgen),
    }
    # rtnl_link: option bytes (fuzz/options.h, bit 7 the address mode), then the dump.
    for opts in (0x0d, 0x8c, 0x20, 0x40):
        write(f"{corpus}/rtnl_link", f"links-{opts:02x}", bytes([opts, 0]) + links + DONE)
    # rtnl_show: the command numbers of fuzz/rtnl_show.c's table; every
    # dump gets the links too, as the lookups of device names want them.
    commands = [("link", links), ("address", links + tables["address"]),
                ("route", tables["route"]), ("route", tables["route"]),
                ("rule", tables["rule"]), ("nexthop", tables["nexthop"]),
                ("neighbour", tables["neighbour"]), ("ntable", tables["ntable"])]
    for number, (name, reply) in enumerate(commands):
        write(f"{corpus}/rtnl_show", f"{number}-{name}",
              bytes([0x0d, 0, number]) + links + reply + DONE)


def capture_xfrm(corpus):
    # Legacy group bits: acquire, expire, SA, policy, aevents, report, mapping.
    monitor = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_XFRM)
    monitor.bind((0, 0xff))
    run(IP, XFRM_SETUP)
    states = dump(NETLINK_XFRM, XFRM_MSG_GETSA, b"")
    policies = dump(NETLINK_XFRM, XFRM_MSG_GETPOLICY, b"")
    sadinfo = talk(NETLINK_XFRM, XFRM_MSG_GETSADINFO, 0, struct.pack("=I", 0))
    spdinfo = talk(NETLINK_XFRM, XFRM_MSG_GETSPDINFO, 0, struct.pack("=I", 0))
    default = talk(NETLINK_XFRM, XFRM_MSG_GETDEFAULT, 0, bytes(4))
    first_state = next(messages(states))[1]
    first_policy = next(messages(policies))[1]
    events(monitor)
    run(IP, XFRM_EVENTS)
    # A packet the first policy of XFRM_EVENTS holds: the kernel asks for a state.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.sendto(b"x", ("10.1.1.5", 9))
        except OSError:
            pass
    # The second one's limits run out.
    time.sleep(3)
    run(IP, "xfrm policy flush\nxfrm state flush\nxfrm policy setdefault in accept")
    monitored = events(monitor)
    # The command numbers of fuzz/xfrm.c's table.
    commands = [("state-list", states), ("state-list-nokeys", states),
                ("state-list-filter", states), ("state-get", first_state),
                ("state-allocspi", first_state), ("state-count", sadinfo),
                ("state-deleteall", states), ("policy-list", policies),
                ("policy-list-filter", policies), ("policy-get", first_policy),
                ("policy-count", spdinfo), ("policy-getdefault", default),
                ("policy-deleteall", policies), ("monitor", monitored),
                ("monitor-nokeys", monitored)]
    # Options (fuzz/options.h): -d -s -s in text, -s -j.
    for number, (name, reply) in enumerate(commands):
        for opts in (0x1c, 0x09):
            write(f"{corpus}/xfrm", f"{number}-{name}-{opts:02x}",
                  bytes([opts, 0, number]) + reply + DONE)


def inet_req(family, protocol, attrs=b""):
    # inet_diag_req_v2: every extension, every state, any socket id.
    return struct.pack("=BBBBI", family, protocol, 0xff, 0, 0xffffffff) + bytes(48) + attrs


def capture_sock_diag(corpus):
    subprocess.run([IP, "link", "set", "lo", "up"], check=False)
    keep = []
    for family, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        listener = socket.socket(family, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, 2222))
        listener.listen(4)
        client = socket.socket(family, socket.SOCK_STREAM)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, 0x10)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b"reno")
        client.connect((host, 2222))
        server, _ = listener.accept()
        client.send(b"unread" * 100)
        # A pair whose server closes first: its end waits in TIME-WAIT.
        closing = socket.socket(family, socket.SOCK_STREAM)
        closing.connect((host, 2222))
        closed, _ = listener.accept()
        closed.close()
        closing.close()
        udp = socket.socket(family, socket.SOCK_DGRAM)
        udp.bind((host, 5353))
        udp.connect((host, 53))
        raw = socket.socket(family, socket.SOCK_RAW,
                            socket.IPPROTO_ICMP if family == socket.AF_INET else socket.IPPROTO_ICMPV6)
        keep += [listener, client, server, udp, raw]
        try:
            mptcp_listener = socket.socket(family, socket.SOCK_STREAM, IPPROTO_MPTCP)
            mptcp_listener.bind((host, 3333))
            mptcp_listener.listen(4)
            mptcp = socket.socket(family, socket.SOCK_STREAM, IPPROTO_MPTCP)
            mptcp.connect((host, 3333))
            keep += [mptcp_listener, mptcp, mptcp_listener.accept()[0]]
        except OSError:
            pass
    unix_listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix_listener.bind("\0nlkit-fuzz-seed")
    unix_listener.listen(4)
    unix_client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix_client.connect("\0nlkit-fuzz-seed")
    keep += [unix_listener, unix_client, *socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM),
             *socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)]
    packet = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
    packet.bind(("lo", 0))
    # A classic BPF program of one instruction (accept all), for PACKET_DIAG_FILTER.
    accept_all = ctypes.create_string_buffer(struct.pack("=HBBI", 0x06, 0, 0, 0xffff))
    prog = struct.pack("=HxxxxxxQ", 1, ctypes.addressof(accept_all))
    packet.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, prog)
    packet_dgram = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
    # PACKET_FANOUT: group 7, hash.
    packet_dgram.setsockopt(263, 18, 7)
    routes = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_ROUTE)
    routes.bind((0, 1))
    keep += [packet, packet_dgram, routes]

    def inet(protocol, attrs=b""):
        return b"".join(dump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY, inet_req(f, protocol, attrs))
                        for f in (socket.AF_INET, socket.AF_INET6))
    tables = {
        "tcp": inet(socket.IPPROTO_TCP),
        "udp": inet(socket.IPPROTO_UDP),
        "raw": inet(socket.IPPROTO_RAW),
        "mptcp": inet(socket.IPPROTO_TCP, struct.pack("=HHI", 8, INET_DIAG_REQ_PROTOCOL,
                                                       IPPROTO_MPTCP)),
        # unix_diag_req, packet_diag_req, netlink_diag_req: everything shown.
        "unix": dump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY,
                     struct.pack("=BBHIIIII", socket.AF_UNIX, 0, 0, 0xffffffff, 0, 0x7f, 0, 0)),
        "packet": dump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY,
                       struct.pack("=BBHIIII", socket.AF_PACKET, 0, 0, 0, 0x3f, 0, 0)),
        "netlink": dump(NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY,
                        struct.pack("=BBHIIII", socket.AF_NETLINK, 0xff, 0, 0, 0xf, 0, 0)),
    }
    # fuzz/sock_diag.c's bytes: options, more options, tables, states and filter.
    bits = {"tcp": 0x01, "udp": 0x02, "raw": 0x04, "mptcp": 0x08, "unix": 0x10,
            "packet": 0x20, "netlink": 0x40}
    for name, reply in tables.items():
        write(f"{corpus}/sock_diag", f"{name}-text", bytes([0x1e, 0x00, bits[name], 0x01]) + reply + DONE)
        write(f"{corpus}/sock_diag", f"{name}-json", bytes([0x1f, 0x1c, bits[name], 0x01]) + reply + DONE)
    everything = b"".join(tables.values())
    write(f"{corpus}/sock_diag", "all-oneline", bytes([0xde, 0x21, 0x7f, 0x01]) + everything + DONE)
    write(f"{corpus}/sock_diag", "tcp-filter", bytes([0x42, 0x00, 0x01, 0x31]) + tables["tcp"] + DONE)
    write(f"{corpus}/sock_diag", "unix-filter", bytes([0x02, 0x00, 0x10, 0xc1]) + tables["unix"] + DONE)
    write(f"{corpus}/sock_diag", "tcp-kill", bytes([0x00, 0x02, 0x01, 0x01]) + tables["tcp"] + DONE)
    write(f"{corpus}/sock_diag", "tcp-events", bytes([0x02, 0x40, 0x01, 0x00]) + tables["tcp"] + DONE)
    for s in keep:
        s.close()


def nft_dump(msg_type, family=0, attrs=b""):
    nfgenmsg = struct.pack("=BBH", family, 0, 0)
    return talk(NETLINK_NETFILTER, NFNL_SUBSYS_NFTABLES << 8 | msg_type, NLM_F_DUMP,
                nfgenmsg + attrs)


def nla_str(kind, text):
    data = text.encode() + b"\0"
    return struct.pack("=HH", 4 + len(data), kind) + data + bytes(-len(data) % 4)


def nla_find(msg, offset, kind):
    """The payload of attribute @kind among those from @offset of @msg."""
    length = struct.unpack_from("=I", msg)[0]
    while offset + 4 <= length:
        alen, akind = struct.unpack_from("=HH", msg, offset)
        if alen < 4:
            return None
        if akind & 0x3fff == kind:
            return msg[offset + 4:offset + alen]
        offset += (alen + 3) & ~3
    return None


def capture_nft(corpus):
    subprocess.run([IP, "link", "set", "lo", "up"], check=False)
    monitor = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    monitor.bind((0, 0))
    monitor.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, NFNLGRP_NFTABLES)
    subprocess.run([NFT, "-f", "-"], input=NFT_RULESET.encode(), check=False)
    tables = nft_dump(NFT_MSG_GETTABLE)
    chains = nft_dump(NFT_MSG_GETCHAIN)
    sets = nft_dump(NFT_MSG_GETSET)
    elements = b""
    for _, msg in messages(sets):
        family = msg[16]
        table = nla_find(msg, 20, NFTA_SET_TABLE).rstrip(b"\0").decode()
        name = nla_find(msg, 20, NFTA_SET_NAME).rstrip(b"\0").decode()
        # NFTA_SET_ELEM_LIST_TABLE and _SET are 1 and 2 too.
        elements += nft_dump(NFT_MSG_GETSETELEM, family,
                             nla_str(NFTA_SET_TABLE, table) + nla_str(NFTA_SET_NAME, name))
    objs = nft_dump(NFT_MSG_GETOBJ)
    rules = nft_dump(NFT_MSG_GETRULE)
    ruleset = tables + chains + sets + elements + objs + rules
    run(NFT, NFT_EVENTS)
    monitored = events(monitor)
    # fuzz/nft_replies.c's bytes: options (-a; -j -a; -n -s -t), the command.
    commands = ["list-ruleset", "list-tables", "list-chains", "list-sets", "list-maps",
                "list-counters", "list-quotas", "list-limits", "list-table", "list-chain",
                "list-set", "list-map", "list-counter", "list-ruleset-inet", "reset-counters",
                "get-element", "monitor", "monitor-new-rules", "monitor-destroy", "list-quota",
                "list-limit", "reset-quotas", "list-set-counters", "list-map-marks"]
    for number, name in enumerate(commands):
        reply = monitored if name.startswith("monitor") else ruleset
        for opts in (0x02, 0x03, 0x34) if number == 0 else (0x02, 0x03):
            write(f"{corpus}/nft_replies", f"{number}-{name}-{opts:02x}",
                  bytes([opts, number]) + reply + DONE)


CAPTURES = {"rtnl": capture_rtnl, "xfrm": capture_xfrm, "sock_diag": capture_sock_diag,
            "nft_replies": capture_nft}


def main():
    args = sys.argv[1:]
    only = list(CAPTURES)
    if args[:1] == ["--only"] and len(args) > 1:
        only = args[1].split(",")
        args = args[2:]
    corpus = args[0] if args else os.path.join(os.path.dirname(__file__), "corpus")
    # A new network namespace has nothing but lo.
    if [name for _, name in socket.if_nameindex()] != ["lo"]:
        sys.exit("capture_seeds: run me in a new network namespace (unshare -n)")
    for name in only:
        CAPTURES[name](corpus)


main()
