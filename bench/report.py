"""Turns bench/run.sh's raw timings into the Markdown table and results.json.
usage: report.py raw.tsv extra.tsv results.json repeat"""
import json
import statistics
import sys

raw_path, extra_path, json_path, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

runs = {}
for line in open(raw_path, encoding="utf-8"):
    name, units, wall, rss, user, system = line.rstrip("\n").split("\t")
    runs.setdefault(name, []).append(
        {"units": int(units), "wall": float(wall), "rss_kb": int(rss), "cpu": float(user) + float(system)})

extra = {"size": {}, "verify": [], "verify_cli": None}
for line in open(extra_path, encoding="utf-8"):
    key, _, rest = line.rstrip("\n").partition("\t")
    if key == "size":
        name, value = rest.split("\t")
        extra["size"][name] = int(value)
    elif key == "verify":
        extra["verify"].append(json.loads(rest))
    elif key == "verify_cli":
        extra["verify_cli"] = json.loads(rest)
    else:
        extra[key] = rest


def stats(name):
    values = runs.get(name)
    if not values:
        return None
    walls = [v["wall"] for v in values]
    return {
        "runs": len(values), "units": values[0]["units"],
        "median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
        "max_rss_mb": max(v["rss_kb"] for v in values) / 1024,
        "cpu_s": statistics.median(v["cpu"] for v in values),
    }


summary = {name: stats(name) for name in runs}


def per_unit(name):
    s = summary.get(name)
    return s and s["median_s"] / s["units"] * 1000  # ms per unit


def time_cell(name, unit_ms=True):
    s = summary.get(name)
    if not s:
        return "-"
    spread = f"{s['min_s']:.2f}-{s['max_s']:.2f}"
    text = f"{s['median_s']:.2f} s ({spread})"
    if unit_ms and s["units"] > 1:
        text += f", {per_unit(name):.3f} ms/unit"
    return text


rows = []
results = {"runs": summary, "extra": extra, "targets": []}


def ratio_row(figure, ours, peer, peer_label, target):
    s_ours, s_peer = summary.get(ours), summary.get(peer)
    if not s_ours or not s_peer:
        return
    ratio = s_peer["median_s"] / s_ours["median_s"]
    worst = s_peer["min_s"] / s_ours["max_s"]
    met = None if target is None else ratio >= target
    rows.append([figure, time_cell(ours), f"{peer_label}: {time_cell(peer)}",
                 f"{ratio:.2f}× (worst pairing {worst:.2f}×)",
                 "-" if target is None else f"≥ {target}×", "-" if met is None else ("met" if met else "missed")])
    results["targets"].append({"figure": figure, "ours": ours, "peer": peer, "ratio": ratio, "target": target, "met": met})


def absolute_row(figure, value_text, target_text, met, key):
    rows.append([figure, value_text, "-", "-", target_text, "-" if met is None else ("met" if met else "missed")])
    results["targets"].append({"figure": figure, "key": key, "value": value_text, "target": target_text, "met": met})


ratio_row("QR PNG 1-bit, 1 core", "qr.ocop.1core", "qr.c.1core", "C libqrencode+libpng", 1.0)
ratio_row("QR PNG 1-bit, 2 cores", "qr.ocop.2core", "qr.c.1core", "C libqrencode+libpng", 1.8)
ratio_row("QR PNG 1-bit, 2 cores", "qr.ocop.2core", "qr.qrencode", "qrencode CLI per image", 8)
ratio_row("QR PNG 1-bit, 2 cores", "qr.ocop.2core", "qr.zint", "zint --batch", 3)
ratio_row("QR PNG 1-bit, 2 cores", "qr.ocop.2core", "qr.segno", "segno (1 Python process)", 20)
ratio_row("QR PNG 8-bit gray, 1 core", "qr.ocop8.1core", "qr.c8.1core", "C 8-bit gray", 1.0)
ratio_row("QR PNG 8-bit gray, 2 cores", "qr.ocop8.2core", "qr.c8.1core", "C 8-bit gray", 1.8)
ratio_row("Label 50×30 PNG 300 dpi, 1 core", "label.ocop.1core", "label.c.1core", "C cairo+pango+libpng", 1.0)
ratio_row("Label 50×30 PNG 300 dpi, 2 cores", "label.ocop.2core", "label.c.1core", "C cairo+pango+libpng", 1.8)
if summary.get("label.pdf.2core"):
    absolute_row("A4 sheet PDF (sheet-a4-40), 2,000 units", time_cell("label.pdf.2core"), "-", None, "label.pdf.2core")

s = summary.get("issue.100000")
if s:
    absolute_row("Issue 100,000 signed units (+ codes CSV)", time_cell("issue.100000", False) + f", {s['max_rss_mb']:.0f} MB",
                 "< 3 s", s["median_s"] < 3, "issue.100000")
if extra["verify"]:
    p50 = statistics.median(v["p50_ms"] for v in extra["verify"])
    p99 = statistics.median(v["p99_ms"] for v in extra["verify"])
    p99s = [v["p99_ms"] for v in extra["verify"]]
    opened = statistics.median(v["open_ms"] for v in extra["verify"])
    absolute_row("Verify in-process, 10,000 codes, 1M-unit store",
                 f"p50 {p50:.2f} ms, p99 {p99:.2f} ms ({min(p99s):.2f}-{max(p99s):.2f}); store open {opened:.1f} ms",
                 "p99 < 5 ms", p99 < 5, "verify.inproc")
if extra["verify_cli"]:
    v = extra["verify_cli"]
    absolute_row(f"Verify, one CLI process per code ({v['count']} codes)", f"p50 {v['p50_ms']:.1f} ms, p99 {v['p99_ms']:.1f} ms",
                 "-", None, "verify.cli")
s = summary.get("logverify")
if s:
    absolute_row(f"log verify, {s['units']:,} entries", time_cell("logverify", False) + f", {s['max_rss_mb']:.0f} MB",
                 "< 5 s", s["median_s"] < 5, "logverify")
s = summary.get("reindex")
if s:
    absolute_row("reindex of that store (1 run)", time_cell("reindex", False) + f", {s['max_rss_mb']:.0f} MB", "-", None, "reindex")
s = summary.get("restamp")
if s:
    absolute_row("restamp, both provinces", time_cell("restamp", False) + f", {s['max_rss_mb']:.0f} MB", "< 5 s",
                 s["median_s"] < 5, "restamp")
s = summary.get("stamp.all")
if s:
    absolute_row("stamp render --all, both provinces (1 run)", time_cell("stamp.all", False), "-", None, "stamp.all")

for small, big, label in [("qr.ocop.2core", "mem.qr.20000", "QR"), ("label.ocop.2core", "mem.label.10000", "label")]:
    a, b = summary.get(small), summary.get(big)
    if a and b:
        growth = b["max_rss_mb"] / a["max_rss_mb"]
        absolute_row(f"Max RSS, {label}: {a['units']:,} → {b['units']:,} units",
                     f"{a['max_rss_mb']:.0f} MB → {b['max_rss_mb']:.0f} MB", "flat (< 1.5× for 5-10× units)",
                     growth < 1.5, f"mem.{label}")

print(f"\n### Benchmark (repeat {repeat}, median with min-max; ratio = peer time / ocop-trace time)\n")
print("| figure | ocop-trace | peer | ratio | target | |")
print("|---|---|---|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
sizes = extra["size"]
if sizes:
    print("\nMean PNG size: " + ", ".join(f"{name} {value:,} B" for name, value in sorted(sizes.items())))
rss = ", ".join(f"{name} {s['max_rss_mb']:.0f} MB" for name, s in sorted(summary.items()) if name.startswith(("qr.", "label.")))
print(f"\nMax RSS: {rss}")
if "restamp_summary" in extra:
    print(f"\nrestamp said: {extra['restamp_summary']}")
print(f"\nMachine: {extra.get('machine', '?')}. `make bench` took {extra.get('elapsed', '?')} s.")
json.dump(results, open(json_path, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
