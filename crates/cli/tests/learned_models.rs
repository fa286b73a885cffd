//! The learned layer through the binary: the models shipped in `crates/analyze/model` are
//! exactly what `saywho train` produces from PolNeAR's training part (so the repository never
//! ships a stale or hand-edited model), and on the dev part the learned layer beats the rules
//! alone on both direct+partial and indirect content+speaker F1.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn saywho() -> Command {
    Command::new(env!("CARGO_BIN_EXE_saywho"))
}

fn polnear() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/polnear");
    if path.join("train.jsonl").is_file() && path.join("dev.jsonl").is_file() {
        Some(path)
    } else {
        eprintln!("\n!!! SKIPPED: ../shared/eval/polnear is absent; the learned models were not checked !!!\n");
        None
    }
}

#[test]
fn shipped_models_are_what_training_produces() {
    let Some(data) = polnear() else { return };
    let out = tempfile::tempdir().expect("temp dir");
    let status = saywho()
        .args(["train", "--data"])
        .arg(data.join("train.jsonl"))
        .arg("--out")
        .arg(out.path())
        .status()
        .expect("run saywho train");
    assert!(status.success(), "saywho train failed");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../analyze/model");
    for file in ["cues.tsv", "judge.tsv"] {
        let trained = std::fs::read(out.path().join(file)).expect("trained model");
        let embedded = std::fs::read(shipped.join(file)).expect("shipped model");
        assert!(
            trained == embedded,
            "{file}: the shipped model differs from what `saywho train` produces; retrain and commit it"
        );
    }
}

/// content+speaker F1 of the Q and I groups from `saywho eval --format json`.
fn dev_f1(data: &Path, rules_only: bool) -> (f64, f64) {
    let mut cmd = saywho();
    cmd.args(["eval", "--format", "json", "--gold"])
        .arg(data.join("dev.jsonl"));
    if rules_only {
        cmd.arg("--rules-only");
    }
    let out = cmd.output().expect("run saywho eval");
    assert!(out.status.success(), "saywho eval failed");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let f1 = |group: &str| {
        report["detail"]["groups"][group]["content_speaker"]["f1"]
            .as_f64()
            .expect("f1")
    };
    (f1("Q"), f1("I"))
}

#[test]
fn learned_layer_beats_rules_alone_on_dev() {
    let Some(data) = polnear() else { return };
    let (rules_q, rules_i) = dev_f1(&data, true);
    let (model_q, model_i) = dev_f1(&data, false);
    eprintln!("PolNeAR dev content+speaker F1: rules Q {rules_q} I {rules_i}; learned Q {model_q} I {model_i}");
    assert!(model_q > rules_q, "direct+partial: {model_q} <= {rules_q}");
    assert!(model_i > rules_i, "indirect: {model_i} <= {rules_i}");
}
