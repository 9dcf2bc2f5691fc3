#!/usr/bin/python3
"""Rebuilds ivr-app/src/main/resources/fonts/wqy-microhei-gb2312.ttf, the CJK font the visit
record form's PDF embeds (web.RecordPdf). The subset file is committed: neither the build nor CI
runs this script; run it only to change the character set or the font.

Needs Debian's fonts-wqy-microhei and python3-fonttools:
    apt-get install -y fonts-wqy-microhei python3-fonttools
    /usr/bin/python3 ivr-app/tools/subset-record-font.py   (Debian's python, which has fontTools)

Characters kept:
  - ASCII and Latin-1 (printable), general punctuation U+2010-U+2027, U+2030-U+203A;
  - every character of GB2312 (its symbol rows 1-9 and the 6,763 hanzi of levels 1 and 2);
  - CJK symbols and punctuation U+3000-U+303F, fullwidth and halfwidth forms U+FF01-U+FFEF.
A character outside these (a rare name character) is printed as [U+XXXX] by RecordPdf.
"""
import os
import sys

from fontTools import subset

SOURCE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.path.join(HERE, "..", "src", "main", "resources", "fonts", "wqy-microhei-gb2312.ttf")


def gb2312():
    """Every character GB2312 encodes (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([row, cell]).decode("gb2312")))
            except UnicodeDecodeError:
                pass  # an unassigned cell
    return chars


def codepoints():
    keep = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    keep |= set(range(0x2010, 0x2028)) | set(range(0x2030, 0x203B))
    keep |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFFF0))
    keep |= gb2312()
    return sorted(keep)


def main():
    if not os.path.exists(SOURCE):
        sys.exit(SOURCE + " is missing: apt-get install -y fonts-wqy-microhei")
    unicodes = ",".join("U+%04X" % c for c in codepoints())
    subset.main(
        [
            SOURCE,
            "--font-number=0",  # WenQuanYi Micro Hei (1 is the Mono face)
            "--unicodes=" + unicodes,
            "--layout-features=*",
            "--name-IDs=*",  # keep the copyright and licence names
            "--name-languages=*",
            "--notdef-outline",
            "--no-hinting",
            "--output-file=" + os.path.normpath(TARGET),
        ]
    )
    print(os.path.normpath(TARGET), os.path.getsize(TARGET), "bytes")


if __name__ == "__main__":
    main()
