//! A full headless cycle against fakes of all three APIs with known fake secrets, then a search
//! of everything skyboard wrote (logs, lake objects and their metadata, staging, warehouse,
//! `skyboard config`) for those secrets and for the bearer tokens they bought.

use std::io::Read;
use std::path::Path;
use std::process::Command;
use wiremock::matchers::{method, path, path_regex, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRETS: &[&str] = &[
    "lh-id-S3CR3T1",
    "lh-secret-S3CR3T2",
    "al-key-S3CR3T3",
    "os-id-S3CR3T4",
    "os-secret-S3CR3T5",
    "lh-token-S3CR3T6",
    "os-token-S3CR3T7",
];

async fn fakes() -> (MockServer, MockServer, MockServer) {
    let (lh, al, os) = (MockServer::start().await, MockServer::start().await, MockServer::start().await);
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"access_token":"lh-token-S3CR3T6","token_type":"bearer","expires_in":21600}"#),
        )
        .mount(&lh)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/operations/flightstatus/departures/FRA/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"FlightStatusResource":{"Flights":{"Flight":{"Departure":{"AirportCode":"FRA","ScheduledTimeLocal":{"DateTime":"2026-11-27T10:00"},"ScheduledTimeUTC":{"DateTime":"2026-11-27T09:00Z"}},"Arrival":{"AirportCode":"JFK","ScheduledTimeUTC":{"DateTime":"2026-11-27T17:00Z"}},"OperatingCarrier":{"AirlineID":"LH","FlightNumber":"400"},"FlightStatus":{"Code":"NA"}}},"Meta":{"TotalCount":1}}}"#,
        ))
        .mount(&lh)
        .await;
    Mock::given(method("GET"))
        .and(path("/flights"))
        .and(query_param("api_key", "al-key-S3CR3T3"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"request":{"method":"flights","version":9,"key":{"type":"free","limits_by_month":1000}},"response":[{"hex":"3C6702","lat":50.0,"lng":8.5,"updated":UPDATED,"flight_icao":"DLH400","flight_iata":"LH400","dep_iata":"FRA","arr_iata":"JFK"}]}"#
                .replace("UPDATED", &chrono::Utc::now().timestamp().to_string()),
        ))
        .mount(&al)
        .await;
    Mock::given(method("GET"))
        .and(path("/schedules"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"error":{"message":"Unknown api_key","code":"unknown_api_key"}}"#),
        )
        .mount(&al)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_string(r#"{"access_token":"os-token-S3CR3T7","token_type":"Bearer","expires_in":1800}"#),
        )
        .mount(&os)
        .await;
    Mock::given(method("GET"))
        .and(path("/states/all"))
        .respond_with(ResponseTemplate::new(200).set_body_string(format!(
            r#"{{"time":{t},"states":[["4240ec","UTA394  ","United Kingdom",{t},{t},8.9,50.1,8404.86,false,225.19,84.89,9.1,null,8397.24,"7674",false,0]]}}"#,
            t = chrono::Utc::now().timestamp()
        )))
        .mount(&os)
        .await;
    (lh, al, os)
}

/// Every file under `dir`, gzip objects decompressed.
fn everything_written(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            everything_written(&p, out);
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        if p.extension().is_some_and(|e| e == "gz") {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text).unwrap();
            out.push((format!("{} (decompressed)", p.display()), text));
        }
        out.push((p.display().to_string(), bytes));
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_cycle_with_fake_keys_writes_no_secret_anywhere() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (lh, al, os) = rt.block_on(fakes());
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("skyboard.toml");
    std::fs::write(&config, "airports = [\"FRA\"]\n[pipeline]\nhorizon_back_hours = 0\nhorizon_ahead_hours = 1\n")
        .unwrap();
    let data = dir.path().join("data");
    let envs = [
        ("LH_CLIENT_ID", SECRETS[0].to_string()),
        ("LH_CLIENT_SECRET", SECRETS[1].to_string()),
        ("LH_BASE_URL", lh.uri()),
        ("AIRLABS_API_KEY", SECRETS[2].to_string()),
        ("AIRLABS_BASE_URL", al.uri()),
        ("OPENSKY_CLIENT_ID", SECRETS[3].to_string()),
        ("OPENSKY_CLIENT_SECRET", SECRETS[4].to_string()),
        ("OPENSKY_BASE_URL", os.uri()),
        ("OPENSKY_TOKEN_URL", format!("{}/token", os.uri())),
    ];
    let run = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_skyboard"));
        cmd.arg("--config").arg(&config).arg("--data-dir").arg(&data).args(args);
        cmd.env("XDG_CONFIG_HOME", "/nonexistent-skyboard-test").env_remove("RUST_LOG");
        for (k, v) in &envs {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let cycle = run(&["--pipeline-only", "--once", "--log-level", "debug"]);
    let shown = run(&["config"]);
    assert!(cycle.status.success(), "{}", String::from_utf8_lossy(&cycle.stderr));
    assert!(shown.status.success());

    // The secrets were used: each API saw its key or token.
    let requests = rt.block_on(async {
        let mut all = Vec::new();
        for server in [&lh, &al, &os] {
            all.extend(server.received_requests().await.unwrap_or_default());
        }
        all
    });
    let sent: String =
        requests.iter().map(|r| format!("{} {:?} {}\n", r.url, r.headers, String::from_utf8_lossy(&r.body))).collect();
    for s in SECRETS {
        assert!(sent.contains(s), "{s} was never sent: the test would prove nothing");
    }

    let mut written = vec![
        ("cycle stdout".to_string(), cycle.stdout),
        ("cycle stderr".to_string(), cycle.stderr),
        ("config stdout".to_string(), shown.stdout),
        ("config stderr".to_string(), shown.stderr),
    ];
    everything_written(&data, &mut written);
    let lake_objects = written.iter().filter(|(p, _)| p.ends_with("(decompressed)")).count();
    assert!(lake_objects >= 4, "lake objects from all three APIs: {lake_objects}");
    let warehouse: Vec<u8> =
        written.iter().filter(|(p, _)| p.contains("warehouse")).flat_map(|(_, b)| b.clone()).collect();
    assert!(
        contains(&warehouse, "3c6702") && contains(&warehouse, "4240ec"),
        "positions from AirLabs and OpenSky loaded"
    );
    for (what, bytes) in &written {
        for s in SECRETS {
            assert!(!contains(bytes, s), "{s} found in {what}");
        }
    }
}
