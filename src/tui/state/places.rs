//! Browsing by country and city: `country:DE` or `Germany` in search lists the country's
//! airports, `London` every airport of a city with more than one; each with its departures and
//! arrivals of the day shown, those with flights first; a row opens its airport.

use chrono::NaiveDate;
use pipeline::model::{PlaceFilter, PlaceTraffic};
use pipeline::reference::Reference;

/// A place list as the feed delivers it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceSnapshot {
    pub filter: PlaceFilter,
    /// The local day asked for; `None`: today.
    pub day: Option<NaiveDate>,
    pub places: Vec<PlaceTraffic>,
}

/// `country:DE`, `country: de`: a country by its code.
pub fn country_prefix(text: &str) -> Option<String> {
    let rest = text.trim().strip_prefix("country:").or_else(|| text.trim().strip_prefix("COUNTRY:"))?.trim();
    (rest.len() == 2 && rest.chars().all(|c| c.is_ascii_alphabetic())).then(|| rest.to_ascii_uppercase())
}

/// `Germany (DE)`, `London`: what a list is of, as its title and the search box say.
pub fn describe(filter: &PlaceFilter) -> String {
    match filter {
        PlaceFilter::Country(code) => match Reference::country_name(code) {
            Some(name) => format!("{name} ({code})"),
            None => code.clone(),
        },
        PlaceFilter::City(name) => name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_by_code_and_by_name() {
        assert_eq!(country_prefix("country:de").as_deref(), Some("DE"));
        assert_eq!(country_prefix(" country: GB ").as_deref(), Some("GB"));
        assert_eq!(country_prefix("country:DEU"), None);
        assert_eq!(country_prefix("DE"), None);
        assert_eq!(describe(&PlaceFilter::Country("DE".into())), "Germany (DE)");
        assert_eq!(describe(&PlaceFilter::Country("XX".into())), "XX");
    }
}
