#!/usr/bin/env python3
"""The EMA Workbench's PRIM on a data set, for the check of Stalemate's PRIM (Tests/…/PRIMTests).

    ema_prim.py make DATA.csv          writes the synthetic data set (seeded; see below)
    ema_prim.py make-categorical DATA.csv
                                       writes the data set with categorical inputs (see below)
    ema_prim.py run DATA.csv OUT.json  runs ema_workbench.analysis.prim.Prim on it and writes
                                       the peeling trajectory, the box limits and quasi-p-values
    ema_prim.py ks DATA.csv OUT.json   scipy's two-sample Kolmogorov-Smirnov statistic of each
                                       input, points of interest against the rest

The data: 1,000 points uniform in [0, 1]^5 (numpy, seed 20261128); a point is of interest
when 0.2 < x1 < 0.6 and x3 > 0.7, with 5% of the labels flipped (noise). PRIM runs in binary
mode with threshold 0.5, peel_alpha 0.05, paste_alpha 0.05, mass_min 0.05 (the defaults) and
the LENIENT1 objective (the default).

The categorical data: 1,000 points, x1, x2, x3 uniform in [0, 1], c1 uniform over a, b, c, d
and c2 over off, on (numpy, seed 20261129); of interest when x1 > 0.5 and c1 is a or b, with
5% of the labels flipped. Columns whose values are not numbers are categorical for PRIM.
"""
import json
import sys


def make(path):
    import numpy as np
    rng = np.random.default_rng(20261128)
    x = rng.uniform(0, 1, size=(1000, 5))
    y = (x[:, 0] > 0.2) & (x[:, 0] < 0.6) & (x[:, 2] > 0.7)
    flip = rng.uniform(0, 1, size=1000) < 0.05
    y = np.where(flip, ~y, y)
    with open(path, "w") as f:
        f.write("x1,x2,x3,x4,x5,y\n")
        for row, label in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + f",{int(label)}\n")


def make_categorical(path):
    import numpy as np
    rng = np.random.default_rng(20261129)
    x = rng.uniform(0, 1, size=(1000, 3))
    c1 = rng.choice(["a", "b", "c", "d"], size=1000)
    c2 = rng.choice(["off", "on"], size=1000)
    y = (x[:, 0] > 0.5) & np.isin(c1, ["a", "b"])
    flip = rng.uniform(0, 1, size=1000) < 0.05
    y = np.where(flip, ~y, y)
    with open(path, "w") as f:
        f.write("x1,x2,x3,c1,c2,y\n")
        for row, a, b, label in zip(x, c1, c2, y):
            f.write(",".join(repr(float(v)) for v in row) + f",{a},{b},{int(label)}\n")


def ks(path, out):
    import pandas as pd
    import scipy
    from scipy.stats import ks_2samp
    data = pd.read_csv(path)
    y = data["y"].values.astype(bool)
    scores = {}
    for u in data.columns:
        if u == "y":
            continue
        r = ks_2samp(data[u].values[y], data[u].values[~y])
        scores[u] = {"D": float(r.statistic), "p": float(r.pvalue)}
    json.dump({"scipy": scipy.__version__, "ks": scores}, open(out, "w"), indent=1)


def run(path, out):
    import warnings
    warnings.filterwarnings("ignore")
    import numpy as np
    import pandas as pd
    import ema_workbench
    from ema_workbench.analysis import prim
    data = pd.read_csv(path)
    x = data[[c for c in data.columns if c != "y"]]
    numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c])]
    y = data["y"].values.astype(bool)
    p = prim.Prim(x, y, threshold=0.5, peel_alpha=0.05, paste_alpha=0.05, mass_min=0.05)
    box = p.find_box()
    t = box.peeling_trajectory
    steps = []
    for i in range(len(t)):
        lims = box.box_lims[i]
        restricted = [u for u in x.columns
                      if (u in numeric and (lims[u].values != box.box_lims[0][u].values).any())
                      or (u not in numeric and lims[u].values[0] != box.box_lims[0][u].values[0])]
        qp = {}
        if i > 0 and restricted:
            values = box._calculate_quasi_p(i, restricted)
            qp = {u: [None if v == -1 else float(v) for v in values[u]] for u in restricted}
        steps.append({
            "coverage": float(t.loc[i, "coverage"]), "density": float(t.loc[i, "density"]),
            "mass": float(t.loc[i, "mass"]), "restricted": int(t.loc[i, "res_dim"]),
            "n": int(t.loc[i, "n"]), "k": int(t.loc[i, "k"]),
            "lower": [float(lims[u].values[0]) if u in numeric else None for u in x.columns],
            "upper": [float(lims[u].values[1]) if u in numeric else None for u in x.columns],
            "quasiP": qp,
        })
        if len(numeric) < len(x.columns):
            steps[-1]["categories"] = {u: sorted(lims[u].values[0]) for u in x.columns if u not in numeric}
    json.dump({"ema_workbench": ema_workbench.__version__, "steps": steps}, open(out, "w"), indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "make-categorical":
        make_categorical(sys.argv[2])
    elif sys.argv[1] == "ks":
        ks(sys.argv[2], sys.argv[3])
    else:
        run(sys.argv[2], sys.argv[3])
