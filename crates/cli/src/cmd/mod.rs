//! One module per subcommand.

pub mod analyze;
pub mod bench;
pub mod eval;
pub mod export;
pub mod ingest;
pub mod link;
pub mod person;
pub mod search;
pub mod serve;
pub mod stories;
pub mod story;
pub mod train;
