#!/usr/bin/env python3
"""Training throughput of the seed-002 network in PyTorch, the same shapes as `network-training`.

Jones et al. 2022's network (features → 100 → 100 → 1, here SiLU), float32, seeded random
standardised features and least-squares targets, mini-batches of --batch samples, Adam at 5·10⁻⁴;
each step a forward pass, backward pass and optimiser step. Best of --repeat epochs, samples/s.

Usage: python3 Benchmarks/scripts/torch_mlp.py [--threads 1] [--features 468] [--samples 16384] [--batch 256]
"""
import argparse
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--features", type=int, default=468)
p.add_argument("--hidden", type=int, default=100)
p.add_argument("--samples", type=int, default=16384)
p.add_argument("--batch", type=int, default=256)
p.add_argument("--repeat", type=int, default=3)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(7)
x = torch.randn(a.samples, a.features)
y = torch.randn(a.samples, 1)
net = torch.nn.Sequential(torch.nn.Linear(a.features, a.hidden), torch.nn.SiLU(),
                          torch.nn.Linear(a.hidden, a.hidden), torch.nn.SiLU(), torch.nn.Linear(a.hidden, 1))
opt = torch.optim.Adam(net.parameters(), lr=5e-4)
best = float("inf")
for _ in range(a.repeat):
    start = time.perf_counter()
    for s in range(0, a.samples - a.batch + 1, a.batch):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(net(x[s:s + a.batch]), y[s:s + a.batch])
        loss.backward()
        opt.step()
    best = min(best, time.perf_counter() - start)
n = a.samples // a.batch * a.batch
print(f"torch {torch.__version__}, {a.threads} thread(s), batch {a.batch}: epoch {best:.3f} s, {n / best:.0f} samples/s")
