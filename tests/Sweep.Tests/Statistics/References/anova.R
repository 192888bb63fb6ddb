# Reference values for BlockedFactorialAnovaTests. Run: Rscript anova.R (R 4.2.2, Debian r-base-core).
# Writes anova_data.csv (the simulated sweep the tests embed) and prints every number the tests check.
options(digits = 17, width = 200)
show <- function(t) for (i in seq_len(nrow(t)))
  cat(sprintf("%-10s df %2d SS %.17g F %.17g p %.17g\n", rownames(t)[i], t$Df[i], t[["Sum Sq"]][i], t[["F value"]][i], t[["Pr(>F)"]][i]))

# Montgomery, Design and Analysis of Experiments, Example 4.1: pressure (treatment) in resin batches (blocks).
y <- c(90.3, 89.2, 98.2, 93.9, 87.4, 97.9, 92.5, 89.5, 90.6, 94.7, 87.0, 95.8,
       85.5, 90.8, 89.6, 86.2, 88.0, 93.4, 82.5, 89.5, 85.6, 87.4, 78.9, 90.7)
m <- data.frame(y = y, pressure = factor(rep(c(8500, 8700, 8900, 9100), each = 6)), batch = factor(rep(1:6, 4)))
show(summary(aov(y ~ batch + pressure, data = m))[[1]])
for (p in levels(m$pressure)) { v <- m$y[m$pressure == p]; cat("pressure", p, mean(v), t.test(v)$conf.int, "\n") }

# A simulated 3 x 2 x 2 factorial sweep in 4 seeds.
set.seed(2024)
d <- expand.grid(C = c("const", "anneal"), B = c("batch", "sample"), A = c("0.3", "1", "3"), seed = c("1", "2", "3", "4"),
                 stringsAsFactors = FALSE)
d <- d[, c("seed", "A", "B", "C")]
seedEff <- c("1" = 0.002, "2" = -0.001, "3" = 0.0005, "4" = -0.003)
aEff <- c("0.3" = 0.004, "1" = 0, "3" = -0.005)
d$y <- round(0.93 + seedEff[d$seed] + aEff[d$A] + ifelse(d$B == "sample", 0.002, 0) +
             ifelse(d$A == "3" & d$C == "anneal", 0.003, 0) + rnorm(nrow(d), 0, 0.002), 4)
write.csv(d, "anova_data.csv", row.names = FALSE)
d$seed <- factor(d$seed); d$A <- factor(d$A, levels = c("0.3", "1", "3"))
d$B <- factor(d$B, levels = c("batch", "sample")); d$C <- factor(d$C, levels = c("const", "anneal"))
show(summary(aov(y ~ seed + A*B*C, data = d))[[1]])
cat("Error(seed), within stratum:\n"); show(summary(aov(y ~ A*B*C + Error(seed), data = d))[["Error: Within"]][[1]])
cat("total SS", sum((d$y - mean(d$y))^2), "\n")
for (f in c("A", "B", "C")) {
  per <- aggregate(d$y, by = list(seed = d$seed, level = d[[f]]), FUN = mean)
  for (l in levels(d[[f]])) { v <- per$x[per$level == l]; cat(f, l, mean(v), sd(v), t.test(v)$conf.int, "\n") }
}
per <- aggregate(d$y, by = list(seed = d$seed, A = d$A, C = d$C), FUN = mean)
for (a in levels(d$A)) for (c in levels(d$C)) { v <- per$x[per$A == a & per$C == c]; cat("AC", a, c, mean(v), t.test(v)$conf.int, "\n") }

# Seed 4 incomplete and dropped: the analysis of seeds 1-3.
e <- droplevels(d[d$seed != "4", ])
show(summary(aov(y ~ seed + A*B*C, data = e))[[1]])
per <- aggregate(e$y, by = list(seed = e$seed, level = e$A), FUN = mean)
for (l in levels(e$A)) { v <- per$x[per$level == l]; cat("seeds 1-3, A", l, mean(v), t.test(v)$conf.int, "\n") }
