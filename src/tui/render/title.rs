use crate::tui::state::{AppState, Screen};
use crate::tui::theme::Theme;
use pipeline::model::BoardKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A day as titles show it: `Thu 2026-11-26`.
pub fn day_text(day: chrono::NaiveDate) -> String {
    day.format("%a %Y-%m-%d").to_string()
}

/// `FRA  Frankfurt am Main International Airport        Departures  Arrivals`, or on the other
/// screens where you are: `FRA  Frankfurt … › LH 400`; a board of another day than today
/// names it (`Thu 2026-11-26`) before the tabs.
pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: Theme) {
    let tabs: Vec<Span> = match state.screen {
        Screen::Board | Screen::Route => [BoardKind::Departures, BoardKind::Arrivals]
            .into_iter()
            .flat_map(|k| {
                let style = if k == state.kind { theme.tab_active() } else { theme.tab_inactive() };
                [Span::raw(" "), Span::styled(format!(" {} ", k.title()), style)]
            })
            .collect(),
        Screen::Airport => vec![Span::styled(" Airport ", theme.tab_active())],
        Screen::Airline => vec![Span::styled(" Airline ", theme.tab_active())],
        Screen::Watchlist => vec![Span::styled(" Watchlist ", theme.tab_active())],
        Screen::Places => vec![Span::styled(" Airports ", theme.tab_active())],
        Screen::Flight => {
            let name = state.flight.as_ref().map(|k| format!(" {} {} ", k.carrier, k.number)).unwrap_or_default();
            vec![Span::styled(name, theme.tab_active())]
        }
        Screen::Map => vec![Span::styled(format!(" Map · {} ", state.map.region.title()), theme.tab_active())],
    };
    let mut tabs = tabs;
    if let Some(day) = state.day_shown().filter(|_| {
        matches!(state.screen, Screen::Board | Screen::Route | Screen::Airport | Screen::Airline | Screen::Places)
    }) {
        tabs.insert(0, Span::styled(format!(" {} ", day_text(day)), theme.title()));
    }
    let tabs_width: usize = tabs.iter().map(|s| s.width()).sum();
    let (code, name) = match (state.screen, state.route.as_ref()) {
        (Screen::Route, Some(route)) => {
            // `FRA → JFK  Frankfurt → New York`: the cities (else the names) once known.
            let place = |kind| {
                state.route_board(kind).map(|b| b.airport.city.clone().unwrap_or_else(|| b.airport.name.clone()))
            };
            let names = match (place(BoardKind::Departures), place(BoardKind::Arrivals)) {
                (Some(from), Some(to)) => format!("{from} → {to}"),
                _ => String::new(),
            };
            (format!("{} → {}", route.from, route.to), names)
        }
        (Screen::Places, _) => {
            let what = state.places.as_ref().map(crate::tui::state::describe_places).unwrap_or_default();
            let count = state.places_shown().map(|p| format!("{} airports", p.len())).unwrap_or_default();
            (what, count)
        }
        (Screen::Watchlist, _) => {
            let n = state.watching.flights.len();
            ("Watchlist".to_string(), format!("{n} flight{} watched", if n == 1 { "" } else { "s" }))
        }
        (Screen::Airline, _) => {
            let name = state
                .airline_day
                .as_ref()
                .filter(|s| Some(&s.code) == state.airline.as_ref())
                .and_then(|s| s.data.as_ref())
                .map(|d| d.airline.name.clone())
                .unwrap_or_default();
            (state.airline.clone().unwrap_or_default(), name)
        }
        _ => {
            let name = state
                .board_of(BoardKind::Departures)
                .or(state.board_of(BoardKind::Arrivals))
                .map(|b| b.airport.name.clone())
                .unwrap_or_default();
            (state.airport.clone(), name)
        }
    };
    let code_width = code.chars().count();
    let room = usize::from(area.width).saturating_sub(tabs_width + code_width + 3);
    let name = super::text::clip(&name, room);
    let used = 1 + code_width + 2 + name.chars().count();
    let pad = usize::from(area.width).saturating_sub(used + tabs_width);
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(code, theme.title()),
        Span::raw("  "),
        Span::styled(name, theme.text()),
        Span::raw(" ".repeat(pad)),
    ];
    spans.extend(tabs);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
