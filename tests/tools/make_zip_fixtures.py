#!/usr/bin/env python3
"""Writes the EPUBs octavo check's cases need whose zip epub_edit (and
Python's zipfile) cannot write: entry names that are not UTF-8, and two
entries of one name. Each is a minimal valid EPUB 3 but for that one
fault, written byte by byte (stored entries, fixed dates) so that the
same script always writes the same files.

usage: make_zip_fixtures.py [OUT_DIR]   (default: tests/fixtures/check)
"""
import os
import struct
import sys
import zlib

CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""

PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:0b5e4c2a-6f1d-4c39-9a57-3f0f0c0d7e21</dc:identifier>
    <dc:title>A minimal book</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2024-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="content" href="{content}" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="content"/>
  </spine>
</package>
"""

NAV = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en">
  <head><title>Contents</title></head>
  <body>
    <nav epub:type="toc"><ol><li><a href="{content}">The text</a></li></ol></nav>
  </body>
</html>
"""

CONTENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
  <head><title>The text</title></head>
  <body><p>Hello.</p></body>
</html>
"""

DOS_DATE = (2024 - 1980) << 9 | 1 << 5 | 1  # 2024-01-01, 00:00
UTF8_FLAG = 1 << 11  # (general purpose bit 11: the name is UTF-8)


def write_zip(path, entries):
    """Writes `entries`, (name bytes, data bytes, flags) each, stored."""
    body = bytearray()
    central = bytearray()
    for name, data, flags in entries:
        crc = zlib.crc32(data) & 0xFFFFFFFF
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 0, 0, DOS_DATE,
                            crc, len(data), len(data), len(name), 0)
        body += name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 0, 0,
                               DOS_DATE, crc, len(data), len(data), len(name), 0, 0,
                               0, 0, 0, offset)
        central += name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                      len(central), len(body), 0)
    with open(path, "wb") as f:
        f.write(bytes(body) + bytes(central) + end)


def book(content_name, content_href, flags=UTF8_FLAG):
    """The minimal book's entries, its text stored as `content_name`
    (bytes, in the zip) and listed as `content_href`."""
    return [
        (b"mimetype", b"application/epub+zip", 0),
        (b"META-INF/container.xml", CONTAINER, UTF8_FLAG),
        (b"EPUB/package.opf", PACKAGE.format(content=content_href).encode(), UTF8_FLAG),
        (b"EPUB/nav.xhtml", NAV.format(content=content_href).encode(), UTF8_FLAG),
        (content_name, CONTENT, flags),
    ]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "check")
    os.makedirs(out, exist_ok=True)
    # A file name in Latin-1 ("é" as one byte 0xE9), not UTF-8, and no
    # UTF-8 flag: PKG-027.
    write_zip(os.path.join(out, "ocf-filename-not-utf8-error.epub"),
              book(b"EPUB/caf\xe9.xhtml", "caf%C3%A9.xhtml", 0))
    # The same in a folder's name.
    write_zip(os.path.join(out, "ocf-filepath-not-utf8-error.epub"),
              book(b"EPUB/caf\xe9/content.xhtml", "caf%C3%A9/content.xhtml", 0))
    # The text twice, under one name: OPF-060.
    entries = book(b"EPUB/content.xhtml", "content.xhtml")
    entries.append(entries[-1])
    write_zip(os.path.join(out, "ocf-filename-duplicate-zip-entry-error.epub"), entries)


if __name__ == "__main__":
    main()
