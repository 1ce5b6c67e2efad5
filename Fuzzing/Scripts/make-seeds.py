#!/usr/bin/env python3
"""Writes the safetensors, sigma and model-name seeds of Fuzzing/Corpus (the PNG and NPY seeds are
copies of Tests/GroupSparseTests/Fixtures). Run from the repository root; the output is deterministic."""
import json
import os
import struct

root = os.path.join("Fuzzing", "Corpus")


def write(target, name, data):
    os.makedirs(os.path.join(root, target), exist_ok=True)
    with open(os.path.join(root, target, name), "wb") as file:
        file.write(data.encode() if isinstance(data, str) else data)


def safetensors(tensors, metadata, dtype="F32"):
    """tensors: name -> (shape, values); laid out in name order like SafetensorsFile.serialized()."""
    code, width = {"F32": ("<f", 4), "F64": ("<d", 8), "F16": ("<e", 2)}[dtype]
    header, buffer = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        shape, values = tensors[name]
        data = b"".join(struct.pack(code, value) for value in values)
        header[name] = {"data_offsets": [len(buffer), len(buffer) + len(data)], "dtype": dtype, "shape": shape}
        buffer += data
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + buffer


def coder(patch, atoms, unfoldings, group=False, dtype="F32"):
    m = patch * patch
    tensors = {name: ([m, atoms], [0.25 * (i % 3) for i in range(m * atoms)])
               for name in ("analysis", "dictionary", "reconstruction")}
    for name in ("threshold_offsets", "threshold_slopes"):
        tensors[name] = ([unfoldings, atoms], [0.5] * (unfoldings * atoms))
    metadata = {"groupsparse.kind": "group-sparse-coder" if group else "sparse-coder",
                "groupsparse.patch_size": str(patch), "groupsparse.channels": "1",
                "groupsparse.atoms": str(atoms), "groupsparse.unfoldings": str(unfoldings)}
    if group:
        tensors["similarity_scales"] = ([1, m], [1.0] * m)
        tensors["mixing"] = ([1, 1], [0.5])
        metadata.update({"groupsparse.neighbours": "4", "groupsparse.search_radius": "2",
                         "groupsparse.refresh_interval": "1"})
    return safetensors(tensors, metadata, dtype)


write("FuzzSafetensors", "sc_2x2.safetensors", coder(2, 3, 2))
write("FuzzSafetensors", "groupsc_2x2.safetensors", coder(2, 2, 2, group=True))
write("FuzzSafetensors", "sc_f16.safetensors", coder(1, 2, 1, dtype="F16"))
write("FuzzSafetensors", "sc_f64.safetensors", coder(1, 1, 1, dtype="F64"))
write("FuzzSafetensors", "plain.safetensors", safetensors({"a": ([2], [1.0, 2.0]), "b": ([], [3.0])}, {"note": "x"}))
write("FuzzSafetensors", "empty.safetensors", safetensors({}, {}))

for index, text in enumerate(["25", "25.0", "0", "auto", "AUTO", "15,25,50", "15, 25 ,50", "0.5", "255.", "1e3",
                              "-3", "nan", "inf", "25dB", "", ",", "007.50"]):
    write("FuzzSigma", f"sigma{index:02}", text)

for index, text in enumerate(["sc", "groupsc", "custom", "folder", "custom.safetensors", "missing",
                              "models/sc.safetensors", "/", ".", "..", "", "SC", "/dev/null"]):
    write("FuzzModelName", f"name{index:02}", text)
