#!/usr/bin/env python3
"""Prints a ZPL job onto PNG images, one per label, the way a Zebra printer would lay it out.

Usage: zpl_to_png.py JOB.zpl OUTDIR  -> OUTDIR/label-001.png ...; prints one line per label:
"<png path>\t<width>x<height>". Graphics are decoded by zplgrf (PyPI), which reads `~DG`
downloads: each `^GF` field is handed to it rewritten in `~DG` form. Nothing here shares code
with the writer in ocop-trace.
"""
import re
import sys

from PIL import Image, ImageChops
from zplgrf import GRF


def grf_image(name, total, row_bytes, data):
    """A 1-bit image ('1' mode, 0 = black dot) of a graphic in ~DG form."""
    grf = GRF.from_zpl_line('~DGR:%s.GRF,%d,%d,%s' % (name, total, row_bytes, data))
    return grf.to_image()


def main(job_path, out_dir):
    text = open(job_path, encoding='ascii').read().replace('\r', '').replace('\n', '')
    stored = {}
    labels = []
    # Split into commands: each starts with ^ or ~.
    commands = re.findall(r'[\^~][^\^~]*', text)
    width = length = None
    origin = (0, 0)
    canvas = None
    for command in commands:
        code, args = command[:3], command[3:]
        if code == '~DG':
            name, total, row_bytes, data = args.split(',', 3)
            stored[name] = grf_image(name.split(':')[-1].split('.')[0], int(total), int(row_bytes), data)
        elif code == '^XA':
            width = length = None
            canvas = None
        elif code == '^PW':
            width = int(args)
        elif code == '^LL':
            length = int(args)
        elif code == '^FO':
            x, y = args.split(',')[:2]
            origin = (int(x), int(y))
        elif code == '^XG':
            name = args.split(',')[0]
            canvas = ensure(canvas, width, length)
            paste(canvas, stored[name], origin)
        elif code == '^GF':
            kind, total, _, row_bytes, data = args.split(',', 4)
            if kind != 'A':
                raise SystemExit('unexpected ^GF compression %s' % kind)
            canvas = ensure(canvas, width, length)
            paste(canvas, grf_image('UNIT', int(total), int(row_bytes), data), origin)
        elif code == '^XZ':
            if canvas is not None:
                labels.append(canvas)
            canvas = None
    for index, label in enumerate(labels, start=1):
        path = '%s/label-%03d.png' % (out_dir, index)
        label.convert('L').save(path)
        print('%s\t%dx%d' % (path, label.size[0], label.size[1]))


def ensure(canvas, width, length):
    if canvas is None:
        if width is None or length is None:
            raise SystemExit('a graphic before ^PW and ^LL')
        canvas = Image.new('1', (width, length), 1)
    return canvas


def paste(canvas, graphic, origin):
    """Dots are added, never erased: ZPL prints a graphic's black dots over the label."""
    region = (origin[0], origin[1], origin[0] + graphic.size[0], origin[1] + graphic.size[1])
    below = canvas.crop(region)
    canvas.paste(ImageChops.logical_and(below, graphic), region)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
