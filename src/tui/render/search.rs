//! The search box (`:` or `g`) with its completions.

use super::text::{clip, hm};
use crate::tui::state::{SearchHit, SearchState};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

const MAX_HITS: usize = 8;

pub fn render(frame: &mut Frame<'_>, area: Rect, search: &SearchState, theme: Theme) {
    let hits = search.current_hits();
    let width = area.width.min(64);
    let shown = hits.len().min(MAX_HITS);
    let height = (3 + shown.max(1) as u16).min(area.height);
    let box_area =
        Rect { x: area.x + (area.width - width) / 2, y: area.y + 1.min(area.height - height), width, height };
    let inner_width = usize::from(width.saturating_sub(4));
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.header()),
        Span::raw(format!("{}▏", clip(&search.input, inner_width.saturating_sub(2)))),
    ])];
    if hits.is_empty() {
        let hint = if search.query().is_none() {
            "airport code, city or flight number"
        } else if search.results_for == search.query().unwrap_or_default() {
            "no match"
        } else {
            "searching …"
        };
        lines.push(Line::styled(hint, theme.muted()));
    }
    let first = search.selected.saturating_sub(MAX_HITS - 1);
    for (i, hit) in hits.iter().enumerate().skip(first).take(MAX_HITS) {
        let text = clip(&describe(hit), inner_width);
        let style = if i == search.selected { theme.selected() } else { theme.text() };
        lines.push(Line::styled(text, style));
    }
    frame.render_widget(Clear, box_area);
    let block = Block::default().borders(Borders::ALL).title(" Go to airport or flight · Tab completes · Enter goes ");
    frame.render_widget(Paragraph::new(lines).block(block), box_area);
}

fn describe(hit: &SearchHit) -> String {
    match hit {
        SearchHit::Airport(a) => {
            let place = [a.city.clone(), Some(a.country.clone())].into_iter().flatten().collect::<Vec<_>>().join(", ");
            format!("{:<4} {}  {}", a.code(), a.name, place)
        }
        SearchHit::Flight(f) => format!(
            "{:<8} {} → {}  {} UTC  {:?}",
            format!("{}{}", f.key.carrier, f.key.number),
            f.key.origin,
            f.destination,
            hm(f.sched_dep, chrono_tz::Tz::UTC),
            f.status
        ),
        SearchHit::Places(filter) => {
            let what = match filter {
                pipeline::model::PlaceFilter::Country(_) => "country: its airports",
                pipeline::model::PlaceFilter::City(_) => "city: all its airports",
            };
            format!("{}  {what}", crate::tui::state::describe_places(filter))
        }
        SearchHit::Airline(a) => {
            let codes = [a.iata.as_deref(), a.icao.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("/");
            format!("{:<4} {}  airline  {codes}", a.code(), a.name)
        }
        SearchHit::Route(route, airports) => {
            let [from, to] = airports.as_ref();
            let place = |a: &pipeline::model::Airport| a.city.clone().unwrap_or_else(|| a.name.clone());
            format!("{} → {}  route  {} → {}", route.from, route.to, place(from), place(to))
        }
    }
}
