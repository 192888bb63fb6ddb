# Reference values of ComparisonsTableTests (run: Rscript comparisons.R). The sample sweep of SampleSweep.cs:
# SmartMixed cell A (seeds 1-3), cell B (seeds 1-2; seed 3 failed), baselines relu and tanh (seeds 1-3).
a    <- c(0.90, 0.92, 0.94)
b    <- c(0.85, 0.87)
relu <- c(0.89, 0.90, 0.92)
tanh <- c(0.80, 0.81, 0.82)
tests <- list(
  A_relu = t.test(a, relu, paired = TRUE),
  A_tanh = t.test(a, tanh, paired = TRUE),
  B_relu = t.test(b, relu, var.equal = FALSE),
  B_tanh = t.test(b, tanh, var.equal = FALSE))
p <- sapply(tests, function(t) t$p.value)
options(digits = 15)
print(p)
print(p.adjust(p, "holm"))
for (n in names(tests)) { cat(n, "t", tests[[n]]$statistic, "df", tests[[n]]$parameter, "ci", tests[[n]]$conf.int, "\n") }
d <- a - relu; cat("dz A-relu", mean(d) / sd(d), "\n")
d <- a - tanh; cat("dz A-tanh", mean(d) / sd(d), "\n")
pooled <- sqrt(((length(b) - 1) * var(b) + (length(relu) - 1) * var(relu)) / (length(b) + length(relu) - 2))
cat("d B-relu", (mean(b) - mean(relu)) / pooled, "\n")

# Six seeds, for the Wilcoxon column: exact signed-rank p (no ties, no zeros).
x6 <- c(0.912, 0.925, 0.931, 0.918, 0.940, 0.927)
y6 <- c(0.905, 0.921, 0.918, 0.920, 0.926, 0.915)
cat("paired6 p", t.test(x6, y6, paired = TRUE)$p.value, "\n")
cat("wilcoxon6 p", wilcox.test(x6, y6, paired = TRUE, exact = TRUE)$p.value, "\n")
