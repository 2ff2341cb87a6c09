#!/usr/bin/env python3
"""Decodes QR codes with zxing-cpp, independently of ocop-trace's own code.

Usage: zxing-decode.py IMAGE...
Prints one line per image: the path, a tab, then the hex of the decoded bytes, or
"ERROR <reason>" when the image holds no readable QR code or more than one.
"""
import sys

import zxingcpp
from PIL import Image


def decode(path):
    image = Image.open(path)
    image.load()
    results = [r for r in zxingcpp.read_barcodes(image) if r.valid and r.format == zxingcpp.BarcodeFormat.QRCode]
    if len(results) != 1:
        return "ERROR found %d QR codes" % len(results)
    return results[0].bytes.hex()


def main():
    for path in sys.argv[1:]:
        try:
            outcome = decode(path)
        except Exception as error:  # one bad file must not hide the others' results
            outcome = "ERROR " + str(error).replace("\n", " ")
        print("%s\t%s" % (path, outcome), flush=True)


if __name__ == "__main__":
    main()
