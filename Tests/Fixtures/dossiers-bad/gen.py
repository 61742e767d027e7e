#!/usr/bin/env python3
"""Regenerates the generated cases of this folder:

    python3 gen.py              # rewrites the committed generated files
    python3 gen.py --long DIR   # writes the test-time-only file into DIR

nested-100000.xml  a dossier whose root holds 100,000 nested <a> elements, all on line 3
                   (about 700 KB, committed; libxml2 refuses nesting deeper than 256)
invalid-utf8.xml   a UTF-8 dossier with a lone 0xFF byte and a truncated 3-byte sequence
                   inside an attribute value on line 4
many-errors-50000.xml
                   50,000 owners, each with the area '1,0' (lines 4 to 50003): 50,000 schema
                   errors in a 1.6 MB file. It must be rejected quickly (the test runs it
                   under `timeout 20`), and the report must say that more errors were found
                   than it lists.

Test time only (--long DIR; 11 MB, not committed):

value-over-10mb.xml
                   the community's name attribute on line 3 holds 11 MiB of 'x': over libxml2's
                   10 MB limit for one value. Expected: `3: too long` (exit 2, no dossier).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEPTH = 100_000

def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    print(name, len(data), "bytes")

head = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<dossier kind="community" id="FX-BAD" as-of="2025-06-30">\n')


def committed():
    write("nested-100000.xml",
          head + b"<a>" * DEPTH + b"</a>" * DEPTH + b"\n</dossier>\n")

    write("invalid-utf8.xml",
          head
          + '  <community name="坏小区">\n'.encode("utf-8")
          + b'    <owner id="o1" name="\xe7\x8e\x8b\xff\xe6\x9f" area="100.00"/>\n'
          + b'  </community>\n</dossier>\n')

    N = 50_000
    write("many-errors-50000.xml",
          head
          + b'  <community name="x">\n'
          + b"".join(b'<owner id="o%d" area="1,0"/>\n' % i for i in range(N))
          + b"  </community>\n</dossier>\n")


def long_files(directory):
    data = (head
            + b'  <community name="' + b"x" * (11 * 1024 * 1024) + b'">\n'
            + b'    <owner id="o1" area="100.00"/>\n  </community>\n</dossier>\n')
    with open(os.path.join(directory, "value-over-10mb.xml"), "wb") as f:
        f.write(data)
    print("value-over-10mb.xml", len(data), "bytes")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--long":
        long_files(sys.argv[2])
    elif len(sys.argv) == 1:
        committed()
    else:
        sys.exit(__doc__)
