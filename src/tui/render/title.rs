use crate::tui::state::AppState;
use crate::tui::theme::Theme;
use pipeline::model::BoardKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `FRA  Frankfurt am Main International Airport        Departures  Arrivals`
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let tabs: Vec<Span> = [BoardKind::Departures, BoardKind::Arrivals]
        .into_iter()
        .flat_map(|k| {
            let style = if k == state.kind { theme.tab_active() } else { theme.tab_inactive() };
            [Span::raw(" "), Span::styled(format!(" {} ", k.title()), style)]
        })
        .collect();
    let tabs_width: usize = tabs.iter().map(|s| s.width()).sum();
    let name = state
        .snapshot
        .as_ref()
        .and_then(|s| s.departures.as_ref().or(s.arrivals.as_ref()))
        .map(|b| b.airport.name.clone())
        .unwrap_or_default();
    let room = usize::from(area.width).saturating_sub(tabs_width + state.airport.len() + 3);
    let name: String = if name.chars().count() > room {
        name.chars().take(room.saturating_sub(1)).chain(std::iter::once('…')).collect()
    } else {
        name
    };
    let used = 1 + state.airport.len() + 2 + name.chars().count();
    let pad = usize::from(area.width).saturating_sub(used + tabs_width);
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(state.airport.clone(), theme.title()),
        Span::raw("  "),
        Span::styled(name, theme.text()),
        Span::raw(" ".repeat(pad)),
    ];
    spans.extend(tabs);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
