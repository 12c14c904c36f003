#!/usr/bin/env python3
"""The graph network of Benchmarks/Sources/GraphTraining in PyTorch (plain tensors, index_add_
for the sums over incoming edges), on random graphs of the same size: node and edge encoders,
--steps rounds of one shared core with residuals (edges from [e, h_receiver, h_sender], nodes
from [h, sum of incoming e]), a per-node decoder; every part Linear-ReLU-Linear of --width.
One training step = forward, binary cross-entropy on every node, backward, Adam; one graph per
step. Prints ms per training step and per prediction (best of --repeat passes over the graphs).
"""
import argparse
import time

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--nodes", type=int, default=1000)
parser.add_argument("--cutoff", type=float, default=1.42)
parser.add_argument("--width", type=int, default=64)
parser.add_argument("--steps", type=int, default=3)
parser.add_argument("--graphs", type=int, default=8)
parser.add_argument("--repeat", type=int, default=3)
parser.add_argument("--threads", type=int, default=1)
args = parser.parse_args()
torch.set_num_threads(args.threads)
rng = np.random.default_rng(7)
length = args.nodes ** (1 / 3)


def random_graph():
    points = rng.uniform(0, length, size=(args.nodes, 3))
    d = points[None, :, :] - points[:, None, :]
    d -= length * np.round(d / length)
    r = np.linalg.norm(d, axis=2)
    receivers, senders = np.nonzero((r < args.cutoff) & (r > 0))
    features = (r[receivers, senders] / args.cutoff)[:, None]
    return (torch.tensor(receivers), torch.tensor(senders), torch.tensor(features, dtype=torch.float32))


graphs = [random_graph() for _ in range(args.graphs)]
species = torch.nn.functional.one_hot(torch.arange(args.nodes) % 2, 2).float()
labels = torch.tensor(rng.uniform(size=args.nodes) < 0.5, dtype=torch.float32)


def mlp(inputs, outputs):
    return torch.nn.Sequential(
        torch.nn.Linear(inputs, args.width), torch.nn.ReLU(), torch.nn.Linear(args.width, outputs))


class GraphNetwork(torch.nn.Module):
    def __init__(self):
        super().__init__()
        h = args.width
        self.node_encoder, self.edge_encoder = mlp(2, h), mlp(1, h)
        self.edge_core, self.node_core, self.decoder = mlp(3 * h, h), mlp(2 * h, h), mlp(h, 1)

    def forward(self, graph):
        receivers, senders, features = graph
        nodes, edges = self.node_encoder(species), self.edge_encoder(features)
        for _ in range(args.steps):
            edges = edges + self.edge_core(torch.cat([edges, nodes[receivers], nodes[senders]], dim=1))
            summed = torch.zeros_like(nodes).index_add_(0, receivers, edges)
            nodes = nodes + self.node_core(torch.cat([nodes, summed], dim=1))
        return self.decoder(nodes)[:, 0]


network = GraphNetwork()
optimiser = torch.optim.Adam(network.parameters(), lr=1e-3)
loss_function = torch.nn.BCEWithLogitsLoss()
edges = sum(len(g[0]) for g in graphs) // len(graphs)
best_train = best_predict = float("inf")
for _ in range(args.repeat):
    start = time.perf_counter()
    for graph in graphs:
        optimiser.zero_grad()
        loss = loss_function(network(graph), labels)
        loss.backward()
        optimiser.step()
    best_train = min(best_train, time.perf_counter() - start)
    start = time.perf_counter()
    with torch.no_grad():
        for graph in graphs:
            network(graph)
    best_predict = min(best_predict, time.perf_counter() - start)
print(
    f"torch {torch.__version__}, {args.threads} thread(s), {args.graphs} graphs of {args.nodes} nodes, "
    f"{edges} edges each: training step {1000 * best_train / args.graphs:.2f} ms, "
    f"prediction {1000 * best_predict / args.graphs:.2f} ms per graph")
