#!/usr/bin/env python3
"""Writes noisy grey test images as 8-bit PNGs and the manifest that lists them.

Usage: make-images.py FOLDER COUNT

Images go to FOLDER/a/ and FOLDER/b/ (so outputs must mirror subfolders), named so that the
shard of sorted position i (i mod 4) is 1 for every fifth-size image: those are 160 x 160, the rest
48 x 48, which gives shard 1 of a four-task array enough work to be stopped part-way. PNGs are
written with zlib alone, since the machine has no imaging library for Python.
"""

import struct
import sys
import zlib

import numpy as np


def write_png(path, pixels):
    height, width = pixels.shape
    raw = b"".join(b"\x00" + pixels[row].tobytes() for row in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    generator = np.random.default_rng(0)
    names = [f"{'ab'[i % 2]}/{i:03d}.png" for i in range(count)]
    # Sorted order puts every a/ before every b/; the big images are those at sorted positions 1 mod 4.
    ordered = sorted(names)
    for position, name in enumerate(ordered):
        size = 160 if position % 4 == 1 else 48
        rows, columns = np.mgrid[0:size, 0:size]
        clean = 128 + 70 * np.sin(columns / (3 + position % 5)) * np.cos(rows / (4 + position % 3))
        noisy = np.clip(clean + generator.normal(0, 25, clean.shape), 0, 255).round().astype(np.uint8)
        write_png(f"{folder}/{name}", noisy)
    with open(f"{folder}/list.txt", "w") as manifest:
        manifest.write("\n".join(names) + "\n")


if __name__ == "__main__":
    main()
