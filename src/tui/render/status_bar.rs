use crate::tui::keymap::Command;
use crate::tui::state::{AppState, PipelineHealth, age};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// ` DEMO  data <1m old │ LH <1m  AL 2m │ sqlite │ FRA 21:34 CET │ ? keys  q quit`
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let live = state.source_label == "LIVE";
    let mut spans = vec![Span::styled(format!(" {} ", state.source_label), theme.mode_badge(live)), Span::raw(" ")];
    if let Some(notice) = &state.notice {
        spans.push(Span::styled(notice.clone(), theme.error()));
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status_bar()), area);
        return;
    }
    if let Some((alert, _)) = &state.watching.alert {
        // A watched flight changed: the news in place of the data's age, for a while.
        spans.push(Span::styled(format!(" {} ", alert.flight), theme.tab_active()));
        spans.push(Span::styled(format!(" {}", alert.text), theme.title()));
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status_bar()), area);
        return;
    }
    let newest = state.snapshot.as_ref().and_then(|s| s.freshness.newest_observation);
    spans.push(Span::raw(match newest {
        Some(t) => format!("data {} old", age(state.now, t)),
        None => "waiting for data".to_string(),
    }));
    let mut problems = pipeline_problems(&state.health);
    let sources = state.snapshot.iter().flat_map(|snap| &snap.sources);
    // Each source's newest success; a failing one in red with how long it has not answered.
    let mut badges = Vec::new();
    let mut failing_short = Vec::new();
    for s in sources {
        let short = short_name(&s.source);
        let ok_age = s.last_ok.map(|ok| age(state.now, ok));
        if s.failing() {
            problems.push(match &ok_age {
                Some(a) => format!("{} failing, last ok {a} ago", s.source),
                None => format!("{} failing", s.source),
            });
            failing_short.push(format!("{short} ✗{}", ok_age.unwrap_or_default()));
        } else if let Some(a) = ok_age {
            badges.push(format!("{short} {a}"));
        }
    }
    let local = state.board_of(state.kind).map(|b| &b.airport).map(|airport| {
        let local = state.now.with_timezone(&airport.tz);
        format!(" │ {} {}", airport.code(), local.format("%H:%M %Z"))
    });
    // What fits, most important first: the problems, the local time and the keys; then each
    // source's age and the backend. A narrow terminal gets the short form of the problems.
    let width = usize::from(area.width);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    // The help and quit keys as bound (`[keys]` may move them).
    let first = |c| state.keymap.keys_of(c).first().map(|k| k.label()).unwrap_or_default();
    let keys = format!(" │ {} keys  {} quit", first(Command::Help), first(Command::Quit));
    let keys = keys.as_str();
    let mut optional = Vec::new();
    if !badges.is_empty() {
        optional.push(format!(" │ {}", badges.join("  ")));
    }
    if !state.backend.is_empty() {
        optional.push(format!(" │ {}", state.backend));
    }
    let local_text = local.unwrap_or_default();
    let fixed = |problems: &str| {
        used + keys.chars().count()
            + local_text.chars().count()
            + if problems.is_empty() { 0 } else { 3 + problems.chars().count() }
    };
    let mut problem_text = problems.join(", ");
    if fixed(&problem_text) > width && !failing_short.is_empty() {
        let mut short: Vec<String> = problems.iter().filter(|p| !p.contains("failing")).cloned().collect();
        short.extend(failing_short);
        problem_text = short.join(", ");
    }
    let mut room = width.saturating_sub(fixed(&problem_text));
    for part in optional {
        let w = part.chars().count();
        if w <= room {
            room -= w;
            spans.push(Span::raw(part));
        }
    }
    if !problem_text.is_empty() {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(problem_text, theme.error()));
    }
    spans.push(Span::raw(local_text));
    spans.push(Span::raw(keys));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status_bar()), area);
}

/// What the status bar says of the pipeline's runs: `2 store errors`, `1 retried`, …
pub fn pipeline_problems(h: &PipelineHealth) -> Vec<String> {
    let mut problems = Vec::new();
    if h.store_errors > 0 {
        problems.push(format!("{} store errors", h.store_errors));
    }
    if h.source_errors > 0 {
        problems.push(format!("{} fetch errors", h.source_errors));
    }
    if h.failed_attempts > 0 {
        problems.push(format!("{} retried", h.failed_attempts));
    }
    if h.bad_responses > 0 {
        problems.push(format!("{} bad answers", h.bad_responses));
    }
    problems
}

/// `LH`, `AL`, `OS`: a source's name as the status bar abbreviates it.
fn short_name(source: &str) -> &str {
    match source {
        "lufthansa" => "LH",
        "airlabs" => "AL",
        "opensky" => "OS",
        other => other,
    }
}
