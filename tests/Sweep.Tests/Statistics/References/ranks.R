# Reference values for RankComparisonTests. Run: Rscript ranks.R (R 4.2.2).
options(digits = 17)
m <- matrix(c(0.763,0.768,0.771,0.798, 0.599,0.591,0.590,0.569, 0.954,0.971,0.968,0.967, 0.628,0.661,0.654,0.657,
 0.882,0.888,0.886,0.898, 0.936,0.931,0.916,0.931, 0.661,0.668,0.609,0.685, 0.583,0.583,0.563,0.625,
 0.775,0.838,0.866,0.875, 1.000,1.000,1.000,1.000, 0.940,0.962,0.965,0.962, 0.619,0.666,0.614,0.669,
 0.972,0.981,0.975,0.975, 0.957,0.978,0.946,0.970), ncol = 4, byrow = TRUE)
r <- t(apply(-m, 1, rank))   # rank 1 = highest, ties averaged
cat("mean ranks", colMeans(r), "\n")
cat("MRR", colMeans(1/r), "\n")
cat("first", sapply(1:4, function(j) sum(apply(m, 1, max) == m[, j])), "\n")
cat("mean", colMeans(m), "\nsd", apply(m, 2, sd), "\n")
f <- friedman.test(m); cat("friedman", f$statistic, f$p.value, "\n")
N <- 14; k <- 4; chi <- f$statistic
F <- (N-1)*chi/(N*(k-1)-chi); cat("ID", F, pf(F, k-1, (k-1)*(N-1), lower.tail = FALSE), "\n")
cat("uncorrected", 12*N/(k*(k+1)) * (sum(colMeans(r)^2) - k*(k+1)^2/4), "\n")
cat("CD", qtukey(0.95, 4, Inf)/sqrt(2)*sqrt(k*(k+1)/(6*N)), "\n")
# three models, five groups, a tie
s <- matrix(c(0.91,0.93,0.92, 0.88,0.90,0.90, 0.95,0.94,0.96, 0.85,0.89,0.87, 0.90,0.93,0.91), ncol = 3, byrow = TRUE)
r <- t(apply(-s, 1, rank)); cat("small ranks", colMeans(r), "MRR", colMeans(1/r), "\n")
f <- friedman.test(s); cat("small friedman", f$statistic, f$p.value, "\n")
chi <- f$statistic; N <- 5; k <- 3; F <- (N-1)*chi/(N*(k-1)-chi); cat("small ID", F, pf(F, k-1, (k-1)*(N-1), lower.tail = FALSE), "\n")
cat("small CD", qtukey(0.95, 3, Inf)/sqrt(2)*sqrt(k*(k+1)/(6*N)), "\n")
# Demšar's published numbers: the same table with C4.5+cf ahead on "voting" (0.97501).
m[13, 3] <- 0.97501
r <- t(apply(-m, 1, rank)); N <- 14; k <- 4
chi <- 12*N/(k*(k+1)) * (sum(colMeans(r)^2) - k*(k+1)^2/4)
cat("Demsar ranks", colMeans(r), "chi (no tie correction)", chi, "F_F", (N-1)*chi/(N*(k-1)-chi), "\n")
s <- matrix(c(.91,.93,.92, .88,.90,.90, .95,.94,.96, .85,.89,.87, .90,.93,.91), ncol = 3, byrow = TRUE)
cat("small first", sapply(1:3, function(j) sum(apply(s, 1, max) == s[, j])), "\n")
f <- friedman.test(rbind(c(3,2,1), c(3,2,1), c(3,2,1))); cat("agreement", f$statistic, f$p.value, "\n")
