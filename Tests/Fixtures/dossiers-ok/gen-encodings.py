#!/usr/bin/env python3
"""Regenerates the encoded copies of full-utf8.xml (and their .expect files).

    python3 gen-encodings.py

Each copy has the same content as full-utf8.xml, re-encoded with Python's codecs,
with the XML declaration naming its encoding, and the same .expect file.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(HERE, "full-utf8.xml"), encoding="utf-8").read()
expect = open(os.path.join(HERE, "full-utf8.expect"), encoding="utf-8").read()
DECL = '<?xml version="1.0" encoding="UTF-8"?>'
assert src.startswith(DECL)

def decl(enc):
    return '<?xml version="1.0" encoding="%s"?>' % enc

copies = {
    # name: (declared encoding, bytes)
    "full-gbk": lambda: src.replace(DECL, decl("GBK"), 1).encode("gbk"),
    "full-gb18030": lambda: src.replace(DECL, decl("GB18030"), 1).encode("gb18030"),
    "full-utf16le-bom": lambda: b"\xff\xfe" + src.replace(DECL, decl("UTF-16"), 1).encode("utf-16-le"),
    "full-utf16be-bom": lambda: b"\xfe\xff" + src.replace(DECL, decl("UTF-16"), 1).encode("utf-16-be"),
    "full-utf8-bom": lambda: b"\xef\xbb\xbf" + src.encode("utf-8"),
}

for name, make in copies.items():
    data = make()
    with open(os.path.join(HERE, name + ".xml"), "wb") as f:
        f.write(data)
    head = "# same case as full-utf8.xml, encoded as %s: same verdicts\n" % name[len("full-"):]
    with open(os.path.join(HERE, name + ".expect"), "w", encoding="utf-8") as f:
        f.write(head + expect)
    print(name, len(data), "bytes")
