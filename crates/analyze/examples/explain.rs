//! Development aid: every candidate the rules find in a text file, with the judge's
//! probability and the features that weighed most, to see why the judge kept or dropped it.

use saywho_analyze::Analyzer;

fn main() -> std::io::Result<()> {
    let analyzer = Analyzer::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        for c in analyzer.candidates(&text) {
            let judge = analyzer.judge();
            let mut weighed: Vec<(f32, &str)> = c
                .features
                .iter()
                .map(|f| (judge.weight(f), f.as_str()))
                .collect();
            let z: f32 = weighed.iter().map(|w| w.0).sum();
            weighed.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
            let span = c.quote.span;
            let content: String = text.chars().skip(span.start).take(span.len()).collect();
            println!(
                "{:.3} {:?} {:?} speaker={:?}",
                1.0 / (1.0 + (-z).exp()),
                c.quote.kind,
                content,
                c.speaker_name
            );
            for (w, f) in weighed.iter().take(6) {
                println!("      {w:+.3} {f}");
            }
        }
    }
    Ok(())
}
