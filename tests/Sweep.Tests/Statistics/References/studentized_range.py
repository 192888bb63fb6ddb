#!/usr/bin/python3
# Reference values for StudentizedRangeTests. Run: /usr/bin/python3 studentized_range.py (SciPy 1.10.1).
# R side: Rscript -e 'qtukey(0.95, 2:10, Inf)/sqrt(2); qtukey(0.95, 3, 10); ptukey(3.5, 3, 10)'
import numpy as np
from scipy.stats import studentized_range as sr
for q, k, df in [(3.5, 3, 10), (1.0, 5, np.inf), (4.0, 10, np.inf), (2.5, 4, 2), (6.0, 20, 60), (0.5, 2, 1), (8.0, 50, 5), (3.0, 3, 1000)]:
    print("cdf", q, k, df, repr(sr.cdf(q, k, df)))
for p, k, df in [(0.95, 3, 10), (0.95, 5, 20), (0.95, 10, 60), (0.95, 4, np.inf), (0.95, 2, 5), (0.99, 3, 2), (0.9, 20, 120),
                 (0.95, 7, np.inf), (0.95, 30, np.inf)]:
    print("ppf", p, k, df, repr(sr.ppf(p, k, df)))
