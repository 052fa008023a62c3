//! Lufthansa writes aircraft registrations without their dash (`DAIXB`, `OELBA`, `CGEGC`); the
//! other sources and every display write them as registered (`D-AIXB`, `OE-LBA`, `C-GEGC`). The
//! dash goes back after a known nationality mark when the rest has the shape that country gives
//! registrations; anything else is kept as sent.

/// Nationality marks of two characters written with a dash (ICAO Annex 7).
const TWO: &[&str] = &[
    "OE", "HB", "OO", "EC", "CS", "PH", "LX", "EI", "9H", "SP", "SE", "OY", "LN", "OH", "TF", "SX", "TC", "5B", "9A",
    "YU", "S5", "E7", "4O", "Z3", "ZA", "HA", "OK", "OM", "YR", "LZ", "YL", "LY", "ES", "UR", "EW", "ER", "RA", "4L",
    "4K", "EK", "UK", "EZ", "EX", "EY", "UP", "4X", "JY", "OD", "EP", "YI", "YK", "A6", "A7", "9K", "HZ", "SU", "ET",
    "CN", "TS", "7T", "5A", "ST", "V5", "ZS", "5Y", "5N", "5H", "9G", "TU", "6V", "D2", "VT", "4R", "S2", "AP", "9N",
    "8Q", "HS", "9V", "9M", "VN", "PK", "RP", "XU", "PR", "PT", "PP", "PS", "PU", "CC", "XA", "XB", "XC", "VH", "ZK",
    "LV", "HK", "OB", "CP", "YV", "HC", "HP", "TI", "TG", "YS", "CU", "HI", "6Y", "9Y", "C6", "VP", "VQ", "DQ",
];

/// Marks of three characters written with a dash: Bahrain, Oman, Rwanda.
const THREE: &[&str] = &["A9C", "A4O", "9XR"];

/// `DAIXB` → `D-AIXB`, `OELBA` → `OE-LBA`; a registration that already has a dash, that
/// belongs to a country writing none (`N123AB`, `JA873A`, `HL7xxx`) or that fits no known
/// shape is returned unchanged.
pub fn with_nationality_dash(raw: &str) -> String {
    let r = raw.trim();
    let letters = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_uppercase());
    let digits =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if r.len() < 4 || !r.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        return raw.to_string();
    }
    let (first, rest) = r.split_at(1);
    let dashed = |mark: &str, rest: &str| format!("{mark}-{rest}");
    // One-letter marks, each with its country's shape: Germany, France, the UK and Italy four
    // letters, Canada C-F/C-G/C-I and three letters, China digits, Hong Kong B-H, Macau B-L.
    match first {
        "D" | "F" | "G" | "I" if letters(rest, 4) => return dashed(first, rest),
        "C" if letters(rest, 4) && rest.starts_with(['F', 'G', 'I']) => return dashed(first, rest),
        "B" if digits(rest, 4..=5) || (letters(rest, 3) && rest.starts_with(['H', 'L', 'K'])) => {
            return dashed(first, rest);
        }
        _ => {}
    }
    for (marks, n) in [(THREE, 3), (TWO, 2)] {
        let (mark, rest) = r.split_at(n);
        if marks.contains(&mark) && (2..=5).contains(&rest.len()) {
            return dashed(mark, rest);
        }
    }
    raw.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dash_goes_back_after_the_nationality_mark() {
        for (sent, registered) in [
            ("DAIXB", "D-AIXB"),
            ("DANKV", "D-ANKV"),
            ("OELBA", "OE-LBA"),
            ("HBJNA", "HB-JNA"),
            ("OOSNA", "OO-SNA"),
            ("CGEGC", "C-GEGC"),
            ("GEUPA", "G-EUPA"),
            ("FGKXA", "F-GKXA"),
            ("IADJA", "I-ADJA"),
            ("EIDEA", "EI-DEA"),
            ("9HAEO", "9H-AEO"),
            ("A9CAB", "A9C-AB"),
            ("B1234", "B-1234"),
            ("B18901", "B-18901"),
            ("BHNR", "B-HNR"),
            ("RA73123", "RA-73123"),
            ("VNA321", "VN-A321"),
            ("CSTNA", "CS-TNA"),
        ] {
            assert_eq!(with_nationality_dash(sent), registered, "{sent}");
        }
        for kept in ["D-AIXB", "N123AB", "N8704Q", "JA873A", "HL7782", "DAIXB1", "ABC", "", "dAIXB", "QQQQQ", "CABCD"] {
            assert_eq!(with_nationality_dash(kept), kept, "{kept}");
        }
    }
}
