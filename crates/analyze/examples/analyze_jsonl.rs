//! Development aid: analyse JSONL articles (`{"id","text"}`) from standard input or text files
//! given as arguments, and print the published JSON lines, without the CLI's readers.

use std::io::{self, BufRead, Write};

use saywho_analyze::Analyzer;
use saywho_model::{AnalysisView, Article};

fn main() -> io::Result<()> {
    let analyzer = Analyzer::new();
    let out = io::stdout();
    let mut out = out.lock();
    let emit = |article: Article, out: &mut io::StdoutLock| -> io::Result<()> {
        let analysis = analyzer.analyze(&article.text);
        serde_json::to_writer(&mut *out, &AnalysisView::new(&article, &analysis))?;
        out.write_all(b"\n")
    };
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        for line in io::stdin().lock().lines() {
            let line = line?;
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let id = value["id"].as_str().unwrap_or_default().to_string();
            let text = value["text"].as_str().unwrap_or_default().to_string();
            emit(Article::new(id, text), &mut out)?;
        }
    } else {
        for path in paths {
            let text = std::fs::read_to_string(&path)?;
            emit(Article::new(path, text), &mut out)?;
        }
    }
    Ok(())
}
