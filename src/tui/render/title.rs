use crate::tui::state::{AppState, Screen};
use crate::tui::theme::Theme;
use pipeline::model::BoardKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `FRA  Frankfurt am Main International Airport        Departures  Arrivals`, or on the other
/// screens where you are: `FRA  Frankfurt … › LH 400`.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let tabs: Vec<Span> = match state.screen {
        Screen::Board => [BoardKind::Departures, BoardKind::Arrivals]
            .into_iter()
            .flat_map(|k| {
                let style = if k == state.kind { theme.tab_active() } else { theme.tab_inactive() };
                [Span::raw(" "), Span::styled(format!(" {} ", k.title()), style)]
            })
            .collect(),
        Screen::Airport => vec![Span::styled(" Airport ", theme.tab_active())],
        Screen::Flight => {
            let name = state.flight.as_ref().map(|k| format!(" {} {} ", k.carrier, k.number)).unwrap_or_default();
            vec![Span::styled(name, theme.tab_active())]
        }
        Screen::Map => vec![Span::styled(format!(" Map · {} ", state.map.region.title()), theme.tab_active())],
    };
    let tabs_width: usize = tabs.iter().map(|s| s.width()).sum();
    let name = state
        .board_of(BoardKind::Departures)
        .or(state.board_of(BoardKind::Arrivals))
        .map(|b| b.airport.name.clone())
        .unwrap_or_default();
    let room = usize::from(area.width).saturating_sub(tabs_width + state.airport.len() + 3);
    let name = super::text::clip(&name, room);
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
