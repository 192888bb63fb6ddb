# Reference values of EffectsTableTests and RanksTableTests (run: Rscript effects_ranks.R).
options(digits = 15)

# A 2 x 2 grid (pool p1/p2 x tau 0.3/1) with seeds 1-3 as blocks; y = test accuracy.
d <- data.frame(
  seed = factor(rep(1:3, each = 4)),
  pool = factor(rep(c("p1", "p1", "p2", "p2"), 3)),
  tau  = factor(rep(c("0.3", "1", "0.3", "1"), 3)),
  y    = c(0.90, 0.88, 0.93, 0.92,
           0.91, 0.90, 0.95, 0.93,
           0.89, 0.88, 0.94, 0.90))
print(summary(aov(y ~ seed + pool * tau, data = d)))
# Seed-blocked marginal mean of pool = p2: the per-seed means at p2, then a t interval over the seeds.
m <- tapply(d$y[d$pool == "p2"], d$seed[d$pool == "p2"], mean)
print(m); print(t.test(m)$conf.int)
m <- tapply(d$y[d$pool == "p1" & d$tau == "1"], d$seed[d$pool == "p1" & d$tau == "1"], mean)
print(t.test(m)$conf.int)

# Ranks: 4 architectures (groups) x 3 models, scores = mean test accuracy of each model there.
scores <- matrix(c(
  0.95, 0.93, 0.90,   # 256-128
  0.94, 0.95, 0.91,   # 512-256
  0.96, 0.94, 0.92,   # 512-256-128
  0.97, 0.93, 0.90),  # 768
  nrow = 4, byrow = TRUE, dimnames = list(NULL, c("SmartMixed", "relu", "tanh")))
print(friedman.test(scores))
# Nemenyi critical difference at 0.05: q = qtukey(0.95, 3, Inf) / sqrt(2) (Demsar 2006, Table 5a: 2.343).
q <- qtukey(0.95, 3, Inf) / sqrt(2)
cat("q", q, "cd", q * sqrt(3 * 4 / (6 * 4)), "\n")
chi <- friedman.test(scores)$statistic; N <- 4; k <- 3
F <- (N - 1) * chi / (N * (k - 1) - chi)
cat("iman-davenport F", F, "p", pf(F, k - 1, (k - 1) * (N - 1), lower.tail = FALSE), "\n")
# Full digits of the ANOVA's F and p (summary() rounds them).
a <- anova(lm(y ~ seed + pool * tau, data = d))
for (s in rownames(a)[1:4]) cat(s, "F", format(a[s, "F value"], digits = 15), "p", format(a[s, "Pr(>F)"], digits = 15), "\n")
