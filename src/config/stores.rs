//! Where the lake, staging and warehouse live, and their locations, which print redacted.

use serde::Serialize;

/// Where the lake, staging and warehouse live. URLs may carry passwords: they print redacted.
#[derive(Debug, Clone, Serialize)]
pub struct StoresConfig {
    pub lake: StoreUrl,
    pub staging: StoreUrl,
    pub warehouse: StoreUrl,
    pub staging_retention_days: u32,
    pub s3_endpoint: Option<String>,
    pub s3_region: Option<String>,
    pub s3_path_style: bool,
}

/// A store location; `Debug` and `Serialize` drop any password in it.
#[derive(Clone, PartialEq, Eq)]
pub struct StoreUrl(pub(super) String);

impl StoreUrl {
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn redacted(&self) -> String {
        match url::Url::parse(&self.0) {
            Ok(mut u) if u.password().is_some() => {
                let _ = u.set_password(Some(pipeline::secret::REDACTED));
                u.to_string()
            }
            _ => self.0.clone(),
        }
    }
}

impl std::fmt::Debug for StoreUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl Serialize for StoreUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.redacted())
    }
}
