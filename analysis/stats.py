"""Public statistics API of the observatory: `from analysis.stats import ...`.

Methods note: the choices made where the sources disagree (methods.md section 10)
-------------------------------------------------------------------------------
* Intervals: proportions use Wilson. Rates use exact Poisson below 10 events and Byar's from
  10 (10 itself uses Byar's). A Byar's lower limit that would be negative is NaN. DSRs use
  Dobson with Byar's on the total, and are suppressed below 10 events (NaN, with the note
  "dsr NA for total count < 10"). ISR and standardised ratios put the section 2 count limits
  on O and divide by E. Results are frozen `Interval`s with value, lower, upper, method,
  confidence and note.
* Missing and invalid input: a missing input gives NaN figures with method None. The scalar
  forms raise ValueError on impossible input. The `_vec` forms never raise on bad rows: such a
  row gets NaN figures and method "invalid", so one bad row cannot stop a store build.
* Quantiles (ambiguity 4): `quantiles` uses the PHEindicatormethods `phe_quantile` rule.
  Ties share the lowest rank, and invert=True puts the highest values in quantile 1. It
  returns a float array with NaN where a value is missing. The legacy Fingertips percentile
  bounds are a separate, labelled pair of functions (`fingertips_bounds`, `fingertips_quantile`).
  FingertipsNext NTILE is not used.
* Recent trend: only the latest five valid points count. Invalid points are skipped, as in
  FingertipsNext; they do not break the run as in legacy Fingertips. The time index is
  t = 1..5 by position, not the year (ambiguity 1). The CI weights use
  s = (upper - lower) / 3.92, the constant hard-coded in Fingertips (ambiguity 5), so the
  limits must be 95 % limits. A proportion trend takes its direction from the OLS slope of
  logit(c/d) on t (ambiguity 2). A point with c = 0 or c = d makes that test
  "cannot_be_calculated". Fewer than five usable points, including none at all (e.g. no
  limits for the CI method), gives "cannot_be_calculated" and never "no change"
  (ambiguity 3). In the outlier check a slope of exactly 0 counts as a change of sign.
* SII: the Monte Carlo draws come from numpy's `default_rng(SII_SEED)`, so the same input
  gives the same limits on every run (pass `seed=` to vary them). For rates and proportions
  the draws are made on the log or logit scale. With transform=True every draw's SII/RII is
  back-transformed before its order statistics are taken. `.intercept` is b0 on the fitted
  scale.
"""

from analysis.compare import (
    NOT_COMPARED,
    compare,
    compare_two_levels,
    compare_two_levels_vec,
    compare_vec,
    published_word,
    with_published,
)
from analysis.explain import explain, explain_trend
from analysis.impact import (  # the impact models; methods in docs/impact-methods.md
    before_after,
    cost_per_change,
    difference_in_differences,
    interrupted_time_series,
    spc,
)
from analysis.inequality import SII_SEED, Inequality, sii
from analysis.intervals import mean_ci, proportion_ci, proportion_ci_vec, rate_ci, rate_ci_vec
from analysis.polarity import HIGH_IS_GOOD, LOW_IS_GOOD, NO_JUDGEMENT, normalise_polarity
from analysis.quantiles import fingertips_bounds, fingertips_quantile, quantiles
from analysis.result import Interval
from analysis.standardise import ESP2013, dsr, isr, isratio
from analysis.trend import Trend, recent_trend

__all__ = [
    "ESP2013",
    "HIGH_IS_GOOD",
    "LOW_IS_GOOD",
    "NOT_COMPARED",
    "NO_JUDGEMENT",
    "Inequality",
    "Interval",
    "SII_SEED",
    "Trend",
    "before_after",
    "compare",
    "compare_two_levels",
    "compare_two_levels_vec",
    "compare_vec",
    "cost_per_change",
    "difference_in_differences",
    "dsr",
    "explain",
    "explain_trend",
    "fingertips_bounds",
    "fingertips_quantile",
    "interrupted_time_series",
    "isr",
    "isratio",
    "mean_ci",
    "normalise_polarity",
    "proportion_ci",
    "published_word",
    "proportion_ci_vec",
    "quantiles",
    "rate_ci",
    "rate_ci_vec",
    "recent_trend",
    "sii",
    "spc",
    "with_published",
]
