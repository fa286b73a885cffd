//! Counts turned into precision, recall and F1, printed and serialised in the reference
//! scorer's exact layout so either output can stand in for the other.

use std::fmt;

use serde::Serialize;
use serde_json::{json, Value};

/// Matched and total quotations on both sides, before any ratio is taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Predictions matched to a gold quotation.
    pub(crate) tp_pred: usize,
    /// Predictions.
    pub(crate) pred: usize,
    /// Gold quotations matched to a prediction.
    pub(crate) tp_gold: usize,
    /// Gold quotations.
    pub(crate) gold: usize,
}

impl Counts {
    pub(crate) fn add(&mut self, tp_pred: usize, pred: usize, tp_gold: usize, gold: usize) {
        self.tp_pred += tp_pred;
        self.pred += pred;
        self.tp_gold += tp_gold;
        self.gold += gold;
    }
}

/// Precision, recall and F1 rounded to four places, with the counts behind them. Fields are in
/// the order the reference prints them (sorted keys).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Prf {
    /// Harmonic mean of the unrounded precision and recall, rounded.
    pub f1: f64,
    /// Gold quotations.
    pub gold: usize,
    /// Predictions.
    pub pred: usize,
    /// Matched predictions over predictions (1 when there is nothing to predict or find).
    pub precision: f64,
    /// Matched gold over gold.
    pub recall: f64,
    /// Gold quotations matched.
    pub tp_gold: usize,
    /// Predictions matched.
    pub tp_pred: usize,
}

impl From<Counts> for Prf {
    fn from(c: Counts) -> Self {
        let ratio = |num: usize, den: usize, other: usize| {
            if den > 0 {
                num as f64 / den as f64
            } else if other == 0 {
                1.0
            } else {
                0.0
            }
        };
        let p = ratio(c.tp_pred, c.pred, c.gold);
        let r = ratio(c.tp_gold, c.gold, c.pred);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            f1: round4(f),
            gold: c.gold,
            pred: c.pred,
            precision: round4(p),
            recall: round4(r),
            tp_gold: c.tp_gold,
            tp_pred: c.tp_pred,
        }
    }
}

/// Python's `round(x, 4)`: the nearest four-place decimal (ties to even on the exact binary
/// value), read back as the nearest double. Rust's fixed-precision formatting rounds the exact
/// value the same way.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// The two ways a quotation can be right.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct GroupScores {
    /// The content span matches.
    pub content: Prf,
    /// The content matches and the speaker is right.
    pub content_speaker: Prf,
}

impl GroupScores {
    pub(crate) fn of(counts: [Counts; 2]) -> Self {
        GroupScores {
            content: counts[0].into(),
            content_speaker: counts[1].into(),
        }
    }

    fn metrics(&self) -> [(&'static str, &Prf); 2] {
        [
            ("content", &self.content),
            ("content_speaker", &self.content_speaker),
        ]
    }
}

/// Every figure the reference scorer reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    /// Direct and partial quotations, each side's group scored against everything on the other.
    pub direct_partial: GroupScores,
    /// Indirect (reported) speech, scored the same way.
    pub indirect: GroupScores,
    /// Every quotation.
    pub all: GroupScores,
    /// Direct and partial, both sides filtered by kind before matching.
    pub strict_direct_partial: GroupScores,
    /// Indirect, both sides filtered by kind before matching.
    pub strict_indirect: GroupScores,
    /// Gold articles scored.
    pub articles: usize,
    /// Prediction ids with no gold article (ignored).
    pub pred_ids_not_in_gold: usize,
    /// Predicted spans outside the text (clamped to it).
    pub pred_spans_out_of_range: usize,
}

impl Metrics {
    fn groups(&self) -> [(&'static str, &'static str, &GroupScores); 3] {
        [
            ("Q", "direct+partial", &self.direct_partial),
            ("I", "indirect", &self.indirect),
            ("all", "all", &self.all),
        ]
    }

    fn strict_groups(&self) -> [(&'static str, &'static str, &GroupScores); 2] {
        [
            ("Q", "direct+partial", &self.strict_direct_partial),
            ("I", "indirect", &self.strict_indirect),
        ]
    }

    /// The reference scorer's last output line as a value: `polnear` holds the F1 of each group
    /// and metric (`all_content_speaker_f1`, ...), `detail` every figure.
    pub fn to_json(&self) -> Value {
        let mut summary = serde_json::Map::new();
        let mut groups = serde_json::Map::new();
        for (key, label, scores) in self.groups() {
            for (metric, prf) in scores.metrics() {
                summary.insert(format!("{label}_{metric}_f1"), json!(prf.f1));
            }
            groups.insert(key.to_string(), json!(scores));
        }
        let mut strict = serde_json::Map::new();
        for (key, _, scores) in self.strict_groups() {
            strict.insert(key.to_string(), json!(scores));
        }
        json!({
            "detail": {
                "articles": self.articles,
                "groups": groups,
                "pred_ids_not_in_gold": self.pred_ids_not_in_gold,
                "pred_spans_out_of_range": self.pred_spans_out_of_range,
                "strict": strict,
            },
            "polnear": summary,
        })
    }
}

/// The reference scorer's human-readable lines, character for character.
impl fmt::Display for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (_, label, scores) in self.groups() {
            for (metric, v) in scores.metrics() {
                writeln!(
                    f,
                    "{label:15} {metric:16} P={:.4} R={:.4} F1={:.4} (pred={} gold={})",
                    v.precision, v.recall, v.f1, v.pred, v.gold
                )?;
            }
        }
        for (_, label, scores) in self.strict_groups() {
            for (metric, v) in scores.metrics() {
                writeln!(
                    f,
                    "strict {label:8} {metric:16} P={:.4} R={:.4} F1={:.4}",
                    v.precision, v.recall, v.f1
                )?;
            }
        }
        writeln!(
            f,
            "articles={} pred_ids_not_in_gold={} pred_spans_out_of_range={}",
            self.articles, self.pred_ids_not_in_gold, self.pred_spans_out_of_range
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(tp_pred: usize, pred: usize, tp_gold: usize, gold: usize) -> Counts {
        Counts {
            tp_pred,
            pred,
            tp_gold,
            gold,
        }
    }

    #[test]
    fn ratios_follow_the_reference_edge_cases() {
        let none = Prf::from(counts(0, 0, 0, 0));
        assert_eq!((none.precision, none.recall, none.f1), (1.0, 1.0, 1.0));
        let nothing_predicted = Prf::from(counts(0, 0, 0, 4));
        assert_eq!(
            (nothing_predicted.precision, nothing_predicted.recall),
            (0.0, 0.0)
        );
        assert_eq!(nothing_predicted.f1, 0.0);
        let nothing_to_find = Prf::from(counts(0, 3, 0, 0));
        assert_eq!(
            (nothing_to_find.precision, nothing_to_find.recall),
            (0.0, 0.0)
        );
        let some = Prf::from(counts(2, 3, 2, 7));
        assert_eq!(
            (some.precision, some.recall, some.f1),
            (0.6667, 0.2857, 0.4)
        );
    }

    #[test]
    fn rounding_is_pythons() {
        // Values from Python: round(0.03125, 4) == 0.0312 (an exact tie goes to even),
        // round(0.03135, 4) == 0.0314 (the double lies above the tie), round(2/3, 4) == 0.6667.
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.03135), 0.0314);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(1.0), 1.0);
    }
}
