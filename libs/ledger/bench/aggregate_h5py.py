#!/usr/bin/python3
"""Baseline for ledger.bench.ts: the original aframe `Ledger.aggregate` algorithm with h5py
(sum `length` attrs, create fixed-shape float64 datasets, copy every source with write_direct,
Tb summed) on EventSet files. Usage: aggregate_h5py.py OUT IN1 IN2 ... ; prints seconds and peak RSS."""
import resource
import sys
import time

import h5py
import numpy as np

FIELDS = ["detection_statistic", "detection_time", "shift"]


def main():
    out, files = sys.argv[1], sys.argv[2:]
    t0 = time.perf_counter()
    length = 0
    for fname in files:
        with h5py.File(fname, "r") as f:
            length += int(f.attrs["length"])
    with h5py.File(out, "w") as target:
        target.attrs["length"] = length
        tb = 0.0
        idx = 0
        group = target.create_group("parameters")
        for fname in files:
            with h5py.File(fname, "r") as source:
                n = int(source.attrs["length"])
                if n == 0:
                    continue
                tb += float(source.attrs["Tb"])
                for key in FIELDS:
                    theirs = source["parameters"][key][:]
                    if key not in group:
                        group.create_dataset(key, shape=(length,) + theirs.shape[1:], dtype=np.float64)
                    group[key].write_direct(theirs, dest_sel=np.s_[idx: idx + n])
                idx += n
        target.attrs["Tb"] = tb
    dt = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{dt:.4f} {peak_mb:.1f}")


if __name__ == "__main__":
    main()
