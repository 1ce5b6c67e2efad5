"""What the benchmark scripts say about the machine, and how they share Docs/Benchmarks-speed.md.

Used by `run-speed` (which writes the page), and `run-peers` and `run-training-steps` (which own one
marked section of it each).
Standard library only.
"""

import os
import platform
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEED_PAGE = os.path.join(ROOT, "Docs", "Benchmarks-speed.md")

# The section of the speed page that `run-peers` writes; `run-speed` keeps it when it rewrites the
# rest of the page.
PEERS_BEGIN = "<!-- peers:begin -->"
PEERS_END = "<!-- peers:end -->"
# The section that `run-training-steps` writes; `run-speed` keeps it too.
TRAINING_STEPS_BEGIN = "<!-- training-steps:begin -->"
TRAINING_STEPS_END = "<!-- training-steps:end -->"
# The section that `run-blas` writes; `run-speed` keeps it too.
BLAS_BEGIN = "<!-- blas:begin -->"
BLAS_END = "<!-- blas:end -->"

# The vector extensions worth naming for BLAS kernels, in this order when the CPU has them.
VECTOR_FLAGS = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl",
                "avx512_vnni", "avx512_bf16", "amx_tile"]


def read_text(path, default=""):
    try:
        with open(path) as handle:
            return handle.read()
    except OSError:
        return default


def cpu_flags():
    """The vector extensions of VECTOR_FLAGS that /proc/cpuinfo lists."""
    line = next((line for line in read_text("/proc/cpuinfo").splitlines() if line.startswith("flags")), "")
    present = set(line.split(":", 1)[-1].split())
    return [flag for flag in VECTOR_FLAGS if flag in present]


def machine_description():
    cpuinfo = read_text("/proc/cpuinfo")
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    memory_kb = next((int(line.split()[1]) for line in read_text("/proc/meminfo").splitlines()
                      if line.startswith("MemTotal:")), 0)
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    except OSError:
        swift = []
    os_name = next((line.split("=", 1)[1].strip('"') for line in read_text("/etc/os-release").splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system())
    return {
        "cpu": models[0] if models else platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "memory": f"{memory_kb / 1024 / 1024:.0f} GiB" if memory_kb else "unknown",
        "os": f"{os_name}, kernel {platform.release()}, {platform.machine()}",
        "swift": swift[0] if swift else "unknown",
        "flags": cpu_flags(),
    }


def load_average():
    return " / ".join(read_text("/proc/loadavg", "? ? ?").split()[:3])


def git_commit(paths=("Sources", "Package.swift")):
    """The short commit of the working tree, marked when the library's sources differ from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *paths], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" with uncommitted changes" if dirty else "")


def marked_section(page, begin=PEERS_BEGIN, end=PEERS_END):
    """The text from `begin` to `end` (both included), or "" when the page has no such section."""
    start = page.find(begin)
    stop = page.find(end, start + len(begin)) if start >= 0 else -1
    return page[start:stop + len(end)] if stop >= 0 else ""


def replace_section(page, body, begin=PEERS_BEGIN, end=PEERS_END):
    """`page` with its marked section replaced by `body` between the markers, or with the section
    appended when the page has none. The rest of the page is left as it was."""
    section = f"{begin}\n{body.strip()}\n{end}"
    old = marked_section(page, begin, end)
    if old:
        return page.replace(old, section, 1)
    return page.rstrip("\n") + ("\n\n" if page.strip() else "") + section + "\n"


def write_atomically(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w") as handle:
        handle.write(text)
    os.replace(temporary, path)
