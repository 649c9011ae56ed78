# SPDX-License-Identifier: GPL-2.0-or-later
"""Send a hand-made nf_tables batch, for tests of what another program can
leave in the kernel that nft itself never writes.

    nfbatch.py FILE

FILE is Python that builds `batch` (bytes) from attr() and msg(); it is
sent on NETLINK_NETFILTER and the first answer must be an ACK (error 0).
"""
import socket
import struct
import sys


def attr(kind, data):
    """A netlink attribute of type kind holding data, padded."""
    return struct.pack("=HH", 4 + len(data), kind) + data + bytes(-len(data) % 4)


def msg(kind, flags, seq, family, res_id, payload):
    """A netlink message with its nfgenmsg header."""
    body = struct.pack("=BBH", family, 0, socket.htons(res_id)) + payload
    return struct.pack("=IHHII", 16 + len(body), kind, flags, seq, 0) + body


def be32(value):
    return struct.pack(">I", value)


def main():
    scope = {"attr": attr, "msg": msg, "be32": be32}
    with open(sys.argv[1]) as f:
        exec(f.read(), scope)
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 12)
    s.send(scope["batch"])
    reply = s.recv(65536)
    kind = struct.unpack_from("=H", reply, 4)[0]
    error = struct.unpack_from("=i", reply, 16)[0]
    if kind != 2 or error != 0:
        sys.exit("nfbatch.py: the kernel answered type %d, error %d" % (kind, error))


main()
