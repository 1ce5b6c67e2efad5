"""Images for the side-by-side benchmarks: 8-bit grey PNG reading, the noise and the PSNR of
/work/shared/docs/PROTOCOL.md (float protocol: noise added to [0, 1] samples, not clipped).

NumPy only, so that the peers need no imaging library.
"""

import struct
import zlib

import numpy as np


def read_grey_png(path):
    """An 8-bit grey, non-interlaced PNG as float32 samples in [0, 1] (value / 255), shape (H, W)."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    position, compressed, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed.append(body)
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None:
        raise ValueError(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour != 0 or interlace != 0:
        raise ValueError(f"{path}: only 8-bit grey non-interlaced PNG is read here")
    raw = np.frombuffer(zlib.decompress(b"".join(compressed)), dtype=np.uint8).reshape(height, width + 1)
    image = np.zeros((height, width), dtype=np.uint8)
    previous = np.zeros(width, dtype=np.int32)
    for row in range(height):
        kind, line = raw[row, 0], raw[row, 1:].astype(np.int32)
        if kind == 0:
            current = line
        elif kind == 1:  # Sub: a running sum along the row
            current = np.cumsum(line) % 256
        elif kind == 2:  # Up
            current = (line + previous) % 256
        elif kind in (3, 4):  # Average, Paeth: each byte depends on the one before it
            current = np.zeros(width, dtype=np.int32)
            left, upper_left = 0, 0
            for column in range(width):
                up = int(previous[column])
                if kind == 3:
                    predictor = (left + up) // 2
                else:
                    estimate = left + up - upper_left
                    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - upper_left))
                    predictor = (left, up, upper_left)[distances.index(min(distances))]
                left = (int(line[column]) + predictor) % 256
                current[column] = left
                upper_left = up
        else:
            raise ValueError(f"{path}: unknown PNG filter {kind}")
        image[row] = current
        previous = current
    return image.astype(np.float32) / 255


def add_noise(clean, sigma, seed):
    """`clean + sigma / 255 * N(0, 1)` per pixel from `numpy.random.default_rng(seed)`, float32, unclipped."""
    noise = np.random.default_rng(seed).standard_normal(clean.shape)
    return (clean.astype(np.float64) + sigma / 255 * noise).astype(np.float32)


def psnr(denoised, clean):
    """PSNR in dB on the [0, 1] scale after clipping the estimate to [0, 1], in double precision."""
    error = np.clip(denoised.astype(np.float64), 0, 1) - clean.astype(np.float64)
    return 10 * np.log10(1 / np.mean(error * error))
