//! `--metrics-addr`: `/metrics` (OpenMetrics text for Prometheus) and `/healthz` (200 while every
//! job succeeded within three of its intervals, 503 with the late jobs otherwise).

use super::metrics::Metrics;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use std::net::SocketAddr;
use std::sync::Arc;

const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

async fn metrics(State(m): State<Arc<Metrics>>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, OPENMETRICS)], m.encode())
}

async fn healthz(State(m): State<Arc<Metrics>>) -> impl IntoResponse {
    let late = m.late_jobs();
    if late.is_empty() {
        (StatusCode::OK, "ok\n".to_string())
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, format!("late: {}\n", late.join(", ")))
    }
}

/// Binds `addr` and serves until the process ends; returns the bound address (port 0 picks one).
pub async fn serve_metrics(addr: SocketAddr, m: Arc<Metrics>) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let app = Router::new().route("/metrics", get(metrics)).route("/healthz", get(healthz)).with_state(m);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!("metrics server: {e}");
        }
    });
    Ok(bound)
}
