#!/usr/bin/python3
# Reference values for DiversityMeasuresTests and the pooled-entropy bootstrap check. Run: /usr/bin/python3 diversity.py (SciPy 1.10.1).
from scipy.stats import entropy
from scipy.spatial.distance import jensenshannon
a, b = [10, 5, 3, 2, 0, 1], [2, 2, 6, 1, 4, 0]
print(repr(entropy(a, base=2)), repr(2 ** entropy(a, base=2)), repr(entropy([1, 1, 1, 1], base=2)), repr(entropy([3, 1], base=2)))
print(repr(jensenshannon(a, b, base=2) ** 2), repr(jensenshannon([0.5, 0.5], [1, 0], base=2) ** 2))
print(repr(entropy([x + y for x, y in zip(a, b)], base=2)), repr((entropy(a, base=2) + entropy(b, base=2)) / 2))
