# Provenance: copied unchanged below this header from the project's shared peers
# (peers/stalemate_peer.py, supplied with the project brief) so that a fresh clone can run
# Benchmarks/compare-peer.sh. A rough model of the same weekly work, for speed only.

"""Peer implementations of shared/MODEL.md, for side-by-side performance checks.

Three implementations of the same weekly model (sections 2-8 of MODEL.md) on a
Kursk-like scenario:
  - `run_numpy(n, weeks, seed)`: vectorised over runs (what a NumPy user writes);
  - `run_numba(n, weeks, seed)`: the scalar per-run loop compiled by numba, in
    parallel over runs (the strongest Python peer);
  - `run_python(n, weeks, seed)`: the same scalar loop in plain Python (what an
    agent-based-model user gets).
Each returns (settled, defeatA, defeatB, ongoing) counts and the mean end week,
and the main prints run-weeks per second.
The scenario numbers are rough and only set the amount of work per run-week.
"""
import math
import sys
import time

import numpy as np

# regions: value, symbolic weight, home (0 = A, 1 = B), A's control, active, step
REGIONS = np.array([
    # v,    y,   home, s,    active, step
    [4.4,  1.0, 0, 0.40, 1, 0.02],   # Donetsk
    [4.4,  1.0, 0, 0.02, 1, 0.02],   # Luhansk
    [4.5,  1.0, 0, 0.30, 1, 0.02],   # Zaporizhzhia
    [4.7,  1.0, 0, 0.75, 1, 0.02],   # Kherson
    [5.2,  1.0, 0, 0.97, 1, 0.02],   # Kharkiv
    [4.4,  2.0, 0, 0.00, 0, 0.02],   # Crimea
    [72.4, 1.0, 0, 1.00, 0, 0.02],   # rest of Ukraine
    [5.0,  3.0, 1, 0.04, 1, 0.02],   # Kursk (incursion at week 0)
])
NR = len(REGIONS)
P = dict(
    FA=100.0, FB=130.0, kA=0.004, kB=0.005, rhoA=0.6, rhoB=0.8, aidA=0.3, m=1.0,
    collapse=0.2, defeat=0.25, phi=0.15,
    a0A=6.0, b0A=5.0, a0B=4.0, b0B=6.0, omega=0.98,
    H=26.0, cA=0.004, cB=0.003, ce=0.001, deltaA=0.995, deltaB=0.995, sanctB=0.2,
    lam_h=0.05, eta=2.0, h_half=12.0, mu_half=4.0, mu_scale=0.002,
    w0A=-1.0, w0B=-1.5, wc=50.0, kapA=1.0, kapB=1.5, wh=1.0, wr=1.0, D=0.0, wfloor=0.3,
    sigA=0.5, sigB=0.8, cooldown=4, quit_after=8, meet=0.5, gA=0.1, gB=0.1, conv=0.05,
    theta=0.02, G=0.0, piA0=0.82, piB0=0.55,
    e0A=-4.0, e0B=-3.5, el=1.0, eh=1.0, rhoR=1.5, k_ret=4, kd=8, pd=0.3, L=6, restraint=0.3,
)
# talks states
CLOSED, TALKS, SUSPENDED, CEASEFIRE, SETTLED, DEFA, DEFB = range(7)


def lgt(x):
    return 1.0 / (1.0 + math.exp(-x))


def simulate_one(seed, weeks, R, p):
    """One run as a scalar loop (compiled by numba or run as plain Python)."""
    np.random.seed(seed)
    nr = R.shape[0]
    s = np.empty(nr)
    for r in range(nr):
        s[r] = R[r, 3]
    vtot = 0.0
    for r in range(nr):
        vtot += R[r, 0]
    FA, FB = p[0], p[1]
    FA0, FB0 = FA, FB
    aA, bA, aB, bB = p[2], p[3], p[4], p[5]
    mu, hA, hB, e = 0.0, 0.0, 0.0, 0
    state = CLOSED
    piA, piB = p[6], p[7]
    willA_run, willB_run, cool, lastEscA, lastEscB, quiet = 0, 0, 0, -100, -100, 0
    X = 0.0
    for r in range(nr):
        X += R[r, 0] * s[r]
    X /= vtot
    mu_a = 1.0 - 2.0 ** (-1.0 / 4.0)
    h_decay = 2.0 ** (-1.0 / 12.0)
    for t in range(weeks):
        intensity = 1.0 + 0.15 * e
        if state != CEASEFIRE:
            # battles
            W = 0
            Lc = 0
            homeLostA = 0.0
            homeLostB = 0.0
            nact = 0
            for r in range(nr):
                if R[r, 4] > 0:
                    nact += 1
            for r in range(nr):
                if R[r, 4] > 0:
                    fa = FA / nact
                    fb = FB / nact
                    q = fa / (fa + fb)
                    old = s[r]
                    if np.random.random() < q:
                        W += 1
                        s[r] = min(1.0, s[r] + R[r, 5])
                    else:
                        Lc += 1
                        s[r] = max(0.0, s[r] - R[r, 5])
                    if R[r, 2] == 0 and s[r] < old:
                        homeLostA += R[r, 1] * (old - s[r])
                    if R[r, 2] == 1 and s[r] > old:
                        homeLostB += R[r, 1] * (s[r] - old)
            # Lanchester square law, exact step
            g = math.sqrt(0.004 * 0.005) * intensity
            ch, sh = math.cosh(g), math.sinh(g)
            nFA = FA * ch - math.sqrt(0.005 / 0.004) * FB * sh
            nFB = FB * ch - math.sqrt(0.004 / 0.005) * FA * sh
            FA = max(0.0, nFA) + 0.6 + 0.3
            FB = max(0.0, nFB) + 0.8
            # beliefs
            aA = 0.98 * aA + W
            bA = 0.98 * bA + Lc
            aB = 0.98 * aB + W
            bB = 0.98 * bB + Lc
            hA = hA * h_decay + 2.0 * homeLostA
            hB = hB * h_decay + 2.0 * homeLostB
        else:
            hA *= h_decay
            hB *= h_decay
        newX = 0.0
        homeA = 0.0
        homeAv = 0.0
        drift_unit = 0.0
        for r in range(nr):
            newX += R[r, 0] * s[r]
            if R[r, 2] == 0:
                homeA += R[r, 0] * s[r]
                homeAv += R[r, 0]
            if R[r, 4] > 0:
                drift_unit += R[r, 0] * R[r, 5]
        newX /= vtot
        drift_unit /= vtot
        mu = (1.0 - mu_a) * mu + mu_a * (newX - X)
        X = newX
        # defeat
        if FA < 0.2 * FA0 or homeA / homeAv < 0.25:
            state = DEFA
            return state, t
        if FB < 0.2 * FB0:
            state = DEFB
            return state, t
        # reservations
        qA = aA / (aA + bA)
        qB = aB / (aB + bB)
        disc = (1.0 - 0.995 ** 26) / (1.0 - 0.995)
        CA = disc * (0.004 + 0.001 * e)
        CB = disc * (0.003 + 0.001 * e) * 1.2
        XA = min(1.0, max(0.0, X + 26.0 * drift_unit * (2.0 * qA - 1.0)))
        XB = min(1.0, max(0.0, X + 26.0 * drift_unit * (2.0 * qB - 1.0)))
        RA = XA - CA + 0.05 * hA
        RB = (1.0 - XB) - CB + 0.05 * hB
        has_range = 1.0 if RA + RB <= 1.0 else 0.0
        wA = lgt(-1.0 + 50.0 * CA / 26.0 - 1.0 * mu / 0.002 - hA + has_range)
        wB = lgt(-1.5 + 50.0 * CB / 26.0 + 1.5 * mu / 0.002 - hB + has_range)
        willA = np.random.random() < wA
        willB = np.random.random() < wB
        # escalation
        escA = False
        escB = False
        if e < 6:
            pA = lgt(-4.0 + max(0.0, -mu) / 0.002 + hA + (1.5 if t - lastEscB <= 4 else 0.0)) * 0.7
            pB = lgt(-3.5 + max(0.0, mu) / 0.002 + hB + (1.5 if t - lastEscA <= 4 else 0.0)) * 0.7
            escA = np.random.random() < pA
            escB = np.random.random() < pB
        if escA:
            e = min(6, e + 1)
            lastEscA = t
        if escB:
            e = min(6, e + 1)
            lastEscB = t
        if escA or escB:
            quiet = 0
        else:
            quiet += 1
            if quiet >= 8 and e > 0 and np.random.random() < 0.3:
                e -= 1
                quiet = 0
        # talks
        if state == CLOSED:
            conv = np.random.random() < 0.05
            if (willA and willB) or (conv and wA >= 0.3 and wB >= 0.3):
                state = TALKS
        elif state == TALKS:
            shockB = 2.0 * homeLostB + (1.0 if escA else 0.0)
            shockA = 2.0 * homeLostA + (1.0 if escB else 0.0)
            if np.random.random() < min(1.0, 0.8 * shockB) or np.random.random() < min(1.0, 0.5 * shockA):
                state = SUSPENDED
                cool = 0
            elif np.random.random() < 0.5:
                piA = piA - 0.1 * (piA - RA)
                piB = piB + 0.1 * ((1.0 - RB) - piB)
                if piA <= piB:
                    state = CEASEFIRE
        elif state == SUSPENDED:
            if willA and willB:
                cool += 1
            else:
                cool = 0
            if cool >= 4:
                state = TALKS
        elif state == CEASEFIRE:
            if np.random.random() < 0.02:
                state = CLOSED
    return (SETTLED if state == CEASEFIRE else state), weeks


def run_python(n, weeks, seed, R=REGIONS):
    p = np.array([P['FA'], P['FB'], P['a0A'], P['b0A'], P['a0B'], P['b0B'], P['piA0'], P['piB0']])
    counts = np.zeros(7, dtype=np.int64)
    total = 0
    for i in range(n):
        st, t = simulate_one(seed * 1_000_003 + i, weeks, R, p)
        counts[st] += 1
        total += t
    return counts, total / n


def make_numba():
    import numba
    g = dict(simulate_one.__globals__)
    g['lgt'] = numba.njit(lgt)
    import types
    one = numba.njit(types.FunctionType(simulate_one.__code__, g))

    @numba.njit(parallel=True)
    def many(n, weeks, seed, R, p):
        st = np.zeros(n, dtype=np.int64)
        ts = np.zeros(n, dtype=np.int64)
        for i in numba.prange(n):
            a, b = one(seed * 1_000_003 + i, weeks, R, p)
            st[i] = a
            ts[i] = b
        return st, ts
    return many


def run_numba(n, weeks, seed, many=None):
    many = many or make_numba()
    p = np.array([P['FA'], P['FB'], P['a0A'], P['b0A'], P['a0B'], P['b0B'], P['piA0'], P['piB0']])
    st, ts = many(n, weeks, seed, REGIONS, p)
    return np.bincount(st, minlength=7), ts.mean()


def run_numpy(n, weeks, seed):
    """Vectorised over runs: every run advances one week per iteration."""
    rng = np.random.default_rng(seed)
    R = REGIONS
    v, y, home, s0, act, step = (R[:, j] for j in range(6))
    vtot = v.sum()
    s = np.tile(s0, (n, 1))
    FA = np.full(n, P['FA']); FB = np.full(n, P['FB'])
    aA = np.full(n, P['a0A']); bA = np.full(n, P['b0A']); aB = np.full(n, P['a0B']); bB = np.full(n, P['b0B'])
    mu = np.zeros(n); hA = np.zeros(n); hB = np.zeros(n); e = np.zeros(n)
    state = np.full(n, CLOSED); piA = np.full(n, P['piA0']); piB = np.full(n, P['piB0'])
    cool = np.zeros(n); lastA = np.full(n, -100.0); lastB = np.full(n, -100.0); quiet = np.zeros(n)
    end = np.full(n, weeks)
    X = (s * v).sum(1) / vtot
    actm = act > 0
    nact = actm.sum()
    drift_unit = (v * step * act).sum() / vtot
    mu_a = 1.0 - 2.0 ** (-1.0 / 4.0); h_decay = 2.0 ** (-1.0 / 12.0)
    disc = (1.0 - 0.995 ** 26) / (1.0 - 0.995)
    homeA_mask = home == 0; homeB_mask = home == 1
    g0 = math.sqrt(0.004 * 0.005)
    for t in range(weeks):
        alive = state < SETTLED
        fighting = alive & (state != CEASEFIRE)
        intensity = 1.0 + 0.15 * e
        q = (FA / nact) / (FA / nact + FB / nact)
        u = rng.random((n, len(v)))
        win = (u < q[:, None]) & actm
        loss = (~win) & actm
        old = s.copy()
        s = np.where(fighting[:, None], np.clip(s + step * win - step * loss, 0, 1), s)
        W = (win & fighting[:, None]).sum(1); Lc = (loss & fighting[:, None]).sum(1)
        lostA = ((old - s).clip(min=0) * y * homeA_mask).sum(1)
        lostB = ((s - old).clip(min=0) * y * homeB_mask).sum(1)
        g = g0 * intensity
        ch, sh = np.cosh(g), np.sinh(g)
        nFA = FA * ch - math.sqrt(0.005 / 0.004) * FB * sh
        nFB = FB * ch - math.sqrt(0.004 / 0.005) * FA * sh
        FA = np.where(fighting, np.maximum(nFA, 0) + 0.9, FA)
        FB = np.where(fighting, np.maximum(nFB, 0) + 0.8, FB)
        aA = np.where(fighting, 0.98 * aA + W, aA); bA = np.where(fighting, 0.98 * bA + Lc, bA)
        aB = np.where(fighting, 0.98 * aB + W, aB); bB = np.where(fighting, 0.98 * bB + Lc, bB)
        hA = hA * h_decay + 2.0 * lostA; hB = hB * h_decay + 2.0 * lostB
        newX = (s * v).sum(1) / vtot
        mu = (1 - mu_a) * mu + mu_a * (newX - X); X = newX
        homeA = (s * v * homeA_mask).sum(1) / (v * homeA_mask).sum()
        dA = alive & ((FA < 0.2 * P['FA']) | (homeA < 0.25))
        dB = alive & ~dA & (FB < 0.2 * P['FB'])
        state = np.where(dA, DEFA, np.where(dB, DEFB, state)); end = np.where(dA | dB, t, end)
        alive = state < SETTLED
        qA = aA / (aA + bA); qB = aB / (aB + bB)
        CA = disc * (0.004 + 0.001 * e); CB = disc * (0.003 + 0.001 * e) * 1.2
        XA = np.clip(X + 26 * drift_unit * (2 * qA - 1), 0, 1); XB = np.clip(X + 26 * drift_unit * (2 * qB - 1), 0, 1)
        RA = XA - CA + 0.05 * hA; RB = (1 - XB) - CB + 0.05 * hB
        has = (RA + RB <= 1).astype(float)
        wA = 1 / (1 + np.exp(-(-1.0 + 50 * CA / 26 - mu / 0.002 - hA + has)))
        wB = 1 / (1 + np.exp(-(-1.5 + 50 * CB / 26 + 1.5 * mu / 0.002 - hB + has)))
        r4 = rng.random((n, 8))
        willA = r4[:, 0] < wA; willB = r4[:, 1] < wB
        pA = 0.7 / (1 + np.exp(-(-4.0 + np.maximum(0, -mu) / 0.002 + hA + 1.5 * (t - lastB <= 4))))
        pB = 0.7 / (1 + np.exp(-(-3.5 + np.maximum(0, mu) / 0.002 + hB + 1.5 * (t - lastA <= 4))))
        escA = alive & (e < 6) & (r4[:, 2] < pA); escB = alive & (e < 6) & (r4[:, 3] < pB)
        e = np.minimum(6, e + escA + escB)
        lastA = np.where(escA, t, lastA); lastB = np.where(escB, t, lastB)
        quiet = np.where(escA | escB, 0, quiet + 1)
        de = (quiet >= 8) & (e > 0) & (r4[:, 4] < 0.3)
        e = np.where(de, e - 1, e); quiet = np.where(de, 0, quiet)
        conv = r4[:, 5] < 0.05
        open_ = (state == CLOSED) & ((willA & willB) | (conv & (wA >= 0.3) & (wB >= 0.3)))
        shock = (r4[:, 6] < np.minimum(1, 0.8 * (2 * lostB + escA))) | (r4[:, 7] < np.minimum(1, 0.5 * (2 * lostA + escB)))
        intalks = state == TALKS
        susp = intalks & shock
        meet = intalks & ~shock & (rng.random(n) < 0.5)
        piA = np.where(meet, piA - 0.1 * (piA - RA), piA); piB = np.where(meet, piB + 0.1 * ((1 - RB) - piB), piB)
        agree = meet & (piA <= piB)
        cool = np.where((state == SUSPENDED) & willA & willB, cool + 1, 0)
        resume = (state == SUSPENDED) & (cool >= 4)
        brk = (state == CEASEFIRE) & (rng.random(n) < 0.02)
        state = np.where(open_, TALKS, state)
        state = np.where(susp, SUSPENDED, state)
        state = np.where(agree, CEASEFIRE, state)
        state = np.where(resume, TALKS, state)
        state = np.where(brk, CLOSED, state)
    state = np.where(state == CEASEFIRE, SETTLED, state)
    return np.bincount(state, minlength=7), end.mean()


if __name__ == '__main__':
    which = sys.argv[1]
    n = int(sys.argv[2]); weeks = int(sys.argv[3]) if len(sys.argv) > 3 else 156
    t0 = time.perf_counter()
    if which == 'numba':
        many = make_numba()
        run_numba(100, weeks, 1, many)  # compile outside the timing
        t0 = time.perf_counter()
        counts, mean_end = run_numba(n, weeks, 7, many)
    elif which == 'numpy':
        counts, mean_end = run_numpy(n, weeks, 7)
    else:
        counts, mean_end = run_python(n, weeks, 7)
    dt = time.perf_counter() - t0
    names = ['closed', 'talks', 'suspended', 'ceasefire', 'settled', 'defeatA', 'defeatB']
    print({names[i]: int(c) for i, c in enumerate(counts) if c})
    print(f"{which}: {n} runs x {weeks} weeks in {dt:.2f}s = {n * weeks / dt / 1e6:.3f} M run-weeks/s (upper bound: runs that end early do less work)")
