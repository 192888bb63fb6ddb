#!/usr/bin/python3
# Cross-check of anova.R with statsmodels 0.13.5 (Debian python3-statsmodels). Run after anova.R: /usr/bin/python3 anova_statsmodels.py
import pandas as pd, statsmodels.formula.api as smf
from statsmodels.stats.anova import anova_lm
d = pd.read_csv('anova_data.csv', dtype={'seed': str, 'A': str}).rename(columns={'C': 'Sched'})  # C() is patsy's
t = anova_lm(smf.ols('y ~ C(seed) + C(A) * C(B) * C(Sched)', data=d).fit(), typ=1)
for name, row in t.iterrows(): print(f"{name:28s} df {row['df']:.0f} SS {row['sum_sq']!r} F {row['F']!r} p {row['PR(>F)']!r}")
