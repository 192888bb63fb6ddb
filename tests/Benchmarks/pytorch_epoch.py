#!/usr/bin/python3
"""Time training epochs of three MLPs in PyTorch, as a reference for the TorchSharp benchmark.

Run with Debian's interpreter, /usr/bin/python3 (packages python3-torch, python3-numpy,
libopenblas0-pthread, dataset-fashion-mnist), not a pyenv python3 that may be first on PATH, with
OPENBLAS_NUM_THREADS=1 for a single-threaded comparison (--threads does not reach OpenBLAS's own
worker threads):

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 pytorch_epoch.py --data /usr/share/datasets/fashion-mnist --epochs 3 \
      --models plain,phase1,phase2 --noise per_sample \
      --groups '[[43,43,43,43,42,42],[22,22,21,21,21,21]]' --seed 1 --threads 1

Prints one JSON object per model on stdout; progress goes to stderr.

With --serve the script builds the models, prints {"ready": true}, then trains one epoch of the named model for every line "epoch MODEL" it reads on stdin, answering with
{"model": ..., "seconds": ...}; "quit" ends it. The C# benchmark drives it that way, epoch by epoch,
interleaved with its own epochs, so that load on a shared machine falls on both frameworks alike.

The models mirror the C# ones so that per-epoch times compare like with like (see DESIGN.md §1-2).
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

TRAIN_SIZE = 54_000  # a 54k/6k split; which 54k images does not matter for timing
BATCH = 128
HIDDEN = (256, 128)
TAU = 0.3
# Candidate pool in the reference order; the index is the logit column.
CANDIDATES = (
    F.relu,
    torch.sigmoid,
    torch.tanh,
    lambda x: F.leaky_relu(x, 0.01),
    lambda x: F.elu(x, 1.0),
    F.selu,
)


def read_idx(path, magic):
    """Read an IDX gz file into a numpy array, checking the magic number."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    found = int.from_bytes(data[0:4], "big")
    if found != magic:
        raise ValueError(f"{path}: magic {found:#x}, expected {magic:#x}")
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_train(data_dir):
    images = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"), 0x00000803)
    labels = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"), 0x00000801)
    x = images[:TRAIN_SIZE].reshape(-1, 784).astype(np.float32) / 255.0
    y = labels[:TRAIN_SIZE].astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


class SelectionActivation(nn.Module):
    """Phase 1: Gumbel-softmax straight-through choice among the candidates, per neuron."""

    def __init__(self, width, per_sample):
        super().__init__()
        logits = torch.zeros(width, len(CANDIDATES))
        # Break the tie: one random candidate per neuron starts slightly ahead (reference init).
        logits[torch.arange(width), torch.randint(len(CANDIDATES), (width,))] = 0.001
        self.logits = nn.Parameter(logits)
        self.per_sample = per_sample

    def forward(self, x):
        shape = (x.shape[0],) + self.logits.shape if self.per_sample else self.logits.shape
        u = torch.rand(shape).clamp_(1e-10, 1 - 1e-7)  # keep both logs finite
        g = -torch.log(-torch.log(u))
        soft = F.softmax((self.logits + g) / TAU, dim=-1)
        hard = torch.zeros_like(soft).scatter_(-1, soft.argmax(-1, keepdim=True), 1.0)
        w = hard + (soft - soft.detach())  # forward = hard choice, gradient = soft
        # A plain loop (no stack/einsum) to match the C# implementation's work.
        out = None
        for k, f in enumerate(CANDIDATES):
            term = f(x) * w[..., k]
            out = term if out is None else out + term
        return out


class GroupedActivation(nn.Module):
    """Phase 2: neurons grouped by function, each function applied to its contiguous slice."""

    def __init__(self, counts):
        super().__init__()
        self.groups = []  # (function, start, length), empty groups skipped
        start = 0
        for f, n in zip(CANDIDATES, counts):
            if n > 0:
                self.groups.append((f, start, n))
            start += n

    def forward(self, x):
        if len(self.groups) == 1:
            return self.groups[0][0](x)
        return torch.cat([f(x.narrow(1, s, n)) for f, s, n in self.groups], dim=1)


class ReLU(nn.Module):
    def forward(self, x):
        return F.relu(x)


def build(model, noise, groups):
    layers, fan_in = [], 784
    for i, width in enumerate(HIDDEN):
        layers.append(nn.Linear(fan_in, width))
        if model == "plain":
            layers.append(ReLU())
        elif model == "phase1":
            layers.append(SelectionActivation(width, noise == "per_sample"))
        else:
            if len(groups[i]) != len(CANDIDATES) or sum(groups[i]) != width:
                raise ValueError(f"--groups layer {i}: need {len(CANDIDATES)} counts summing to {width}")
            layers.append(GroupedActivation(groups[i]))
        fan_in = width
    layers.append(nn.Linear(fan_in, 10))  # logits; cross_entropy applies log-softmax
    return nn.Sequential(*layers)


def run_epoch(net, opt, x, y):
    """One epoch over a fresh shuffle; returns the last batch's loss."""
    perm = torch.randperm(x.shape[0])
    loss_value = float("nan")
    for start in range(0, x.shape[0], BATCH):
        idx = perm[start:start + BATCH]  # the last batch is partial (54000 = 421*128 + 112)
        xb, yb = x.index_select(0, idx), y.index_select(0, idx)
        loss = F.cross_entropy(net(xb), yb)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        loss_value = loss.item()  # read every step, as the C# side does to detect NaN
    return loss_value


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--models", default="plain,phase1,phase2")
    p.add_argument("--noise", choices=("per_sample", "per_batch"), default="per_sample")
    p.add_argument("--groups", default="[[43,43,43,43,42,42],[22,22,21,21,21,21]]",
                   help="JSON per hidden layer: counts of relu,sigmoid,tanh,leaky_relu,elu,selu")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--serve", action="store_true",
                   help="train one epoch per 'epoch MODEL' line on stdin (see the module docstring)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    groups = json.loads(a.groups)
    x, y = load_train(a.data)
    print(f"torch {torch.__version__}, {a.threads} thread(s), {x.shape[0]} training images",
          file=sys.stderr)

    models = [m.strip() for m in a.models.split(",")]
    for model in models:
        if model not in ("plain", "phase1", "phase2"):
            p.error(f"unknown model {model!r}")
    if a.serve:
        serve(models, a.noise, groups, x, y)
        return

    for model in models:
        net = build(model, a.noise, groups)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        run_epoch(net, opt, x, y)  # warm-up: allocator, kernels, caches; not reported
        times, loss = [], float("nan")
        for e in range(a.epochs):
            t0 = time.perf_counter()
            loss = run_epoch(net, opt, x, y)
            times.append(time.perf_counter() - t0)
            print(f"{model} epoch {e + 1}: {times[-1]:.3f} s, loss {loss:.4f}", file=sys.stderr)
        print(json.dumps({"model": model, "framework": "pytorch", "torch_version": torch.__version__,
                          "threads": a.threads, "noise": a.noise, "epoch_seconds": times,
                          "final_loss": loss}), flush=True)


def serve(models, noise, groups, x, y):
    """One epoch per request on stdin, so the caller can interleave them with its own."""
    trained = {}
    for model in models:
        net = build(model, noise, groups)
        opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
        trained[model] = (net, opt)  # the caller's first epoch of each model is its warm-up
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if words == ["quit"]:
            break
        if len(words) != 2 or words[0] != "epoch" or words[1] not in trained:
            print(json.dumps({"error": f"expected 'epoch MODEL' with MODEL in {models}, got {line.strip()!r}"}), flush=True)
            continue
        net, opt = trained[words[1]]
        t0 = time.perf_counter()
        loss = run_epoch(net, opt, x, y)
        print(json.dumps({"model": words[1], "seconds": time.perf_counter() - t0, "loss": loss}), flush=True)


if __name__ == "__main__":
    main()
