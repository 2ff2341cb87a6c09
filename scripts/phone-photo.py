#!/usr/bin/env python3
"""Makes phone-like photos of a label image, for the resolver's /verify decode test.

Usage: phone-photo.py < jobs
Each line of stdin: LABEL.png OUT SEED WIDTH HEIGHT QUALITY
  OUT ends in .jpg (JPEG at QUALITY) or .heic (HEIC at QUALITY, through heif-enc).
The label is placed on a lit, textured surface at 28-50 % of the photo's width, seen in
perspective, turned up to 15 degrees, blurred and given sensor noise. The same seed gives the
same photo. Prints one line per photo: OUT, a tab, its size in bytes.
"""
import math
import os
import random
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops, ImageDraw, ImageFilter


def solve(matrix, vector):
    """Gaussian elimination for the 8x8 system of a perspective transform (no numpy here)."""
    n = len(vector)
    rows = [list(matrix[i]) + [vector[i]] for i in range(n)]
    for column in range(n):
        pivot = max(range(column, n), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        for r in range(n):
            if r != column:
                factor = rows[r][column] / rows[column][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column])]
    return [rows[i][n] / rows[i][i] for i in range(n)]


def perspective_coefficients(destination, source):
    """Pillow's PERSPECTIVE data: maps each output (destination) corner back to its source corner."""
    matrix, vector = [], []
    for (x, y), (u, v) in zip(destination, source):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        vector += [u, v]
    return solve(matrix, vector)


def surface(rng, width, height):
    """A table or shelf: one colour, a lighting gradient and coarse texture."""
    base = [rng.randint(90, 200) for _ in range(3)]
    small = Image.new("RGB", (16, 12))
    for x in range(16):
        for y in range(12):
            light = 0.75 + 0.3 * (x / 15) * (1 - 0.4 * y / 11) + rng.uniform(-0.05, 0.05)
            small.putpixel((x, y), tuple(max(0, min(255, int(c * light))) for c in base))
    return small.resize((width, height), Image.BICUBIC)


def photo(label_path, seed, width, height):
    rng = random.Random(seed)
    label = Image.open(label_path).convert("RGB")
    scene = surface(rng, width, height)

    # Where the label lands: 28-50 % of the photo's width, roughly centred, turned and in perspective.
    label_width = width * rng.uniform(0.28, 0.50)
    label_height = label_width * label.height / label.width
    cx = width * rng.uniform(0.4, 0.6)
    cy = height * rng.uniform(0.4, 0.6)
    angle = math.radians(rng.uniform(-15, 15))
    corners = []
    for sx, sy in [(-1, -1), (1, -1), (1, 1), (-1, 1)]:
        # Perspective: each corner moved by up to 8 % of the label's size.
        x = sx * label_width / 2 + rng.uniform(-0.08, 0.08) * label_width
        y = sy * label_height / 2 + rng.uniform(-0.08, 0.08) * label_height
        corners.append((cx + x * math.cos(angle) - y * math.sin(angle),
                        cy + x * math.sin(angle) + y * math.cos(angle)))
    source = [(0, 0), (label.width, 0), (label.width, label.height), (0, label.height)]
    coefficients = perspective_coefficients(corners, source)
    warped = label.transform((width, height), Image.PERSPECTIVE, coefficients, Image.BICUBIC)
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).polygon(corners, fill=255)
    # Faded thermal print: black is never black.
    black = rng.randint(0, 70)
    warped = warped.point(lambda value: black + value * (255 - black) // 255)
    scene.paste(warped, (0, 0), mask)

    # Uneven light over the whole photo (a hand's shadow, a lamp to one side).
    shade = Image.new("L", (8, 6))
    for x in range(8):
        for y in range(6):
            shade.putpixel((x, y), int(255 * rng.uniform(0.65, 1.0)))
    shade = shade.resize((width, height), Image.BICUBIC).convert("RGB")
    scene = ImageChops.multiply(scene, shade)
    # Glare from a lamp on glossy film, over part of the label.
    glare = Image.new("L", (width, height), 0)
    gx, gy, radius = corners[rng.randint(0, 3)][0], cy, label_width * rng.uniform(0.15, 0.3)
    ImageDraw.Draw(glare).ellipse((gx - radius, gy - radius, gx + radius, gy + radius), fill=rng.randint(60, 140))
    glare = glare.filter(ImageFilter.GaussianBlur(radius / 2)).convert("RGB")
    scene = ImageChops.add(scene, glare)

    # Focus and sensor: blur in proportion to the photo's size, then grain.
    scale = width / 2000
    scene = scene.filter(ImageFilter.GaussianBlur(rng.uniform(0.9, 2.0) * scale))
    sigma = rng.uniform(4, 9)
    noise = Image.merge("RGB", [Image.effect_noise((width, height), sigma) for _ in range(3)])
    return ImageChops.add(scene, noise, 1.0, -128)


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        label_path, out, seed, width, height, quality = line.split()
        image = photo(label_path, int(seed), int(width), int(height))
        if out.endswith(".heic"):
            with tempfile.TemporaryDirectory() as folder:
                source = os.path.join(folder, "photo.png")
                image.save(source)
                subprocess.run(["heif-enc", "-q", quality, "-o", out, source], check=True,
                               stdout=subprocess.DEVNULL)
        else:
            image.save(out, "JPEG", quality=int(quality))
        print("%s\t%d" % (out, os.path.getsize(out)), flush=True)


if __name__ == "__main__":
    main()
