#!/usr/bin/env python3
"""Decodes barcodes with zxing-cpp, independently of ocop-trace's own code.

Usage: zxing-decode.py IMAGE...        (QR codes)
       zxing-decode.py --all IMAGE...  (every barcode: EAN-13, UPC-A, GS1-128, GS1 DataMatrix, QR, ...)
Prints one line per image: the path, a tab, then the outcome, or "ERROR <reason>".
QR mode: the hex of the decoded bytes of the image's one QR code (an error for none or several).
--all: a JSON list with one object per symbol found: {"format", "symbology_identifier",
"content_type", "text", "bytes"} ("bytes" in hex; "text" is zxing-cpp's human-readable form, GS1
element strings as "(01)…(10)…").

--all reads images at their own resolution (try_downscale=False): zxing-cpp's extra pass over a
half-size copy reads an EAN-13 of 4-pixel modules whose bars fall on odd pixels as a different,
checksum-valid EAN-13 (9528400000020 as 0570460000020); zint's own PNG of the same GTIN does the
same when shifted by one pixel, so it is the downscaling, not the drawing.
"""
import json
import sys

import zxingcpp
from PIL import Image


def open_image(path):
    image = Image.open(path)
    image.load()
    return image


def decode_qr(path):
    results = [r for r in zxingcpp.read_barcodes(open_image(path)) if r.valid and r.format == zxingcpp.BarcodeFormat.QRCode]
    if len(results) != 1:
        return "ERROR found %d QR codes" % len(results)
    return results[0].bytes.hex()


def decode_all(path):
    symbols = []
    for result in zxingcpp.read_barcodes(open_image(path), try_downscale=False):
        if not result.valid:
            continue
        symbols.append({
            "format": str(result.format).split(".")[-1],
            "symbology_identifier": result.symbology_identifier,
            "content_type": str(result.content_type).split(".")[-1],
            "text": result.text,
            "bytes": result.bytes.hex(),
        })
    return json.dumps(symbols)


def main(arguments):
    decode = decode_qr
    if arguments[:1] == ["--all"]:
        decode, arguments = decode_all, arguments[1:]
    for path in arguments:
        try:
            outcome = decode(path)
        except Exception as error:  # one bad file must not hide the others' results
            outcome = "ERROR " + str(error).replace("\n", " ")
        print("%s\t%s" % (path, outcome), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
