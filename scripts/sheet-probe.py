#!/usr/bin/env python3
"""Reads one rendered sheet page back (a PNG from pdftoppm), sharing no code with ocop-trace:
where its cyan cut outlines are, and every QR code's text (zxing-cpp) with its symbol's edges.

Usage: sheet-probe.py PAGE.png DPI
Prints JSON: {"columns_mm": [...], "rows_mm": [...], "codes": [{"text", "left_mm", "top_mm",
"right_mm", "bottom_mm"}]}. Outline positions are the centres of the vertical and horizontal
cyan lines (weighted by how cyan each pixel is); a symbol's edges are those of its dark modules.
"""
import json
import sys

import zxingcpp
from PIL import Image, ImageChops


def line_centres(profile, dpi):
    """Centres (mm) of the runs of a projection profile that stand out from its background."""
    peak = max(profile) if profile else 0
    if peak == 0:
        return []
    threshold = 0.3 * peak
    centres, run = [], []
    for index, value in enumerate(profile + [0]):
        if value > threshold:
            run.append((index, value))
        elif run:
            total = sum(v for _, v in run)
            centre = sum((i + 0.5) * v for i, v in run) / total
            centres.append(centre / dpi * 25.4)
            run = []
    return centres


def outlines(image, dpi):
    red, green, _ = image.split()
    # Cyan (0, 174, 239) has far more green than red; black, white and grays have none.
    weight = ImageChops.subtract(green, red).point(lambda v: v if v > 30 else 0)
    width, height = weight.size
    columns = list(weight.resize((width, 1), Image.BOX).getdata())
    rows = list(weight.resize((1, height), Image.BOX).getdata())
    return line_centres(columns, dpi), line_centres(rows, dpi)


def codes(image, dpi):
    gray = image.convert("L")
    dark = gray.point(lambda v: 255 if v < 128 else 0)
    found = []
    for result in zxingcpp.read_barcodes(gray):
        if not result.valid or result.format != zxingcpp.BarcodeFormat.QRCode:
            continue
        p = result.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        # The quiet zone is 4 modules of white: a margin of ~1.5 modules around zxing's corners
        # holds the whole symbol and nothing else.
        margin = int((max(xs) - min(xs)) * 0.03) + 2
        box = (min(xs) - margin, min(ys) - margin, max(xs) + margin + 1, max(ys) + margin + 1)
        bounds = dark.crop(box).getbbox()
        if bounds is None:
            continue
        left, top, right, bottom = bounds
        mm = lambda pixels: pixels / dpi * 25.4
        found.append({"text": result.text,
                      "left_mm": mm(box[0] + left), "top_mm": mm(box[1] + top),
                      "right_mm": mm(box[0] + right), "bottom_mm": mm(box[1] + bottom)})
    return found


def main():
    path, dpi = sys.argv[1], float(sys.argv[2])
    image = Image.open(path).convert("RGB")
    columns, rows = outlines(image, dpi)
    print(json.dumps({"columns_mm": columns, "rows_mm": rows, "codes": codes(image, dpi)}))


if __name__ == "__main__":
    main()
