#!/usr/bin/env python3
"""Checks the records a set of task attempts wrote, for Scripts/test-slurm.

Usage: check-records.py RECORDS_FOLDER BEFORE_LIST EXPECT_DONE_LIST [EXPECT_SKIPPED_LIST]

BEFORE_LIST names the records files that existed before the submission; only newer files count.
Each EXPECT list is a file of relative paths, or - to accept any. The new records must mark exactly EXPECT_DONE as done
(each once) and, when given, exactly EXPECT_SKIPPED as skipped, with no failure. Prints the number
of records and the seconds they add up to.
"""

import json
import os
import sys


def lines(path):
    with open(path) as file:
        return sorted(line.strip() for line in file if line.strip())


def main():
    folder, before = sys.argv[1], {os.path.basename(path) for path in lines(sys.argv[2])}
    expect_done = None if sys.argv[3] == "-" else lines(sys.argv[3])
    expect_skipped = lines(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] != "-" else None
    records = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl") and name not in before:
            with open(os.path.join(folder, name)) as file:
                records += [json.loads(line) for line in file if line.strip()]
    by_status = {status: sorted(r["relativePath"] for r in records if r["status"] == status) for status in ("done", "skipped", "failed")}
    problems = []
    if expect_done is not None and by_status["done"] != expect_done:
        problems.append(f"done {by_status['done']} != expected {expect_done}")
    if expect_skipped is not None and by_status["skipped"] != expect_skipped:
        problems.append(f"skipped {len(by_status['skipped'])} != expected {len(expect_skipped)}")
    if len(set(by_status["done"])) != len(by_status["done"]):
        problems.append("an input was done twice")
    if by_status["failed"]:
        problems.append(f"failed: {by_status['failed']}")
    if problems:
        sys.exit("check-records: " + "; ".join(problems))
    seconds = sum(r["seconds"] for r in records)
    print(f"{len(records)} records: {len(by_status['done'])} done, {len(by_status['skipped'])} skipped, {seconds:.2f} s of image work")


if __name__ == "__main__":
    main()
