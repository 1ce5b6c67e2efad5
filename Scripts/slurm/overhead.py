#!/usr/bin/env python3
"""Prints the per-task overhead of the first array of Scripts/test-slurm against one process.

Usage: overhead.py WORK JOB SINGLE_SECONDS

A task's wall time runs from the start its batch script wrote to the modification time of its
completion marker; its overhead is that wall time minus the seconds its records give to images
(start-up, model loading and digest, planning, records). The single process's overhead is found
the same way from its own records.
"""

import glob
import json
import os
import sys


def records(path):
    with open(path) as file:
        return [json.loads(line) for line in file if line.strip()]


def main():
    work, job, single = sys.argv[1], sys.argv[2], float(sys.argv[3])
    reference = [r for path in glob.glob(f"{work}/reference-records/*.jsonl") for r in records(path)]
    single_work = sum(r["seconds"] for r in reference)
    print(f"test-slurm: one process: {len(reference)} images, {single:.2f} s wall, {single_work:.2f} s on images, "
          f"overhead {single - single_work:.2f} s")
    overheads = []
    for task in range(4):
        with open(f"{work}/logs/time-{job}-{task}") as file:
            start = float(file.read().split()[1])
        stem = f"{work}/out/.groupsparse/shard-{task:04d}-of-0004."
        markers = sorted(glob.glob(stem + "*.complete"), key=os.path.getmtime)
        mine = [r for r in records(markers[0].replace(".complete", ".jsonl"))]
        wall = os.path.getmtime(markers[0]) - start
        image_seconds = sum(r["seconds"] for r in mine)
        overheads.append(wall - image_seconds)
        print(f"test-slurm: task {task}: {len(mine)} images, {wall:.2f} s wall, {image_seconds:.2f} s on images, "
              f"overhead {wall - image_seconds:.2f} s")
    print(f"test-slurm: mean per-task overhead {sum(overheads) / 4:.2f} s against {single - single_work:.2f} s for one process")


if __name__ == "__main__":
    main()
