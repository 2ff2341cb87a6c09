"""Writes N distinct unit URIs of the issue's shape (deterministic):
https://id.example.vn/01/09521234500001/10/LOT2024A/21/<13-char serial>?s=<86-char signature>
usage: gen_uris.py N out.txt"""
import random
import string
import sys

rng = random.Random(2026)
crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
base64url = string.ascii_letters + string.digits + "-_"
seen = set()
with open(sys.argv[2], "w", encoding="ascii") as out:
    while len(seen) < int(sys.argv[1]):
        serial = "".join(rng.choice(crockford) for _ in range(13))
        if serial in seen:
            continue
        seen.add(serial)
        signature = "".join(rng.choice(base64url) for _ in range(86))
        out.write(f"https://id.example.vn/01/09521234500001/10/LOT2024A/21/{serial}?s={signature}\n")
