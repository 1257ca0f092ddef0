#!/usr/bin/python3
"""Baseline for ledger.bench.ts part B: h5py writes an (N, T) float64 waveform dataset chunked
(64, T) in blocks of BLOCK rows (+ one float64 parameter), then reads it back in blocks of READ_BLOCK rows.
Usage: waveforms_h5py.py PATH N T BLOCK READ_BLOCK DTYPE ; prints "write_s read_s peak_rss_mib"."""
import resource
import sys
import time

import h5py
import numpy as np


def main():
    path, n, t, block, read_block, dtype = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
    fill = 0.0
    t0 = time.perf_counter()
    with h5py.File(path, "w") as f:
        f.attrs["length"] = n
        ds = f.create_group("waveforms").create_dataset("h1", shape=(n, t), dtype=dtype, chunks=(min(64, n), t))
        p = f.create_group("parameters").create_dataset("injection_time", shape=(n,), dtype="f8")
        for r in range(0, n, block):
            e = min(n, r + block)
            tf = time.perf_counter()
            x = np.repeat(np.arange(r, e, dtype=np.float64)[:, None], t, axis=1)
            fill += time.perf_counter() - tf
            ds[r:e] = x
            p[r:e] = np.arange(r, e)
    write_s = time.perf_counter() - t0 - fill
    t1 = time.perf_counter()
    with h5py.File(path, "r") as f:
        ds = f["waveforms/h1"]
        for r in range(0, n, read_block):
            x = ds[r: min(n, r + read_block)]
            assert x[0, 0] == r
    read_s = time.perf_counter() - t1
    print(f"{write_s:.3f} {read_s:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")


if __name__ == "__main__":
    main()
