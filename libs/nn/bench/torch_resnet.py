#!/usr/bin/python3
"""PyTorch baseline for bench/train-infer.ts: ResNet1D (BasicBlocks, nn.GroupNorm(min(C,16), C)),
input (batch, 2, L), AdamW training step and inference, on N threads.
Usage: /usr/bin/python3 bench/torch_resnet.py WIDTH LAYERS(3,4,6,3) BATCH THREADS SECONDS LENGTH [cpu]
Prints one JSON object. With "cpu": single thread, minimum process CPU time per step over a few steps
(robust when other processes load the machine)."""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def norm(c):
    return nn.GroupNorm(min(c, 16), c)


class Block(nn.Module):
    def __init__(self, cin, planes, stride):
        super().__init__()
        self.conv1 = nn.Conv1d(cin, planes, 3, stride, 1, bias=False)
        self.bn1 = norm(planes)
        self.conv2 = nn.Conv1d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = norm(planes)
        self.downsample = None
        if stride != 1 or cin != planes:
            self.downsample = nn.Sequential(nn.Conv1d(cin, planes, 1, stride, bias=False), norm(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet1D(nn.Module):
    def __init__(self, layers, width):
        super().__init__()
        self.conv1 = nn.Conv1d(2, width, 7, 2, 3, bias=False)
        self.bn1 = norm(width)
        self.maxpool = nn.MaxPool1d(3, 2, 1)
        blocks, c = [], width
        for i, n in enumerate(layers):
            p = width * 2 ** i
            for j in range(n):
                blocks.append(Block(c, p, 2 if i > 0 and j == 0 else 1))
                c = p
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(c, 1)

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool1d(self.blocks(x), 1), 1))


def rate(fn, batch, seconds):
    """(mean, best) samples/s: mean over all timed calls, best = fastest single call (robust to
    intermittent load from other processes)."""
    fn()
    fn()
    times, t0 = [], time.perf_counter()
    while True:
        t1 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t1)
        if time.perf_counter() - t0 > seconds and len(times) >= 3:
            return len(times) * batch / sum(times), batch / min(times)


def min_cpu_ms(fn, reps):
    fn()
    best = 1e9
    for _ in range(reps):
        c0 = time.process_time()
        fn()
        best = min(best, time.process_time() - c0)
    return best * 1000


def main():
    width, layers, batch, threads, seconds, length = int(sys.argv[1]), [int(v) for v in sys.argv[2].split(",")], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = ResNet1D(layers, width)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    x = torch.randn(batch, 2, length)
    y = (torch.rand(batch, 1) < 0.5).float()

    def train():
        opt.zero_grad()
        F.binary_cross_entropy_with_logits(model(x), y).backward()
        opt.step()

    def infer():
        with torch.no_grad():
            model(x)

    if len(sys.argv) > 7 and sys.argv[7] == "cpu":
        reps = max(3, int(seconds))
        tr = min_cpu_ms(train, reps)
        model.eval()
        inf = min_cpu_ms(infer, reps)
        print(json.dumps({"train_cpu_ms": tr, "infer_cpu_ms": inf, "torch": torch.__version__}))
        return
    tr, tr_best = rate(train, batch, seconds)
    model.eval()
    inf, inf_best = rate(infer, batch, seconds)
    print(json.dumps({"train_samples_per_s": tr, "infer_samples_per_s": inf, "train_best": tr_best,
                      "infer_best": inf_best, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
