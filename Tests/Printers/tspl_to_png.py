#!/usr/bin/env python3
"""Prints a TSPL job onto PNG images, one per PRINT, the way a TSC printer would lay it out.

Usage: tspl_to_png.py JOB.tspl DPI OUTDIR -> OUTDIR/label-001.png ...; prints one line per label:
"<png path>\t<width>x<height>". A small parser of its own (TSPL commands, DOWNLOAD'ed BMP files
read by Pillow, BITMAP data with 0 bits as dots); nothing here shares code with the writer.
"""
import io
import re
import sys

from PIL import Image, ImageChops


def main(job_path, dpi, out_dir):
    job = open(job_path, 'rb').read()
    position = 0
    files = {}
    size = None
    canvas = None
    count = 0

    def line():
        nonlocal position
        end = job.index(b'\r\n', position)
        text = job[position:end].decode('ascii')
        position = end + 2
        return text

    while position < len(job):
        # Commands with binary data are read by their byte counts, the rest line by line.
        match = re.match(rb'DOWNLOAD "([^"]+)",(\d+),', job[position:])
        if match:
            start = position + match.end()
            length = int(match.group(2))
            files[match.group(1).decode()] = Image.open(io.BytesIO(job[start:start + length])).convert('1')
            position = start + length
            expect_line_end(job, position)
            position += 2
            continue
        match = re.match(rb'BITMAP (\d+),(\d+),(\d+),(\d+),(\d+),', job[position:])
        if match:
            x, y, row_bytes, rows, mode = (int(value) for value in match.groups())
            start = position + match.end()
            data = job[start:start + row_bytes * rows]
            # TSPL: a 0 bit prints a dot. Pillow's '1' raw mode reads 1 bits as white: the same.
            bitmap = Image.frombytes('1', (row_bytes * 8, rows), data)
            if mode != 0:
                raise SystemExit('unexpected BITMAP mode %d' % mode)
            canvas.paste(bitmap, (x, y))
            position = start + row_bytes * rows
            expect_line_end(job, position)
            position += 2
            continue
        command = line()
        if command.startswith('SIZE '):
            w, h = (float(part.strip().split()[0]) for part in command[5:].split(','))
            size = (round(w * dpi / 25.4), round(h * dpi / 25.4))
        elif command == 'CLS':
            canvas = Image.new('1', size, 1)
        elif command.startswith('PUTBMP '):
            x, y, name = command[7:].split(',', 2)
            picture = files[name.strip('"')]
            region = (int(x), int(y), int(x) + picture.size[0], int(y) + picture.size[1])
            canvas.paste(ImageChops.logical_and(canvas.crop(region), picture), region)
        elif command.startswith('PRINT '):
            count += 1
            path = '%s/label-%03d.png' % (out_dir, count)
            canvas.convert('L').save(path)
            print('%s\t%dx%d' % (path, canvas.size[0], canvas.size[1]))
        elif command.split(' ')[0] in ('GAP', 'DIRECTION', 'REFERENCE', 'DENSITY', 'KILL'):
            pass
        else:
            raise SystemExit('unknown TSPL command: %r' % command)


def expect_line_end(job, position):
    if job[position:position + 2] != b'\r\n':
        raise SystemExit('binary data does not end where its byte count says (at %d)' % position)


if __name__ == '__main__':
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])
