//! `skyboard pipeline replay` end to end: one demo cycle fills a data directory; replaying its
//! lake into a second, empty warehouse exports the same flights and positions. A second replay
//! changes nothing, and `pipeline reprocess` re-cleans staging without a change either.

mod support;

use support::headless::run_skyboard;

#[test]
fn replay_into_an_empty_warehouse_exports_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (status, _, err) = run_skyboard(dir.path(), &["--once"], &[]);
    assert!(status.success(), "{err}");
    let export = |what: &str, env: &[(&str, &str)]| {
        let (status, out, err) = run_skyboard(dir.path(), &["export", what, "--format", "json"], env);
        assert!(status.success(), "{err}");
        out
    };
    let live = (export("flights", &[]), export("positions", &[]));
    assert!(live.0.len() > 1000, "the cycle loaded flights");

    let other = dir.path().join("replayed.sqlite");
    let other_url = format!("sqlite://{}", other.display());
    let env = [("SKYBOARD_WAREHOUSE", other_url.as_str())];
    let since = (chrono::Utc::now() - chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let (status, out, err) = run_skyboard(dir.path(), &["pipeline", "replay", "--since", &since], &env);
    assert!(status.success(), "{out}{err}");
    assert!(err.contains("replaying ") && out.contains("replay: "), "{out}{err}");
    assert_eq!((export("flights", &env), export("positions", &env)), live, "the replayed warehouse differs");

    let (status, out, err) = run_skyboard(dir.path(), &["pipeline", "replay", "--since", &since], &env);
    assert!(status.success(), "{out}{err}");
    let (status, out, err) = run_skyboard(dir.path(), &["pipeline", "reprocess"], &env);
    assert!(status.success(), "{out}{err}");
    assert_eq!((export("flights", &env), export("positions", &env)), live, "replay and reprocess are idempotent");

    let (status, _, err) = run_skyboard(dir.path(), &["pipeline", "replay", "--since", "yesterday"], &env);
    assert_eq!(status.code(), Some(1));
    assert!(err.contains("--since"), "{err}");
}
