//! A bounded load test for `saywho serve` on loopback: N concurrent clients search for T
//! seconds (alternating the JSON API and the HTML search page over a few words) and the run
//! reports requests/s, p50/p99 latency and the error count.
//!
//! ```text
//! cargo run --release -p saywho-serve --example load -- http://127.0.0.1:8080 [CLIENTS] [SECONDS]
//! ```
//!
//! Only loopback servers are accepted; at most 200 clients for at most 300 seconds.

use std::net::IpAddr;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const WORDS: [&str; 5] = ["coward", "Miliband", "Labour party", "liar", "Respect"];

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args
        .first()
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let secs: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(30);
    if !(1..=200).contains(&clients) || !(1..=300).contains(&secs) {
        eprintln!("load: clients must be 1..=200 and seconds 1..=300");
        return ExitCode::FAILURE;
    }
    let host = base
        .strip_prefix("http://")
        .and_then(|r| r.split('/').next())
        .and_then(|h| h.rsplit_once(':').map(|(h, _)| h.trim_matches(['[', ']'])))
        .unwrap_or("");
    let loopback = host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if !loopback {
        eprintln!("load: only a loopback server (http://127.0.0.1:PORT) may be loaded, not {base}");
        return ExitCode::FAILURE;
    }
    let base = base.trim_end_matches('/').to_string();
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(clients)
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let client = client.clone();
        let base = base.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            let mut i = c;
            while Instant::now() < deadline {
                let word = WORDS[i % WORDS.len()].replace(' ', "%20");
                let url = if i % 2 == 0 {
                    format!("{base}/api/quotes?q={word}&limit=20")
                } else {
                    format!("{base}/?q={word}")
                };
                i += 1;
                let t = Instant::now();
                let ok = match client.get(&url).send().await {
                    Ok(resp) => resp.status().is_success() && resp.bytes().await.is_ok(),
                    Err(_) => false,
                };
                latencies.push(t.elapsed());
                if !ok {
                    errors += 1;
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        match t.await {
            Ok((l, e)) => {
                all.extend(l);
                errors += e;
            }
            Err(e) => {
                eprintln!("load: a client failed: {e}");
                errors += 1;
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((all.len() as f64 * p).ceil() as usize).clamp(1, all.len()) - 1;
        all[i].as_secs_f64() * 1000.0
    };
    println!(
        "load: {clients} clients x {secs}s against {base}: {} requests in {wall:.1}s = {:.1} req/s; \
         latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {errors} error(s)",
        all.len(),
        all.len() as f64 / wall.max(1e-9),
        pct(0.50),
        pct(0.99),
        all.last().map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
    );
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
