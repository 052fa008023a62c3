use super::chaos::{Chaos, ChaosSettings, Served, chaos_layer};
use super::hash::stable_hash;
use super::lufthansa_api::{BoardQuery, DEMO_TOKEN_LIFETIME_SECS, board_response, flight_number_response};
use super::schedule::DemoWorld;
use super::{airlabs_api, opensky_api};
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

/// The keys the demo accepts (the pipeline uses these when no real keys are set): Lufthansa and
/// OpenSky client credentials, an AirLabs API key.
#[derive(Debug, Clone)]
pub struct DemoCredentials {
    pub client_id: Secret,
    pub client_secret: Secret,
    pub airlabs_key: Secret,
    pub opensky_client_id: Secret,
    pub opensky_client_secret: Secret,
}

impl Default for DemoCredentials {
    fn default() -> Self {
        Self {
            client_id: Secret::new("skyboard-demo"),
            client_secret: Secret::new("skyboard-demo-secret"),
            airlabs_key: Secret::new("skyboard-demo-airlabs-key"),
            opensky_client_id: Secret::new("skyboard-demo-opensky"),
            opensky_client_secret: Secret::new("skyboard-demo-opensky-secret"),
        }
    }
}

struct DemoState {
    world: DemoWorld,
    clock: SharedClock,
    credentials: DemoCredentials,
    token: String,
    opensky_token: String,
}

/// The simulator's HTTP server on a loopback port.
pub struct DemoServer {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
    chaos: Arc<Chaos>,
}

impl DemoServer {
    /// Binds `127.0.0.1:port` (0 for any free port) and serves in the background.
    pub async fn spawn(
        world: DemoWorld,
        clock: SharedClock,
        credentials: DemoCredentials,
        port: u16,
    ) -> std::io::Result<Self> {
        Self::spawn_with_chaos(world, clock, credentials, port, ChaosSettings::OFF).await
    }

    /// Like [`spawn`](Self::spawn), misbehaving as `chaos` says (`--demo-chaos`).
    pub async fn spawn_with_chaos(
        world: DemoWorld,
        clock: SharedClock,
        credentials: DemoCredentials,
        port: u16,
        chaos: ChaosSettings,
    ) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let chaos = Arc::new(Chaos {
            settings: chaos,
            seed: world.settings.seed,
            sequence: Default::default(),
            served: Default::default(),
        });
        let router = router(world, clock, credentials, chaos.clone());
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, router).await {
                tracing::error!("demo server stopped: {e}");
            }
        });
        Ok(Self { addr, task, chaos })
    }

    /// What the data endpoints have answered so far.
    pub fn served(&self) -> Served {
        self.chaos.served.snapshot()
    }

    /// Base URL of the simulated AirLabs API (`http://127.0.0.1:PORT/airlabs/v9`).
    pub fn airlabs_base_url(&self) -> String {
        format!("http://{}/airlabs/v9", self.addr)
    }

    /// Base URL of the simulated OpenSky API (`http://127.0.0.1:PORT/opensky/api`).
    pub fn opensky_base_url(&self) -> String {
        format!("http://{}/opensky/api", self.addr)
    }

    /// The simulated OpenSky OAuth2 token endpoint.
    pub fn opensky_token_url(&self) -> String {
        format!("http://{}/opensky/auth/token", self.addr)
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

fn router(world: DemoWorld, clock: SharedClock, credentials: DemoCredentials, chaos: Arc<Chaos>) -> Router {
    let seed = world.settings.seed.to_string();
    let token = format!("demo-{:016x}", stable_hash(&[credentials.client_id.expose(), &seed]));
    let opensky_token = format!("demo-os-{:016x}", stable_hash(&[credentials.opensky_client_id.expose(), &seed]));
    let state = Arc::new(DemoState { world, clock, credentials, token, opensky_token });
    let data = Router::new()
        .route("/lufthansa/v1/operations/flightstatus/departures/{airport}/{from}", get(lufthansa_departures))
        .route("/lufthansa/v1/operations/flightstatus/arrivals/{airport}/{from}", get(lufthansa_arrivals))
        .route("/lufthansa/v1/operations/flightstatus/{flight}/{date}", get(lufthansa_flight))
        .route("/airlabs/v9/flights", get(airlabs_flights))
        .route("/airlabs/v9/schedules", get(airlabs_schedules))
        .route("/opensky/api/states/all", get(opensky_states))
        .route_layer(axum::middleware::from_fn_with_state(chaos, chaos_layer));
    Router::new()
        .route("/lufthansa/v1/oauth/token", post(lufthansa_token))
        .route("/opensky/auth/token", post(opensky_issue_token))
        .merge(data)
        .with_state(state)
}

/// An OAuth2 client-credentials grant for this id and secret?
fn client_credentials_match(form: &HashMap<String, String>, id: &Secret, secret: &Secret) -> bool {
    form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("client_id").map(String::as_str) == Some(id.expose())
        && form.get("client_secret").map(String::as_str) == Some(secret.expose())
}

async fn lufthansa_token(State(st): State<Arc<DemoState>>, Form(form): Form<HashMap<String, String>>) -> Response {
    if !client_credentials_match(&form, &st.credentials.client_id, &st.credentials.client_secret) {
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

async fn lufthansa_flight(
    State(st): State<Arc<DemoState>>,
    Path((flight, date)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if !lufthansa_authorized(&st, &headers) {
        return json_response(401, json!({"Error": "Not Authorized"}));
    }
    let Ok(date) = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
        return json_response(
            400,
            json!({"ProcessingErrors": {"ProcessingError": {"@RetryIndicator": false, "Type": "BadRequest", "Code": "INVALID_DATE", "Description": "Invalid date"}}}),
        );
    };
    let self_url = format!("https://api.lufthansa.com/v1/operations/flightstatus/{flight}/{date}");
    let (status, body) = flight_number_response(&st.world, &flight, date, &self_url, st.clock.now());
    json_response(status, body)
}

fn lufthansa_authorized(st: &DemoState, headers: &HeaderMap) -> bool {
    let expected = format!("Bearer {}", st.token);
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) == Some(expected.as_str())
}

async fn airlabs_flights(State(st): State<Arc<DemoState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    match airlabs_key_error(&st, &q) {
        Some(e) => json_response(200, e),
        None => json_response(200, airlabs_api::flights(&st.world, &q, st.clock.now())),
    }
}

async fn airlabs_schedules(State(st): State<Arc<DemoState>>, Query(q): Query<HashMap<String, String>>) -> Response {
    match airlabs_key_error(&st, &q) {
        Some(e) => json_response(200, e),
        None => json_response(200, airlabs_api::schedules(&st.world, &q, st.clock.now())),
    }
}

/// AirLabs answers a bad key with HTTP 200 and an error object.
fn airlabs_key_error(st: &DemoState, q: &HashMap<String, String>) -> Option<Value> {
    match q.get("api_key") {
        None => Some(airlabs_api::error("wrong_params", "api_key is required")),
        Some(k) if k != st.credentials.airlabs_key.expose() => {
            Some(airlabs_api::error("unknown_api_key", "Unknown API key"))
        }
        Some(_) => None,
    }
}

async fn opensky_issue_token(State(st): State<Arc<DemoState>>, Form(form): Form<HashMap<String, String>>) -> Response {
    if !client_credentials_match(&form, &st.credentials.opensky_client_id, &st.credentials.opensky_client_secret) {
        return json_response(
            401,
            json!({"error": "unauthorized_client", "error_description": "Invalid client or Invalid client credentials"}),
        );
    }
    json_response(
        200,
        json!({"access_token": st.opensky_token, "expires_in": 1800, "token_type": "Bearer", "scope": "profile email"}),
    )
}

/// Anonymous calls are served; a token must be the one this server issued.
async fn opensky_states(
    State(st): State<Arc<DemoState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let expected = format!("Bearer {}", st.opensky_token);
        if auth.to_str().ok() != Some(expected.as_str()) {
            return (StatusCode::UNAUTHORIZED, "").into_response();
        }
    }
    match opensky_api::states(&st.world, &q, st.clock.now()) {
        Some(body) => json_response(200, body),
        None => (StatusCode::BAD_REQUEST, "Bad Request").into_response(),
    }
}

fn lufthansa_board(
    State(st): State<Arc<DemoState>>,
    Path((airport, from)): Path<(String, String)>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    departures: bool,
) -> Response {
    if !lufthansa_authorized(&st, &headers) {
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
