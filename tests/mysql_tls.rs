//! TLS to the MySQL/MariaDB warehouse is configured in its URL: against a server that requires
//! secure transport, `ssl-mode=VERIFY_IDENTITY` with the server's CA connects (and the session is
//! encrypted), a URL that turns TLS off is refused, and a CA that did not sign the server's
//! certificate is refused too.

mod support;

use pipeline::warehouse::{MySqlWarehouse, Warehouse};
use std::path::Path;
use std::process::Command;
use support::mariadb::PrivateMariaDb;

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl is required");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A CA, and a server certificate it signed for 127.0.0.1 and localhost.
fn certificates(dir: &Path, ca_name: &str) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            &format!("/CN={ca_name}"),
            "-keyout",
            &format!("{ca_name}-key.pem"),
            "-out",
            &format!("{ca_name}.pem"),
        ],
    );
}

fn server_certificate(dir: &Path) {
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "server-key.pem",
            "-out",
            "server.csr",
        ],
    );
    std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n").unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "san.ext",
            "-out",
            "server.pem",
        ],
    );
}

#[tokio::test]
async fn the_warehouse_connects_over_verified_tls_and_refuses_plain_or_unverified_connections() {
    let certs = tempfile::tempdir().unwrap();
    let d = certs.path();
    certificates(d, "ca");
    certificates(d, "other-ca");
    server_certificate(d);
    let mut db = PrivateMariaDb::install();
    let tls = [
        format!("--ssl-ca={}", d.join("ca.pem").display()),
        format!("--ssl-cert={}", d.join("server.pem").display()),
        format!("--ssl-key={}", d.join("server-key.pem").display()),
        "--require-secure-transport=ON".to_string(),
    ];
    db.start_with(&tls).await;
    let base = db.url();

    let verified = format!("{base}?ssl-mode=VERIFY_IDENTITY&ssl-ca={}", d.join("ca.pem").display());
    let warehouse = MySqlWarehouse::connect(&verified).await.expect("a verified TLS connection");
    warehouse.migrate().await.unwrap();
    let cipher: (String, String) =
        sqlx::query_as("SHOW SESSION STATUS LIKE 'Ssl_cipher'").fetch_one(warehouse.pool()).await.unwrap();
    assert!(!cipher.1.is_empty(), "the session is encrypted: {cipher:?}");

    let plain = format!("{base}?ssl-mode=DISABLED");
    let refused = MySqlWarehouse::connect(&plain).await;
    assert!(refused.is_err(), "the server requires TLS; a plain connection must fail");

    let wrong_ca = format!("{base}?ssl-mode=VERIFY_CA&ssl-ca={}", d.join("other-ca.pem").display());
    let refused = MySqlWarehouse::connect(&wrong_ca).await;
    assert!(refused.is_err(), "a certificate from another CA must not be accepted");
}
