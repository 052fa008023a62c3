//! The process-wide TLS crypto provider. reqwest, the AWS SDK, the MongoDB driver and sqlx all
//! use rustls; between them both of its providers (ring and aws-lc-rs) are compiled in, and then
//! rustls will not pick one by itself — a TLS connection would panic. Every entry point that may
//! open TLS calls this first.

/// Installs ring as the default provider, once; a provider installed before is left alone.
pub fn install_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
