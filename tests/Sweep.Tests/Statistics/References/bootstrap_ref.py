#!/usr/bin/python3
# Reference values for BootstrapTests and Xoshiro256StarStarTests. Run: /usr/bin/python3 bootstrap_ref.py (Debian python3-scipy, numpy 1.24).
# An independent transcription of Bootstrap.Percentile's specified algorithm: xoshiro256** seeded by SplitMix64,
# Lemire's bounded integers, NumPy's linear percentile.
import numpy as np
M = (1 << 64) - 1
def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
class X:
    def __init__(self, seed):
        st = seed & M; self.s = []
        for _ in range(4):
            st, v = splitmix(st); self.s.append(v)
    def next(self):
        s = self.s
        r = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        return r
    def bounded(self, n):
        m = self.next() * n; low = m & M
        if low < n:
            t = ((1 << 64) - n) % n
            while low < t:
                m = self.next() * n; low = m & M
        return m >> 64
def boot(items, stat, seed, B, c=0.95):
    g = X(seed); n = len(items); vals = []
    for b in range(B):
        vals.append(stat([items[g.bounded(n)] for _ in range(n)]))
    vals = np.array(vals)
    a = 1 - c
    return stat(items), np.percentile(vals, 100 * a / 2), np.percentile(vals, 100 * (1 - a / 2)), np.std(vals, ddof=1)
x = X(42); print("seed42 first", [x.next() for _ in range(3)])
x = X(42); print("seed42 bounded(10)", [x.bounded(10) for _ in range(10)])
sample = [round(v, 6) for v in np.random.default_rng(12345).normal(0.9, 0.02, 50)]
print("sample", sample)
print("mean boot seed 7 B 2000", [repr(v) for v in boot(sample, lambda s: sum(s) / len(s), 7, 2000)])
print("mean boot seed -3 B 10000", [repr(v) for v in boot(sample, lambda s: sum(s) / len(s), -3, 10000)])
med = lambda s: float(np.median(s))
print("median boot seed 11 B 999 c .9", [repr(v) for v in boot(sample[:15], med, 11, 999, 0.9)])
from scipy import stats
r = stats.bootstrap((np.array(sample),), np.mean, method='percentile', n_resamples=10000, random_state=1)
print("scipy percentile", r.confidence_interval)
r = stats.ttest_1samp(sample, 0); print("t interval", r.confidence_interval(0.95))
