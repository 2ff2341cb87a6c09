"""segno peer for the QR PNG benchmark: one Python process, one PNG per line.
Same settings as the others: EC M, 8 px per module, 4-module quiet zone, 300 dpi.
usage: segno_batch.py payloads.txt out-dir"""
import sys

import segno

with open(sys.argv[1], encoding="utf-8") as lines:
    count = 0
    for line in lines:
        payload = line.rstrip("\r\n")
        if not payload:
            continue
        count += 1
        segno.make(payload, error="m", micro=False, boost_error=False).save(
            f"{sys.argv[2]}/{count:04d}.png", scale=8, border=4, dpi=300)
print(count)
