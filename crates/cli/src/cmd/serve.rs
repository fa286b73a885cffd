//! `saywho serve`: the newsroom view of a store: JSON API and web pages (saywho-serve).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};

use super::ingest::{open_for_query, DEFAULT_DB};

/// Arguments of `saywho serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Address to listen on; loopback by default. Any other address needs --token.
    #[arg(long, default_value = saywho_serve::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// Token the write endpoints require (Authorization: Bearer TOKEN); also from SAYWHO_TOKEN.
    #[arg(long, env = "SAYWHO_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest request body accepted, in KiB.
    #[arg(long, default_value_t = 2048)]
    max_body_kib: usize,
    /// Longest a request may take, in seconds, before it is answered 503.
    #[arg(long, default_value_t = 30)]
    timeout_secs: u64,
}

/// Runs the server until Ctrl-C.
pub fn run(args: Args) -> Result<ExitCode> {
    // Repairs what a crashed ingest left behind (index catch-up, person links) before serving.
    drop(open_for_query(&args.db)?);
    let mut config = saywho_serve::Config::new(args.db.clone(), args.addr);
    config.token = args.token.filter(|t| !t.is_empty());
    config.body_limit = args.max_body_kib.max(1) * 1024;
    config.timeout = Duration::from_secs(args.timeout_secs.max(1));
    config.check()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime
        .block_on(saywho_serve::serve(
            config,
            |addr| eprintln!("saywho: serving {} on http://{addr}/", args.db.display()),
            async {
                let _ = tokio::signal::ctrl_c().await;
            },
        ))
        .with_context(|| format!("serving {}", args.db.display()))?;
    Ok(ExitCode::SUCCESS)
}
