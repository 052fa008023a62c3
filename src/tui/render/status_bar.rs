use crate::tui::state::{AppState, age};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// ` DEMO  data <1m old │ FRA 21:34 CET │ ? keys  q quit`
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let live = state.source_label == "LIVE";
    let mut spans = vec![Span::styled(format!(" {} ", state.source_label), theme.mode_badge(live)), Span::raw(" ")];
    let newest = state.snapshot.as_ref().and_then(|s| s.freshness.newest_observation);
    spans.push(Span::raw(match newest {
        Some(t) => format!("data {} old", age(state.now, t)),
        None => "waiting for data".to_string(),
    }));
    let h = state.health;
    let mut problems = Vec::new();
    if h.last_store_errors > 0 {
        problems.push(format!("{} store errors", h.last_store_errors));
    }
    if h.last_source_errors > 0 {
        problems.push(format!("{} fetch errors", h.last_source_errors));
    }
    if h.last_failed_attempts > 0 {
        problems.push(format!("{} retried", h.last_failed_attempts));
    }
    if h.last_bad_responses > 0 {
        problems.push(format!("{} bad answers", h.last_bad_responses));
    }
    // From the runs table: a source whose newest fetch failed, and since when it has not answered.
    for s in state.snapshot.iter().flat_map(|snap| &snap.sources).filter(|s| s.failing()) {
        problems.push(match s.last_ok {
            Some(ok) => format!("{} failing, last ok {} ago", s.source, age(state.now, ok)),
            None => format!("{} failing", s.source),
        });
    }
    if !problems.is_empty() {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(problems.join(", "), theme.error()));
    }
    if let Some(airport) =
        state.snapshot.as_ref().and_then(|s| s.departures.as_ref().or(s.arrivals.as_ref())).map(|b| &b.airport)
    {
        let local = state.now.with_timezone(&airport.tz);
        spans.push(Span::raw(format!(" │ {} {}", airport.iata, local.format("%H:%M %Z"))));
    }
    spans.push(Span::raw(" │ ? keys  q quit"));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status_bar()), area);
}
