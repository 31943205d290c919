//! Where `oaj serve` and `oaj oa` keep the OA store: the SQLite file in the
//! data directory (the default), or the PostgreSQL database given with
//! `--database postgres://...`.

use std::path::Path;

use anyhow::Context;
use oaj_oa::Store;

/// Opens the store: Postgres when `database` is given, else SQLite in `data`.
pub async fn open(database: Option<&str>, data: &Path) -> anyhow::Result<Store> {
    match database {
        Some(url) => Store::connect(url).await.context("cannot open the OA store"),
        None => Store::open(data).await.with_context(|| format!("cannot open the store in {}", data.display())),
    }
}

/// The store for people to read, without a password.
pub fn describe(database: Option<&str>, data: &Path) -> String {
    match database {
        Some(url) => oaj_oa::redact_url(url),
        None => data.display().to_string(),
    }
}
