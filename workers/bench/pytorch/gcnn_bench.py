#!/usr/bin/env python3
"""PyTorch reference for `equisweep bench`: the same networks as equisweep's (same layouts, same
trainable parameter counts), timed the same way.

    python3 gcnn_bench.py --net p4cnn --threads 1 --batch 64 --size 28 --runs 5

Prints one JSON object: median training and inference throughput (images/s) over --runs timed runs
after warm-up, every run's figure, the parameter count and the peak resident memory of this process.
Run one network per process so that the peak memory is that network's. Needs only Debian's
python3-torch (1.13).
"""
import argparse
import json
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Group:
    """C1, C4 or D4 acting on square arrays: element (f, k) = rotate by k quarter turns after flipping if f."""

    def __init__(self, name):
        flips = [0, 1] if name == "D4" else [0]
        turns = range(4) if name in ("C4", "D4") else range(1)
        self.elements = [(f, k) for f in flips for k in turns]
        probe = torch.arange(9.0).reshape(3, 3)  # asymmetric: every element moves it differently
        images = [self.act(e, probe) for e in self.elements]

        def index(image):
            return next(i for i, other in enumerate(images) if torch.equal(other, image))

        self.mul = [[index(self.act(a, self.act(b, probe))) for b in self.elements] for a in self.elements]
        self.inv = [row.index(0) for row in self.mul]

    @property
    def order(self):
        return len(self.elements)

    @staticmethod
    def act(element, t):
        f, k = element
        if f:
            t = torch.flip(t, dims=(-1,))
        return torch.rot90(t, k, dims=(-2, -1))


class LiftingConv(nn.Module):
    def __init__(self, group, cin, fields, k, pad=0, bias=True):
        super().__init__()
        self.group, self.pad = group, pad
        self.weight = nn.Parameter(torch.empty(fields, cin, k, k))
        nn.init.kaiming_normal_(self.weight, nonlinearity="relu")
        self.bias = nn.Parameter(torch.zeros(fields)) if bias else None

    def forward(self, x):
        g = self.group
        w = torch.stack([g.act(e, self.weight) for e in g.elements], dim=1)  # (out, G, in, k, k)
        w = w.reshape(-1, *self.weight.shape[1:])
        b = self.bias.repeat_interleave(g.order) if self.bias is not None else None
        return F.conv2d(x, w, b, padding=self.pad)


class GroupConv(nn.Module):
    def __init__(self, group, fields_in, fields, k, stride=1, pad=0, bias=True):
        super().__init__()
        self.group, self.stride, self.pad = group, stride, pad
        self.weight = nn.Parameter(torch.empty(fields, fields_in, group.order, k, k))
        nn.init.kaiming_normal_(self.weight, nonlinearity="relu")
        self.bias = nn.Parameter(torch.zeros(fields)) if bias else None
        n = group.order
        self.register_buffer("perm", torch.tensor([[group.mul[group.inv[a]][h] for h in range(n)] for a in range(n)]))

    def forward(self, x):
        g = self.group
        w = torch.stack([g.act(e, self.weight[:, :, self.perm[a]]) for a, e in enumerate(g.elements)], dim=1)
        out, _, fin, n, k, _ = w.shape
        w = w.reshape(out * n, fin * n, k, k)
        b = self.bias.repeat_interleave(n) if self.bias is not None else None
        return F.conv2d(x, w, b, stride=self.stride, padding=self.pad)


class GroupBatchNorm(nn.Module):
    """One statistic and one affine pair per field, shared over the field's group channels."""

    def __init__(self, group, fields):
        super().__init__()
        self.n = group.order
        self.bn = nn.BatchNorm2d(fields, momentum=0.1)

    def forward(self, x):
        b, c, h, w = x.shape
        return self.bn(x.reshape(b, c // self.n, self.n * h, w)).reshape(b, c, h, w)


class MnistGCnn(nn.Module):
    """equisweep's MnistGCnn: z2cnn (C1, 20 fields), p4cnn (C4, 10), p4mcnn (D4, 7)."""

    def __init__(self, group, width, channels=1, classes=10, dropout=0.3):
        super().__init__()
        self.group = group
        self.convs = nn.ModuleList([LiftingConv(group, channels, width, 3, pad=1)]
                                   + [GroupConv(group, width, width, 3, pad=1) for _ in range(5)]
                                   + [GroupConv(group, width, width, 4, pad=0)])
        self.bns = nn.ModuleList([GroupBatchNorm(group, width) for _ in range(7)])
        self.dropout = dropout
        self.fc = nn.Linear(width, classes)

    def forward(self, x):
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns), start=1):
            x = F.relu(bn(conv(x)))
            if i in (1, 4, 6) and self.dropout > 0:
                x = F.dropout(x, self.dropout, self.training)
            if i == 2:
                x = F.max_pool2d(x, 2, 2)
        x = x.mean(dim=(2, 3))
        x = x.reshape(x.shape[0], -1, self.group.order).amax(dim=2)  # coset max pool
        return F.log_softmax(self.fc(x), dim=1)


class ResNet44(nn.Module):
    """equisweep's pre-activation ResNet-44 (no conv bias; classifier on all group channels)."""

    def __init__(self, group, width, channels=3, classes=10):
        super().__init__()
        n = group.order
        self.stem = LiftingConv(group, channels, width, 3, pad=1, bias=False)
        blocks, fin = [], width
        for stage in range(3):
            fout = width << stage
            for block in range(7):
                stride = 2 if block == 0 and stage > 0 else 1
                blocks.append(Block(group, fin, fout, stride))
                fin = fout
        self.blocks = nn.Sequential(*blocks)
        self.bn = GroupBatchNorm(group, fin)
        self.fc = nn.Linear(fin * n, classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        x = F.relu(self.bn(x)).mean(dim=(2, 3))
        return F.log_softmax(self.fc(x), dim=1)


class Block(nn.Module):
    def __init__(self, group, fin, fout, stride):
        super().__init__()
        self.bn1, self.bn2 = GroupBatchNorm(group, fin), GroupBatchNorm(group, fout)
        self.conv1 = GroupConv(group, fin, fout, 3, stride=stride, pad=1, bias=False)
        self.conv2 = GroupConv(group, fout, fout, 3, pad=1, bias=False)
        self.shortcut = None
        if stride != 1:
            self.shortcut = nn.Sequential(GroupConv(group, fin, fout, 1, stride=stride, bias=False),
                                          GroupBatchNorm(group, fout))

    def forward(self, x):
        a = F.relu(self.bn1(x))
        y = self.conv2(F.relu(self.bn2(self.conv1(a))))
        return y + (self.shortcut(x) if self.shortcut is not None else x)  # on the raw input, as the official code


NETS = {
    # name: (builder, input channels, trainable parameters in equisweep)
    "z2cnn": (lambda: MnistGCnn(Group("C1"), 20), 1, 25210),
    "p4cnn": (lambda: MnistGCnn(Group("C4"), 10), 1, 24810),
    "p4mcnn": (lambda: MnistGCnn(Group("D4"), 7), 1, 24202),
    "resnet44-p4": (lambda: ResNet44(Group("C4"), 16), 3, 2633946),
}


def timed(step, images, runs, steps):
    for _ in range(2):
        step()  # warm-up: allocator, oneDNN primitive caches
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(images * steps / (time.perf_counter() - start))
    return rates


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--net", choices=sorted(NETS), required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--size", type=int, default=28)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--steps", type=int, default=10, help="minibatches per timed run")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    build, channels, expected = NETS[a.net]
    net = build()
    params = sum(t.numel() for t in net.parameters() if t.requires_grad)
    if params != expected:
        raise SystemExit(f"{a.net}: {params} trainable parameters, equisweep's has {expected}")
    x = torch.randn(a.batch, channels, a.size, a.size)
    y = torch.randint(0, 10, (a.batch,))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=1e-5)

    def train_step():
        opt.zero_grad(set_to_none=True)
        F.nll_loss(net(x), y).backward()
        opt.step()

    net.train()
    train = timed(train_step, a.batch, a.runs, a.steps)
    net.eval()
    with torch.no_grad():
        infer = timed(lambda: net(x), a.batch, a.runs, a.steps)
    print(json.dumps({
        "framework": f"pytorch {torch.__version__}", "net": a.net, "threads": a.threads, "batch": a.batch,
        "size": a.size, "parameters": params,
        "train_images_per_s": statistics.median(train), "infer_images_per_s": statistics.median(infer),
        "train_runs": train, "infer_runs": infer,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
