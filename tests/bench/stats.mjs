// Figures the benchmark scripts print: a percentile of samples, and milliseconds to one
// decimal.

/// The `p`th percentile of `xs` (nearest rank).
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

export const fmt = (x) => x.toFixed(1);
