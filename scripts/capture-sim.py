#!/usr/bin/env python3
"""Phone-capture simulation of rendered labels: decode rates of zbar and zxing-cpp per scale.

Usage:
  capture-sim.py qr-templates FOLDER NAME...
      Prints the NAMEs whose template (FOLDER/NAME.json) is a label with a QR code, one a line.
  capture-sim.py run --codes CODES.csv --templates FOLDER --labels NAME=DIR [--labels NAME=DIR ...]
                 [--scales 1.0,0.6,0.5] [--captures 1] [--seed 15] [--jobs N] [--json OUT]
                 [--angle 3,5] [--blur 0.5,0.8] [--noise 2,6] [--jpeg 85,95]
      DIR is one `label render` folder of 300 dpi PNGs with its manifest.csv; CODES.csv the
      batch's codes file (`batch issue --codes`). Prints a Markdown table; --json writes the rates.

A capture of a label at scale s sees it as a phone camera of s x 300 dpi would, from one seeded
random draw per (seed, template, label, capture), the same at every scale:
  - the label on a grey surface, turned by 3-5 degrees either way (bicubic, at 300 dpi);
  - downscaled by s with area averaging (each pixel the mean of what it covers, as a sensor);
  - a Gaussian blur of sigma 0.5-0.8 px at the target scale (focus, lens);
  - additive Gaussian noise of 2-6 grey levels (sensor);
  - JPEG at quality 85-95 (what a phone keeps).
The ranges are options, so a harsher run is one flag away. A capture counts for a decoder when
it reads exactly one QR code whose text is the label's code: the unit's row of the codes file
(found through the manifest's short code) gives its URI; a template whose QR code carries the
product or batch URI (the star stamp) is checked against that URI, cut from the unit's, as it is or
in its compact form (scheme and host in upper case); a code
kind of its own is found as another URI of the unit's row, or as the unit's URI without its
`?s=` signature. A read of any other text is a misread: counted per decoder, and listed with what
was read in the JSON (a signed code's signature would refuse it). Both decoders run in-process:
zxing-cpp (PyPI zxing-cpp) and zbar (PyPI pyzbar over Debian's libzbar0); a missing decoder
stops the run with exit 2, never a skipped count.
"""
import argparse
import csv
import hashlib
import io
import json
import multiprocessing
import os
import signal
import sys

try:
    import numpy
    import zxingcpp
    from PIL import Image, ImageFilter
    from pyzbar import pyzbar
except ImportError as error:
    # Also when libzbar0 is missing: pyzbar raises ImportError for the shared library.
    print("capture-sim: decoder or library missing: %s (run `make test-deps`)" % error, file=sys.stderr)
    sys.exit(2)

DPI = 300
SURFACE = 170  # the grey of the table the label lies on


def template_qr(folder, name):
    """The template's QR element, or None for a template that is not a label with a QR code."""
    with open(os.path.join(folder, name + ".json"), encoding="utf-8") as handle:
        template = json.load(handle)
    if template.get("kind") != "label":
        return None
    return next((e for e in template.get("elements", []) if e.get("type") == "qr"), None)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def without_query(uri):
    return uri.split("?", 1)[0]


def expected_codes(payload, row):
    """The texts a label of this unit may carry, by the template's QR payload field."""
    uri = row["uri"]
    # The product or batch URI is the unit's, cut before its lot or serial; a compact template
    # (`unit_code: compact`) writes it with scheme and host in upper case.
    cut = {"product_uri": "/10/", "batch_uri": "/21/"}.get(payload)
    if cut:
        link = without_query(uri).split(cut, 1)[0]
        return {link, compact(link)}
    uris = [value for value in row.values() if value and value.startswith(("https://", "http://"))]
    return set(uris) | {without_query(value) for value in uris} | {compact(value) for value in uris}


def compact(uri):
    """The compact unit code a small label carries (README, "Codes for small labels"): the URI
    without its signature, scheme and host in upper case, path exactly as issued."""
    scheme, rest = without_query(uri).split("://", 1)
    host, _, path = rest.partition("/")
    return scheme.upper() + "://" + host.upper() + "/" + path


def labels_of(name, folder, payload, units):
    """(template, png path, label key, expected texts) for every label the manifest lists."""
    manifest = os.path.join(folder, "manifest.csv")
    if not os.path.exists(manifest):
        raise SystemExit("capture-sim: %s has no manifest.csv (a `label render` folder)" % folder)
    labels = []
    for entry in read_csv(manifest):
        if not entry["file"].endswith(".png"):
            continue
        row = units.get(entry.get("short_code")) or units.get(entry.get("unit_code"))
        if row is None:
            raise SystemExit("capture-sim: %s: %s is not in the codes file" % (name, entry["file"]))
        path = entry["file"] if os.path.isabs(entry["file"]) else os.path.join(folder, os.path.basename(entry["file"]))
        labels.append((name, path, os.path.basename(path), sorted(expected_codes(payload, row))))
    if not labels:
        raise SystemExit("capture-sim: %s: no PNG labels in %s" % (name, folder))
    return labels


def seed_for(seed, template, label, capture):
    digest = hashlib.sha256(("%d/%s/%s/%d" % (seed, template, label, capture)).encode()).digest()
    return int.from_bytes(digest[:8], "little")


def capture(label, scale, draw, ranges):
    """One simulated phone capture of `label` (an 8-bit grey PIL image at 300 dpi)."""
    rng = numpy.random.default_rng(draw)
    angle = rng.uniform(*ranges["angle"]) * rng.choice([-1, 1])
    blur = rng.uniform(*ranges["blur"])
    noise = rng.uniform(*ranges["noise"])
    quality = int(round(rng.uniform(*ranges["jpeg"])))
    margin = max(label.size) // 10
    scene = Image.new("L", (label.width + 2 * margin, label.height + 2 * margin), SURFACE)
    scene.paste(label, (margin, margin))
    scene = scene.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=SURFACE)
    if scale != 1.0:
        size = (max(1, round(scene.width * scale)), max(1, round(scene.height * scale)))
        scene = scene.resize(size, Image.BOX)
    scene = scene.filter(ImageFilter.GaussianBlur(blur))
    pixels = numpy.asarray(scene, dtype=numpy.float32) + rng.normal(0.0, noise, (scene.height, scene.width))
    scene = Image.fromarray(numpy.clip(numpy.rint(pixels), 0, 255).astype(numpy.uint8), "L")
    buffer = io.BytesIO()
    scene.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return numpy.asarray(Image.open(buffer).convert("L"))


def read_zxing(pixels):
    found = zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in found if r.valid]


def read_zbar(pixels):
    found = pyzbar.decode(pixels, symbols=[pyzbar.ZBarSymbol.QRCODE])
    return [r.data.decode("utf-8", "replace") for r in found]


def judge(texts, expected):
    """'ok' for exactly one QR code with an expected text, 'misread' for other text, else 'none'."""
    if len(texts) == 1 and texts[0] in expected:
        return "ok"
    return "misread" if any(text not in expected for text in texts) else "none"


def simulate(task):
    """Every capture of one label at every scale: [(scale, zxing outcome, zbar outcome)]."""
    template, path, key, expected, scales, captures, seed, ranges = task
    label = Image.open(path)
    label.load()
    label = label.convert("L")
    outcomes, misreads = [], []
    for index in range(captures):
        draw = seed_for(seed, template, key, index)
        for scale in scales:
            pixels = capture(label, scale, draw, ranges)
            reads = {"zxing": read_zxing(pixels), "zbar": read_zbar(pixels)}
            judged = {decoder: judge(texts, expected) for decoder, texts in reads.items()}
            outcomes.append((scale, judged["zxing"], judged["zbar"]))
            misreads += [dict(template=template, label=key, capture=index, scale=scale, decoder=decoder,
                              read=reads[decoder], expected=expected)
                         for decoder in reads if judged[decoder] == "misread"]
    return template, outcomes, misreads


def module_px(qr, scale):
    """Pixels a QR module spans in a capture: whole pixels at 300 dpi, then scaled."""
    if not qr or "module_mm" not in qr:
        return None
    return round(round(qr["module_mm"] * DPI / 25.4) * scale, 2)


def percent(count, total):
    return 100.0 * count / total if total else 0.0


def table(results):
    lines = ["| template | scale | dpi | px/module | captures | zxing-cpp | zbar | both | misreads zxing-cpp/zbar |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in results:
        lines.append("| %s | %.2f | %d | %s | %d | %.1f %% | %.1f %% | **%.1f %%** | %d/%d |" % (
            row["template"], row["scale"], row["dpi"], "-" if row["module_px"] is None else "%g" % row["module_px"],
            row["captures"], row["zxing_rate"], row["zbar_rate"], row["both_rate"], row["zxing_misreads"],
            row["zbar_misreads"]))
    return "\n".join(lines)


def pair(text):
    low, high = (float(v) for v in text.split(","))
    if low > high or low < 0:
        raise argparse.ArgumentTypeError("want MIN,MAX with 0 <= MIN <= MAX: %s" % text)
    return (low, high)


def run(arguments):
    parser = argparse.ArgumentParser(prog="capture-sim.py run")
    parser.add_argument("--codes", required=True)
    parser.add_argument("--templates", required=True, help="the template folder (to read each QR's payload and module)")
    parser.add_argument("--labels", action="append", required=True, metavar="NAME=DIR")
    parser.add_argument("--scales", default="1.0,0.6,0.5")
    parser.add_argument("--captures", type=int, default=1, help="captures of each label (each its own draw)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json")
    parser.add_argument("--angle", type=pair, default=(3.0, 5.0), help="degrees, either way")
    parser.add_argument("--blur", type=pair, default=(0.5, 0.8), help="Gaussian sigma, px at the target scale")
    parser.add_argument("--noise", type=pair, default=(2.0, 6.0), help="Gaussian sigma, grey levels")
    parser.add_argument("--jpeg", type=pair, default=(85.0, 95.0), help="JPEG quality")
    options = parser.parse_args(arguments)
    scales = [float(s) for s in options.scales.split(",")]
    ranges = {"angle": options.angle, "blur": options.blur, "noise": options.noise, "jpeg": options.jpeg}

    units = {}
    for row in read_csv(options.codes):
        units[row["short_code"]] = row
        units[row["uri"]] = row
    tasks, qrs, names = [], {}, []
    for item in options.labels:
        name, _, folder = item.partition("=")
        qrs[name] = template_qr(options.templates, name)
        if qrs[name] is None:
            raise SystemExit("capture-sim: %s is not a label template with a QR code" % name)
        names.append(name)
        for label in labels_of(name, folder, qrs[name].get("payload", "unit_uri"), units):
            tasks.append(label + (scales, options.captures, options.seed, ranges))

    misreads = []
    counts = {(name, scale): {"captures": 0, "zxing": 0, "zbar": 0, "both": 0, "zxing_misreads": 0, "zbar_misreads": 0}
              for name in names for scale in scales}
    # A parent (a test runner) may pass its children SIGTERM blocked: the pool's workers would then
    # outlive Pool.terminate() and the run would hang on exit. Unblock it; end the pool with
    # close() and join() when all went well, so workers leave on their own.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    with multiprocessing.Pool(max(1, options.jobs)) as pool:
        for done, (template, outcomes, misread) in enumerate(pool.imap_unordered(simulate, tasks, chunksize=4), 1):
            if done % max(1, len(tasks) // 10) == 0:
                print("capture-sim: %d of %d labels" % (done, len(tasks)), file=sys.stderr, flush=True)
            for scale, zxing, zbar in outcomes:
                count = counts[(template, scale)]
                count["captures"] += 1
                count["zxing"] += zxing == "ok"
                count["zbar"] += zbar == "ok"
                count["both"] += zxing == "ok" and zbar == "ok"
                count["zxing_misreads"] += zxing == "misread"
                count["zbar_misreads"] += zbar == "misread"
            misreads += misread
        pool.close()
        pool.join()

    results = []
    for name in names:
        for scale in scales:
            count = counts[(name, scale)]
            results.append(dict(template=name, scale=scale, dpi=round(DPI * scale), module_px=module_px(qrs[name], scale),
                                **count, zxing_rate=percent(count["zxing"], count["captures"]),
                                zbar_rate=percent(count["zbar"], count["captures"]),
                                both_rate=percent(count["both"], count["captures"])))
    report = {"seed": options.seed, "captures_per_label": options.captures, "scales": scales,
              "ranges": {k: list(v) for k, v in ranges.items()}, "results": results, "misreads": misreads}
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
            handle.write("\n")
    print(table(results))


def main(arguments):
    if arguments[:1] == ["qr-templates"] and len(arguments) >= 2:
        for name in arguments[2:]:
            if template_qr(arguments[1], name) is not None:
                print(name)
        return
    if arguments[:1] == ["run"]:
        run(arguments[1:])
        return
    print(__doc__, file=sys.stderr)
    sys.exit(64)


if __name__ == "__main__":
    main(sys.argv[1:])
