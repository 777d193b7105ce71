"""Writes the PCam-format fixtures beside this script with h5py, as the real files were written:
x (N, 96, 96, 3) uint8 and y (N, 1, 1, 1) uint8, here with chunked, gzip-compressed x (one patch per
chunk) so that the reader's chunked/filtered path is tested on files jHDF did not write. The pixel
and label patterns are PcamFixtures.pixel and PcamFixtures.labels. Run: /usr/bin/python3 make_fixtures.py"""
import os
import h5py
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
for split, n in (("train", 5), ("valid", 2), ("test", 3)):
    i, y, x, c = np.meshgrid(np.arange(n), np.arange(96), np.arange(96), np.arange(3), indexing="ij")
    pixels = ((i * 7 + y * 3 + x * 5 + c * 11) & 0xFF).astype(np.uint8)
    labels = (np.arange(n) % 2).astype(np.uint8).reshape(n, 1, 1, 1)
    with h5py.File(os.path.join(here, f"camelyonpatch_level_2_split_{split}_x.h5"), "w") as f:
        f.create_dataset("x", data=pixels, chunks=(1, 96, 96, 3), compression="gzip", compression_opts=4)
    with h5py.File(os.path.join(here, f"camelyonpatch_level_2_split_{split}_y.h5"), "w") as f:
        f.create_dataset("y", data=labels)
