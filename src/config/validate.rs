//! Checks of configured values, each failing with the file it came from.

use super::*;

/// A box `[south, west, north, east]` as configured under `key` (`None`: the world).
pub(super) fn valid_box(
    b: Option<[f64; 4]>,
    key: &str,
    path: Option<&std::path::Path>,
) -> Result<Option<[f64; 4]>, ConfigError> {
    let Some(b @ [s, w, n, e]) = b else { return Ok(None) };
    if (-90.0..=90.0).contains(&s)
        && (-90.0..=90.0).contains(&n)
        && s < n
        && (-180.0..=180.0).contains(&w)
        && (-180.0..=180.0).contains(&e)
        && w < e
    {
        return Ok(Some(b));
    }
    Err(ConfigError::Invalid {
        path: path.map(|p| p.to_path_buf()),
        message: format!("{key}: {b:?} is not [south, west, north, east] in degrees"),
    })
}

pub(super) fn validate_stores(stores: &StoresConfig, path: Option<&std::path::Path>) -> Result<(), ConfigError> {
    let bad = |message: String| Err(ConfigError::Invalid { path: path.map(|p| p.to_path_buf()), message });
    let lake = stores.lake.expose();
    if lake.contains("://") && !lake.starts_with("s3://") {
        return bad(format!(
            "stores.lake: {} is neither a directory nor an s3://bucket/prefix URL",
            stores.lake.redacted()
        ));
    }
    if lake.starts_with("s3://") && pipeline::lake::S3Location::parse(lake).is_none() {
        return bad(format!("stores.lake: {} has no valid bucket name", stores.lake.redacted()));
    }
    let staging = stores.staging.expose();
    if staging != "embedded" && !staging.starts_with("mongodb://") && !staging.starts_with("mongodb+srv://") {
        return bad(format!("stores.staging: {} must be `embedded` or a mongodb:// URL", stores.staging.redacted()));
    }
    let warehouse = stores.warehouse.expose();
    if !["sqlite://", "mysql://", "mariadb://"].iter().any(|p| warehouse.starts_with(p)) {
        return bad(format!("stores.warehouse: {} must be a sqlite:// or mysql:// URL", stores.warehouse.redacted()));
    }
    Ok(())
}

pub(super) fn validate_airport(code: &str, path: Option<&std::path::Path>, what: &str) -> Result<(), ConfigError> {
    if Reference::embedded().airport(code).is_some() {
        return Ok(());
    }
    Err(ConfigError::Invalid {
        path: path.map(|p| p.to_path_buf()),
        message: format!("{what}: {code:?} is not a known IATA airport code"),
    })
}
