#!/usr/bin/python3
# SciPy side of WilcoxonSignedRankTests. Run: /usr/bin/python3 wilcoxon.py (SciPy 1.10.1, Debian python3-scipy).
import numpy as np
from scipy import stats
x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
print("Hollander-Wolfe", stats.wilcoxon(x, y, method='exact'))
d30 = [3.25, 3.75, 1.25, 7.25, 5.75, -6.25, 4.5, 1.0, 7.0, 5.0, 4.75, 3.5, 0.25, 6.5, 6.0, 2.75, -2.25, 2.0, 0.5, -4.0,
       1.75, -4.25, 5.25, -1.5, 7.5, 6.75, 0.75, -5.5, 2.5, 3.0]
print("d30", stats.wilcoxon(d30, method='exact'))
d20 = [v if i % 3 else -v for i, v in enumerate(np.arange(1, 21) * 1.5)]
print("d20", stats.wilcoxon(d20, method='exact'))
t = [0.01, -0.02, 0.02, 0.0, 0.03, 0.01, 0.0, 0.04, -0.01, 0.05, 0.02, 0.03]
print("ties+zeros", stats.wilcoxon(t, method='approx'), stats.wilcoxon(t, method='approx', correction=True))
d60 = (np.arange(1, 61) * np.where(np.arange(60) % 4 == 0, -1, 1)).tolist()
print("d60 auto", stats.wilcoxon(d60))
print("12 positive", stats.wilcoxon(np.arange(1, 13), method='exact'))
