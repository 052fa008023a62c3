use super::hash::stable_hash;
use super::lufthansa_api::{BoardQuery, DEMO_TOKEN_LIFETIME_SECS, board_response};
use super::schedule::DemoWorld;
use crate::clock::SharedClock;
use crate::secret::Secret;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

/// The client credentials the demo accepts (the pipeline uses these when no real keys are set).
#[derive(Debug, Clone)]
pub struct DemoCredentials {
    pub client_id: Secret,
    pub client_secret: Secret,
}

impl Default for DemoCredentials {
    fn default() -> Self {
        Self { client_id: Secret::new("skyboard-demo"), client_secret: Secret::new("skyboard-demo-secret") }
    }
}

struct DemoState {
    world: DemoWorld,
    clock: SharedClock,
    credentials: DemoCredentials,
    token: String,
}

/// The simulator's HTTP server on a loopback port.
pub struct DemoServer {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl DemoServer {
    /// Binds `127.0.0.1:port` (0 for any free port) and serves in the background.
    pub async fn spawn(
        world: DemoWorld,
        clock: SharedClock,
        credentials: DemoCredentials,
        port: u16,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let router = router(world, clock, credentials);
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, router).await {
                tracing::error!("demo server stopped: {e}");
            }
        });
        Ok(Self { addr, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Base URL of the simulated Lufthansa Open API (`http://127.0.0.1:PORT/lufthansa/v1`).
    pub fn lufthansa_base_url(&self) -> String {
        format!("http://{}/lufthansa/v1", self.addr)
    }

    /// Serves until the task is aborted (for `skyboard demo serve`).
    pub async fn wait(mut self) {
        let _ = (&mut self.task).await;
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn router(world: DemoWorld, clock: SharedClock, credentials: DemoCredentials) -> Router {
    let token =
        format!("demo-{:016x}", stable_hash(&[credentials.client_id.expose(), &world.settings.seed.to_string()]));
    let state = Arc::new(DemoState { world, clock, credentials, token });
    Router::new()
        .route("/lufthansa/v1/oauth/token", post(lufthansa_token))
        .route("/lufthansa/v1/operations/flightstatus/departures/{airport}/{from}", get(lufthansa_departures))
        .route("/lufthansa/v1/operations/flightstatus/arrivals/{airport}/{from}", get(lufthansa_arrivals))
        .with_state(state)
}

async fn lufthansa_token(State(st): State<Arc<DemoState>>, Form(form): Form<HashMap<String, String>>) -> Response {
    let ok = form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("client_id").map(String::as_str) == Some(st.credentials.client_id.expose())
        && form.get("client_secret").map(String::as_str) == Some(st.credentials.client_secret.expose());
    if !ok {
        return (StatusCode::UNAUTHORIZED, Json(json!({"error": "invalid_client"}))).into_response();
    }
    // The real API answers a lower-case "bearer" token type.
    Json(json!({"access_token": st.token, "token_type": "bearer", "expires_in": DEMO_TOKEN_LIFETIME_SECS}))
        .into_response()
}

async fn lufthansa_departures(
    st: State<Arc<DemoState>>,
    path: Path<(String, String)>,
    headers: HeaderMap,
    query: Query<HashMap<String, String>>,
) -> Response {
    lufthansa_board(st, path, headers, query, true)
}

async fn lufthansa_arrivals(
    st: State<Arc<DemoState>>,
    path: Path<(String, String)>,
    headers: HeaderMap,
    query: Query<HashMap<String, String>>,
) -> Response {
    lufthansa_board(st, path, headers, query, false)
}

fn lufthansa_board(
    State(st): State<Arc<DemoState>>,
    Path((airport, from)): Path<(String, String)>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    departures: bool,
) -> Response {
    let expected = format!("Bearer {}", st.token);
    if headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return json_response(401, json!({"Error": "Not Authorized"}));
    }
    let Some(from_local) = crate::clean::parse_local_minutes(&from) else {
        return json_response(
            400,
            json!({"ProcessingErrors": {"ProcessingError": {"@RetryIndicator": false, "Type": "BadRequest", "Code": "INVALID_DATE", "Description": "Invalid fromDateTime"}}}),
        );
    };
    let num = |k: &str, d: usize| query.get(k).and_then(|v| v.parse().ok()).unwrap_or(d);
    let dir = if departures { "departures" } else { "arrivals" };
    let self_url = format!("https://api.lufthansa.com/v1/operations/flightstatus/{dir}/{airport}/{from}");
    let q = BoardQuery {
        airport: &airport.to_ascii_uppercase(),
        departures,
        from_local,
        limit: num("limit", 20),
        offset: num("offset", 0),
        self_url: &self_url,
    };
    let (status, body) = board_response(&st.world, &q, st.clock.now());
    json_response(status, body)
}

fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}
