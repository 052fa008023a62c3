//! A private MariaDB server (own data directory and port) that a test can stop, restart and
//! configure without disturbing the others.

use sqlx::{Connection, MySqlConnection};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A MariaDB server of a test's own.
pub struct PrivateMariaDb {
    pub dir: tempfile::TempDir,
    pub port: u16,
    server: Option<Child>,
}

fn mariadbd() -> &'static str {
    ["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/local/bin/mariadbd"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("mariadbd is required for this test (apt-get install mariadb-server; scripts/test.sh does it)")
}

impl PrivateMariaDb {
    pub fn install() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
        let out = Command::new("mariadb-install-db")
            .args(["--no-defaults", "--auth-root-authentication-method=normal", "--skip-test-db"])
            .arg(format!("--datadir={}", dir.path().join("data").display()))
            .arg(format!("--user={}", user.trim()))
            .output()
            .expect("mariadb-install-db is required for this test (scripts/test.sh installs it)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Self { dir, port, server: None }
    }

    pub fn url(&self) -> String {
        format!("mysql://root@127.0.0.1:{}/skyboard", self.port)
    }

    pub async fn start(&mut self) {
        self.start_with(&[]).await;
    }

    /// Starts the server with extra options (e.g. TLS).
    pub async fn start_with(&mut self, extra: &[String]) {
        let d = self.dir.path();
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout).unwrap();
        let child = Command::new(mariadbd())
            .arg("--no-defaults")
            .arg(format!("--datadir={}", d.join("data").display()))
            .arg(format!("--user={}", user.trim()))
            .args(["--bind-address=127.0.0.1", &format!("--port={}", self.port)])
            .arg(format!("--socket={}", d.join("mysqld.sock").display()))
            .arg(format!("--pid-file={}", d.join("mysqld.pid").display()))
            .args(["--innodb-buffer-pool-size=32M", "--skip-log-bin"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(d.join("server.log")).unwrap())
            .spawn()
            .unwrap();
        self.server = Some(child);
        let url = format!("mysql://root@127.0.0.1:{}/", self.port);
        let start = Instant::now();
        loop {
            if let Ok(c) = MySqlConnection::connect(&url).await {
                let _ = c.close().await;
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "MariaDB did not start: {}", self.server_log());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// A clean shutdown (SIGTERM), waited for.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.server.take() {
            let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
            let _ = child.wait();
        }
    }

    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }
}

impl Drop for PrivateMariaDb {
    fn drop(&mut self) {
        if let Some(mut child) = self.server.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
