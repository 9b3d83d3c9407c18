//! Precision / recall / F1 bookkeeping shared by every `sitrep eval` command.
//!
//! One counter type so every evaluation reports its figures the same way (and the README
//! table can be filled from any of them).

use serde::Serialize;

/// True positives, false positives and false negatives, with derived figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    /// Items found that are in the gold.
    pub tp: usize,
    /// Items found that are not in the gold.
    pub fp: usize,
    /// Gold items not found.
    pub fn_: usize,
}

impl Prf {
    /// Precision (1.0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (1.0 when the gold is empty).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    /// Adds another counter to this one.
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
    /// One line: `label  P 0.912  R 0.875  F1 0.893  (tp 7, fp 1, fn 1)`.
    pub fn line(&self, label: &str) -> String {
        format!(
            "{label:<28} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

/// An agreement rate over matched pairs (e.g. fatalities exact).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Agreement {
    /// Pairs that agree.
    pub agree: usize,
    /// Pairs compared.
    pub total: usize,
}

impl Agreement {
    /// Records one comparison.
    pub fn record(&mut self, agrees: bool) {
        self.total += 1;
        if agrees {
            self.agree += 1;
        }
    }
    /// Share that agree (1.0 when nothing was compared).
    pub fn rate(&self) -> f64 {
        ratio(self.agree, self.total)
    }
    /// One line: `label  0.875  (7/8)`.
    pub fn line(&self, label: &str) -> String {
        format!(
            "{label:<28} {:.3}  ({}/{})",
            self.rate(),
            self.agree,
            self.total
        )
    }
}

/// The harmonic mean of a precision and a recall (0 when both are 0).
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// `a / b`, or 1.0 when `b` is 0 (nothing to get wrong).
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        let p = Prf {
            tp: 8,
            fp: 2,
            fn_: 8,
        };
        assert!((p.precision() - 0.8).abs() < 1e-9);
        assert!((p.recall() - 0.5).abs() < 1e-9);
        assert!((p.f1() - 0.615_384_6).abs() < 1e-6);
        let mut a = Agreement::default();
        a.record(true);
        a.record(false);
        assert!((a.rate() - 0.5).abs() < 1e-9);
        assert!(p.line("x").contains("F1 0.615"));
    }
}
