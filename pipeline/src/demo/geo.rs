pub use crate::model::geo::great_circle_km;

/// `x` rounded to `places` decimals, as the APIs print coordinates and speeds.
pub fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

#[cfg(test)]
mod tests {
    #[test]
    fn frankfurt_to_new_york() {
        let d = super::great_circle_km(50.0264, 8.54313, 40.6398, -73.7789);
        assert!((6170.0..6210.0).contains(&d), "{d}");
    }
}
