#!/usr/bin/env python3
"""One timed method of Benchmarks/run-peers, run as its own process so that the environment it
inherits (OPENBLAS_CORETYPE, thread counts) applies from the moment a BLAS library loads.

Usage: worker.py bm3d|dncnn --inputs A.npy,B.npy --outputs A.out.npy,B.out.npy --sigma 25 --repeats R
       worker.py gemm --rows 4096,148049 --patch-length 81 --atoms 256 --min-seconds 0.5

Prints one JSON object on stdout: per image the wall and CPU seconds of every repetition (the function
call only), or per GEMM shape the seconds of one product, and the OpenBLAS core the process used.
"""

import argparse
import ctypes
import ctypes.util
import json
import os
import statistics
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np

# The library the groupsparse tool links (Debian's libopenblas), as opposed to the copy in NumPy's wheel.
SYSTEM_OPENBLAS = ["/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "/lib/x86_64-linux-gnu/libopenblas.so.0"]
CBLAS_ROW_MAJOR, CBLAS_NO_TRANS, CBLAS_TRANS = 101, 111, 112


def call_string(library, names):
    """The string returned by the first of `names` that `library` exports, or None."""
    for name in names:
        function = getattr(library, name, None)
        if function is not None:
            function.restype = ctypes.c_char_p
            return function().decode().strip()
    return None


def numpy_openblas():
    """The core and configuration of the OpenBLAS that NumPy loaded, read through its own entry points."""
    np.ones((2, 2), dtype=np.float32) @ np.ones((2, 2), dtype=np.float32)
    with open("/proc/self/maps") as handle:
        paths = sorted({line.split()[-1] for line in handle if "openblas" in line.lower() and "/" in line})
    for path in paths:
        library = ctypes.CDLL(path)
        core = call_string(library, ["openblas_get_corename", "scipy_openblas_get_corename64_",
                                     "openblas_get_corename64_", "scipy_openblas_get_corename"])
        if core:
            config = call_string(library, ["openblas_get_config", "scipy_openblas_get_config64_",
                                           "openblas_get_config64_", "scipy_openblas_get_config"])
            return {"core": core, "config": config or "", "library": os.path.basename(path)}
    return {"core": "unknown", "config": "", "library": "no OpenBLAS found in the process"}


def system_openblas():
    candidates = SYSTEM_OPENBLAS + [ctypes.util.find_library("openblas") or ""]
    path = next((candidate for candidate in candidates if candidate and os.path.exists(candidate)), None)
    if path is None:
        sys.exit("worker: Debian's libopenblas.so.0 was not found")
    library = ctypes.CDLL(path)
    return library, os.path.realpath(path)


def time_images(method, denoise, inputs, outputs, repeats):
    images = []
    for source, target in zip(inputs, outputs):
        noisy = np.load(source)
        walls, cpus = [], []
        for _ in range(repeats):
            cpu, wall = time.process_time(), time.perf_counter()
            denoised = denoise(noisy)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        np.save(target, np.asarray(denoised, dtype=np.float32))
        images.append({"input": source, "wall": walls, "cpu": cpus})
    return {"method": method, "images": images, "openblas": numpy_openblas()}


def run_bm3d(options):
    import bm3d

    version = getattr(bm3d, "__version__", None)
    if version is None:
        from importlib.metadata import version as package_version
        version = package_version("bm3d")
    result = time_images("bm3d", lambda noisy: bm3d.bm3d(noisy, sigma_psd=options.sigma / 255),
                         options.inputs.split(","), options.outputs.split(","), options.repeats)
    result["version"] = version
    return result


def run_dncnn(options):
    from dncnn import DnCNN, default_weights

    network = DnCNN(options.weights or default_weights(options.sigma))
    result = time_images("dncnn", network.denoise, options.inputs.split(","), options.outputs.split(","),
                         options.repeats)
    height, width = np.load(options.inputs.split(",")[0]).shape
    result["flops"] = network.matrix_flops(height, width)
    return result


def run_gemm(options):
    """Seconds per product, on the tool's BLAS, of the two products of an unfolding:
    Z = Y C + Z (rows x m times m x p) and R = R - A D^T (rows x p times (m x p)^T)."""
    if options.library:
        path = os.path.realpath(options.library)
        library = ctypes.CDLL(path)
    else:
        library, path = system_openblas()
    if hasattr(library, "bli_thread_set_num_threads"):
        # BLIS: threads and the kernel configuration it chose for this CPU, through its own entry points.
        library.bli_thread_set_num_threads(ctypes.c_long(options.threads))
        library.bli_arch_query_id.restype = ctypes.c_int
        library.bli_arch_string.restype = ctypes.c_char_p
        core = library.bli_arch_string(library.bli_arch_query_id()).decode()
        config = "BLIS"
    else:
        library.openblas_set_num_threads(ctypes.c_int(options.threads))
        core = call_string(library, ["openblas_get_corename"]) or "unknown"
        config = call_string(library, ["openblas_get_config"]) or ""
    sgemm = library.cblas_sgemm
    pointer = ctypes.POINTER(ctypes.c_float)
    sgemm.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                      ctypes.c_float, pointer, ctypes.c_int, pointer, ctypes.c_int,
                      ctypes.c_float, pointer, ctypes.c_int]
    sgemm.restype = None
    m, p = options.patch_length, options.atoms
    generator = np.random.default_rng(0)

    def buffer(*shape):
        return np.ascontiguousarray(generator.standard_normal(shape), dtype=np.float32)

    def address(array):
        return array.ctypes.data_as(pointer)

    shapes = []
    for rows in (int(value) for value in options.rows.split(",")):
        y, a, z, r = buffer(rows, m), buffer(rows, p), buffer(rows, p), buffer(rows, m)
        c, d = buffer(m, p), buffer(m, p)
        products = {
            "analysis": (f"({rows} x {m}) x ({m} x {p})", lambda: sgemm(
                CBLAS_ROW_MAJOR, CBLAS_NO_TRANS, CBLAS_NO_TRANS, rows, p, m,
                1.0, address(y), m, address(c), p, 1.0, address(z), p)),
            "synthesis": (f"({rows} x {p}) x ({p} x {m})", lambda: sgemm(
                CBLAS_ROW_MAJOR, CBLAS_NO_TRANS, CBLAS_TRANS, rows, m, p,
                -1.0, address(a), p, address(d), p, 1.0, address(r), m)),
        }
        for name, (shape, product) in products.items():
            product()  # warm-up: thread start, first touch of the output
            seconds, total = [], 0.0
            while len(seconds) < 3 or total < options.min_seconds:
                start = time.perf_counter()
                product()
                seconds.append(time.perf_counter() - start)
                total += seconds[-1]
            flops = 2 * rows * m * p
            median = statistics.median(seconds)
            shapes.append({"rows": rows, "product": name, "shape": shape, "seconds": median,
                           "calls": len(seconds), "gflops": flops / median / 1e9})
    return {"method": "gemm", "shapes": shapes, "threads": options.threads,
            "openblas": {"core": core, "config": config, "library": path}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("method", choices=["bm3d", "dncnn", "gemm"])
    parser.add_argument("--inputs", default="")
    parser.add_argument("--outputs", default="")
    parser.add_argument("--sigma", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--weights", help="DnCNN weights (default: DnCNN-S for --sigma)")
    parser.add_argument("--rows", default="4096")
    parser.add_argument("--patch-length", type=int, default=81)
    parser.add_argument("--atoms", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--min-seconds", type=float, default=0.5)
    parser.add_argument("--library", help="gemm: a CBLAS library to time instead of Debian's libopenblas")
    options = parser.parse_args()
    result = {"bm3d": run_bm3d, "dncnn": run_dncnn, "gemm": run_gemm}[options.method](options)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
