#!/usr/bin/env python3
"""A NumPy forward pass of DnCNN, for side-by-side benchmarks (not part of the product).

The weights are the authors' released DnCNN networks converted to `.npz` (see
/work/shared/peers/dncnn/README.md): `wNN` of shape (out, in, 3, 3), `bNN` of shape (out,), and
`relu`, one flag per layer. Each layer is a 3x3 cross-correlation with zero padding 1 and stride 1,
done here as im2col followed by one float32 matrix product (NumPy's BLAS); the network predicts the
noise, so the estimate is `noisy - net(noisy)`.

Usage: dncnn.py --check [--weights PATH] [--data SET12] [--sigma 25] [--seed 0]
scores the network on every PNG of the folder with the float protocol of PROTOCOL.md and compares
the mean PSNR with the published figure for DnCNN-S at that sigma.

The BLAS thread count is taken from OPENBLAS_NUM_THREADS / OMP_NUM_THREADS, which must be set
before NumPy is imported; when this file runs as a script it sets both to 2 unless they are set.
"""

import os
import sys

if __name__ == "__main__":
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(variable, "2")
    sys.dont_write_bytecode = True

import numpy as np

WEIGHTS_FOLDER = "/work/shared/peers/dncnn"
# Mean PSNR on Set12, float protocol, as measured with the authors' weights (PROTOCOL.md).
REFERENCE_PSNR = {15: 32.88, 25: 30.43, 50: 27.17}
# The check guards against porting errors (a wrong layout or padding costs tenths of a dB or more),
# not against the choice of noise draws: this script draws with NumPy's generator, and the per-image
# scores of two draws differ by a few hundredths of a dB.
TOLERANCE_DB = 0.05


def default_weights(sigma):
    return os.path.join(WEIGHTS_FOLDER, f"dncnn-s-sigma{sigma}.npz")


class DnCNN:
    def __init__(self, path):
        archive = np.load(path)
        flags = archive["relu"]
        self.layers = []
        for index in range(len(flags)):
            weight = archive[f"w{index:02d}"].astype(np.float32)
            bias = archive[f"b{index:02d}"].astype(np.float32)
            out_channels, in_channels, kernel_h, kernel_w = weight.shape
            if (kernel_h, kernel_w) != (3, 3):
                raise ValueError(f"{path}: layer {index} is not 3x3")
            # Columns ordered (in channel, kernel row, kernel column), as im2col stacks them.
            matrix = np.ascontiguousarray(weight.reshape(out_channels, in_channels * 9))
            self.layers.append((matrix, bias.reshape(-1, 1), bool(flags[index])))

    def matrix_flops(self, height, width):
        """Floating-point operations of the layers' matrix products on an image of this size."""
        return sum(2 * matrix.shape[0] * matrix.shape[1] * height * width for matrix, _, _ in self.layers)

    def residual(self, noisy):
        """net(noisy): the predicted noise of a (H, W) float32 image."""
        height, width = noisy.shape
        features = noisy.reshape(1, height, width).astype(np.float32)
        columns = None
        for matrix, bias, relu in self.layers:
            channels = features.shape[0]
            padded = np.zeros((channels, height + 2, width + 2), dtype=np.float32)
            padded[:, 1:-1, 1:-1] = features
            if columns is None or columns.shape[0] != channels * 9:
                columns = np.empty((channels, 9, height, width), dtype=np.float32)
            else:
                columns = columns.reshape(channels, 9, height, width)
            for dy in range(3):
                for dx in range(3):
                    columns[:, dy * 3 + dx] = padded[:, dy:dy + height, dx:dx + width]
            columns = columns.reshape(channels * 9, height * width)
            output = matrix @ columns
            output += bias
            if relu:
                np.maximum(output, 0, out=output)
            features = output.reshape(-1, height, width)
        return features[0]

    def denoise(self, noisy):
        return noisy - self.residual(noisy)


def check(weights, data, sigma, seed):
    """Mean PSNR of the network over the PNGs of `data` (float protocol); prints one line per image."""
    from images import add_noise, psnr, read_grey_png

    network = DnCNN(weights)
    names = sorted(name for name in os.listdir(data) if name.lower().endswith(".png"))
    scores = []
    for index, name in enumerate(names):
        clean = read_grey_png(os.path.join(data, name))
        noisy = add_noise(clean, sigma, seed + index)
        scores.append(psnr(network.denoise(noisy), clean))
        print(f"{name}: {scores[-1]:.3f} dB", flush=True)
    return float(np.mean(scores)), len(scores)


def main():
    import argparse

    parser = argparse.ArgumentParser(description="NumPy DnCNN: check the port against the published PSNR.")
    parser.add_argument("--check", action="store_true", help="score the network on a folder of PNGs")
    parser.add_argument("--data", default="/work/shared/data/Set12")
    parser.add_argument("--sigma", type=int, default=25, choices=sorted(REFERENCE_PSNR))
    parser.add_argument("--seed", type=int, default=0, help="image i (name order, from 0) gets noise seed SEED + i")
    parser.add_argument("--weights", help="an .npz of the layout above (default: DnCNN-S for --sigma)")
    options = parser.parse_args()
    if not options.check:
        parser.error("nothing to do: pass --check")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    weights = options.weights or default_weights(options.sigma)
    mean, count = check(weights, options.data, options.sigma, options.seed)
    reference = REFERENCE_PSNR[options.sigma]
    verdict = "within" if abs(mean - reference) <= TOLERANCE_DB else "NOT within"
    print(f"mean PSNR {mean:.3f} dB over {count} images at sigma {options.sigma} (seed {options.seed}); "
          f"reference {reference:.2f} dB; {verdict} {TOLERANCE_DB} dB")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main())
