#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the seed corpora of the netlink fuzz targets from real kernel dumps.

    unshare -n fuzz/capture_seeds.py [CORPUS-DIR]     (default fuzz/corpus)

In the new network namespace it makes links, addresses, routes, rules,
neighbours and nexthops with the reference ip,
dumps each table as ip does, and writes the replies as seeds of
rtnl_link and rtnl_show, prefixed with the bytes that choose their
options (fuzz/options.h).  Refuses to run where there is any link but lo.
"""
import os
import socket
import struct
import subprocess
import sys

IP = "/usr/sbin/ip"
NETLINK_ROUTE = 0
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_DONE = 3
RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE, RTM_GETNEIGH = 18, 22, 26, 30
RTM_GETRULE, RTM_GETNEXTHOP, RTM_GETNEIGHTBL = 34, 106, 66
IFLA_EXT_MASK, RTEXT_FILTER_VF = 29, 1

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


def dump(proto, msg_type, family_hdr, attrs=b""):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
    body = family_hdr + attrs
    s.send(struct.pack("=IHHII", 16 + len(body), msg_type, NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
           + body)
    out = b""
    while True:
        data = s.recv(1 << 20)
        off = 0
        while off + 16 <= len(data):
            length, kind = struct.unpack_from("=IH", data, off)
            if kind == NLMSG_DONE:
                s.close()
                return out + data[off:off + length]
            out += data[off:off + ((length + 3) & ~3)]
            off += (length + 3) & ~3


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    # A new network namespace has nothing but lo.
    if [name for _, name in socket.if_nameindex()] != ["lo"]:
        sys.exit("capture_seeds: run me in a new network namespace (unshare -n)")
    for line in SETUP.strip().splitlines():
        subprocess.run([IP] + line.split(), check=False)

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
        write(f"{corpus}/rtnl_link", f"links-{opts:02x}", bytes([opts, 0]) + links)
    # rtnl_show: the command numbers of fuzz/rtnl_show.c's table.
    commands = [("link", links), ("address", links + tables["address"]),
                ("route", tables["route"]), ("route", tables["route"]),
                ("rule", tables["rule"]), ("nexthop", tables["nexthop"]),
                ("neighbour", tables["neighbour"]), ("ntable", tables["ntable"])]
    for number, (name, reply) in enumerate(commands):
        write(f"{corpus}/rtnl_show", f"{number}-{name}", bytes([0x0d, 0, number]) + links + reply)


main()
