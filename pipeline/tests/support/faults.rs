//! Faults a test injects in a real component: a MongoDB-wire server to stop and start, a disk
//! that is full.

use std::time::Duration;

/// A private MongoDB-wire server (SecantusDB) with its data on disk, to stop and start.
pub struct PrivateMongo {
    pub child: std::process::Child,
    pub port: u16,
    pub dir: std::path::PathBuf,
}

impl PrivateMongo {
    pub fn binary() -> String {
        std::env::var("SKYBOARD_TEST_SECANTUSD").unwrap_or_else(|_| {
            let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
            format!("{home}/.cache/skyboard-test/venv/bin/secantusd-py")
        })
    }

    pub async fn start(port: u16, dir: &std::path::Path) -> Self {
        let child = std::process::Command::new(Self::binary())
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--storage-path"])
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{} (scripts/test.sh installs it): {e}", Self::binary()));
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(std::time::Instant::now() < deadline, "the MongoDB-wire server did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Self { child, port, dir: dir.to_path_buf() }
    }

    pub fn url(&self) -> String {
        format!("mongodb://127.0.0.1:{}/skyboard_fault?directConnection=true&serverSelectionTimeoutMS=1500", self.port)
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrivateMongo {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A small tmpfs mounted over the lake directory, filled to the last byte.
pub struct FullDisk {
    pub mount: std::path::PathBuf,
}

impl FullDisk {
    pub fn mount(at: &std::path::Path) -> Self {
        std::fs::create_dir_all(at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "mounting a tmpfs needs root (scripts/test.sh runs as root)");
        let filler = at.join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 4096];
        while std::io::Write::write_all(&mut f, &block).is_ok() {}
        Self { mount: at.to_path_buf() }
    }

    pub fn free(&self) {
        std::fs::remove_file(self.mount.join("filler")).unwrap();
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(&self.mount).status();
    }
}
