//! Aircraft registers by country: the nationality mark and the shape of a registration after it
//! (D-AIXB, OE-LBA, HB-JNA, N123AB, JA873A, B-1234), the country's block of ICAO 24-bit
//! addresses, its ISO code and its name as OpenSky writes it. Keyed by the country an airline has
//! in OpenFlights `airlines.dat`: an airline's aircraft carry its country's marks.

/// One country's register. In `pattern`, `@` is a letter, `#` a digit, `%` a digit 1–9; other
/// characters are written as they are (the mark and its dash).
pub struct Register {
    pub pattern: &'static str,
    /// First ICAO 24-bit address of the country's block, and the block's size.
    pub block: (u32, u32),
    pub flag: &'static str,
    pub country_name: &'static str,
}

/// `(airlines.dat country, pattern, block start, block size, ISO 3166-1 alpha-2, OpenSky name)`.
const REGISTERS: &[(&str, &str, u32, u32, &str, &str)] = &[
    ("Germany", "D-A@@@", 0x3C_0000, 0x4_0000, "DE", "Germany"),
    ("Austria", "OE-L@@", 0x44_0000, 0x8000, "AT", "Austria"),
    ("Switzerland", "HB-J@@", 0x4B_0000, 0x8000, "CH", "Switzerland"),
    ("Belgium", "OO-S@@", 0x44_8000, 0x8000, "BE", "Belgium"),
    ("United States", "N%##@@", 0xA0_0000, 0xE_0000, "US", "United States"),
    ("Canada", "C-F@@@", 0xC0_0000, 0x4_0000, "CA", "Canada"),
    ("United Kingdom", "G-E@@@", 0x40_0000, 0x4_0000, "GB", "United Kingdom"),
    ("France", "F-G@@@", 0x38_0000, 0x4_0000, "FR", "France"),
    ("Italy", "I-@@@@", 0x30_0000, 0x4_0000, "IT", "Italy"),
    ("Spain", "EC-@@@", 0x34_0000, 0x4_0000, "ES", "Spain"),
    ("Portugal", "CS-T@@", 0x49_0000, 0x8000, "PT", "Portugal"),
    ("Netherlands", "PH-@@@", 0x48_0000, 0x8000, "NL", "Kingdom of the Netherlands"),
    ("Luxembourg", "LX-@@@", 0x4D_0000, 0x400, "LU", "Luxembourg"),
    ("Ireland", "EI-@@@", 0x4C_A000, 0x1000, "IE", "Ireland"),
    ("Malta", "9H-@@@", 0x4D_2000, 0x400, "MT", "Malta"),
    ("Poland", "SP-L@@", 0x48_8000, 0x8000, "PL", "Poland"),
    ("Sweden", "SE-R@@", 0x4A_8000, 0x8000, "SE", "Sweden"),
    ("Denmark", "OY-K@@", 0x45_8000, 0x8000, "DK", "Denmark"),
    ("Norway", "LN-@@@", 0x47_8000, 0x8000, "NO", "Norway"),
    ("Finland", "OH-L@@", 0x46_0000, 0x8000, "FI", "Finland"),
    ("Iceland", "TF-@@@", 0x4C_C000, 0x1000, "IS", "Iceland"),
    ("Greece", "SX-D@@", 0x46_8000, 0x8000, "GR", "Greece"),
    ("Turkey", "TC-J@@", 0x4B_8000, 0x8000, "TR", "Turkey"),
    ("Cyprus", "5B-D@@", 0x4C_8000, 0x400, "CY", "Cyprus"),
    ("Croatia", "9A-C@@", 0x50_1C00, 0x400, "HR", "Croatia"),
    ("Serbia", "YU-A@@", 0x4C_0000, 0x8000, "RS", "Serbia"),
    ("Slovenia", "S5-A@@", 0x50_6000, 0x400, "SI", "Slovenia"),
    ("Montenegro", "4O-A@@", 0x51_6000, 0x400, "ME", "Montenegro"),
    ("Hungary", "HA-L@@", 0x47_0000, 0x8000, "HU", "Hungary"),
    ("Czech Republic", "OK-@@@", 0x49_8000, 0x8000, "CZ", "Czech Republic"),
    ("Romania", "YR-@@@", 0x4A_0000, 0x8000, "RO", "Romania"),
    ("Bulgaria", "LZ-@@@", 0x45_0000, 0x8000, "BG", "Bulgaria"),
    ("Latvia", "YL-@@@", 0x50_2C00, 0x400, "LV", "Latvia"),
    ("Lithuania", "LY-@@@", 0x50_3C00, 0x400, "LT", "Lithuania"),
    ("Estonia", "ES-@@@", 0x51_1000, 0x400, "EE", "Estonia"),
    ("Ukraine", "UR-@@@", 0x50_8000, 0x8000, "UA", "Ukraine"),
    ("Moldova", "ER-@@@", 0x50_4C00, 0x400, "MD", "Moldova"),
    ("Russia", "RA-#####", 0x10_0000, 0x10_0000, "RU", "Russian Federation"),
    ("Georgia", "4L-@@@", 0x51_4000, 0x400, "GE", "Georgia"),
    ("Azerbaijan", "4K-AZ##", 0x60_0800, 0x400, "AZ", "Azerbaijan"),
    ("Uzbekistan", "UK-#####", 0x50_7C00, 0x400, "UZ", "Uzbekistan"),
    ("Turkmenistan", "EZ-A###", 0x60_1800, 0x400, "TM", "Turkmenistan"),
    ("Israel", "4X-E@@", 0x73_8000, 0x8000, "IL", "Israel"),
    ("Jordan", "JY-@@@", 0x74_0000, 0x8000, "JO", "Jordan"),
    ("Lebanon", "OD-M@@", 0x74_8000, 0x8000, "LB", "Lebanon"),
    ("Iran", "EP-@@@", 0x73_0000, 0x8000, "IR", "Iran, Islamic Republic of"),
    ("United Arab Emirates", "A6-@@@", 0x89_6000, 0x1000, "AE", "United Arab Emirates"),
    ("Qatar", "A7-@@@", 0x06_A000, 0x400, "QA", "Qatar"),
    ("Bahrain", "A9C-@@", 0x89_4000, 0x1000, "BH", "Bahrain"),
    ("Oman", "A4O-@@", 0x70_C000, 0x400, "OM", "Oman"),
    ("Kuwait", "9K-@@@", 0x70_6000, 0x1000, "KW", "Kuwait"),
    ("Saudi Arabia", "HZ-A@@", 0x71_0000, 0x8000, "SA", "Saudi Arabia"),
    ("Egypt", "SU-G@@", 0x01_0000, 0x8000, "EG", "Egypt"),
    ("Ethiopia", "ET-A@@", 0x04_0000, 0x1000, "ET", "Ethiopia"),
    ("Morocco", "CN-R@@", 0x02_0000, 0x8000, "MA", "Morocco"),
    ("Tunisia", "TS-I@@", 0x02_8000, 0x8000, "TN", "Tunisia"),
    ("Algeria", "7T-V@@", 0x0A_0000, 0x8000, "DZ", "Algeria"),
    ("Namibia", "V5-@@@", 0x20_1000, 0x400, "NA", "Namibia"),
    ("Rwanda", "9XR-W@", 0x06_E000, 0x1000, "RW", "Rwanda"),
    ("South Africa", "ZS-S@@", 0x00_8000, 0x8000, "ZA", "South Africa"),
    ("India", "VT-@@@", 0x80_0000, 0x4_0000, "IN", "India"),
    ("Sri Lanka", "4R-A@@", 0x77_0000, 0x8000, "LK", "Sri Lanka"),
    ("Bangladesh", "S2-A@@", 0x70_2000, 0x1000, "BD", "Bangladesh"),
    ("China", "B-####", 0x78_0000, 0x4_0000, "CN", "China"),
    ("Hong Kong SAR of China", "B-H@@", 0x78_9000, 0x1000, "HK", "Hong Kong"),
    ("Taiwan", "B-1####", 0x89_9000, 0x1000, "TW", "Taiwan"),
    ("Japan", "JA%##@", 0x84_0000, 0x4_0000, "JP", "Japan"),
    ("Republic of Korea", "HL%###", 0x71_8000, 0x8000, "KR", "Republic of Korea"),
    ("Thailand", "HS-T@@", 0x88_0000, 0x8000, "TH", "Thailand"),
    ("Singapore", "9V-S@@", 0x76_8000, 0x8000, "SG", "Singapore"),
    ("Malaysia", "9M-M@@", 0x75_0000, 0x8000, "MY", "Malaysia"),
    ("Vietnam", "VN-A###", 0x88_8000, 0x8000, "VN", "Viet Nam"),
    ("Brazil", "PR-@@@", 0xE4_0000, 0x4_0000, "BR", "Brazil"),
    ("Chile", "CC-B@@", 0xE8_0000, 0x1000, "CL", "Chile"),
    ("Mexico", "XA-@@@", 0x0D_0000, 0x8000, "MX", "Mexico"),
    ("Australia", "VH-@@@", 0x7C_0000, 0x4_0000, "AU", "Australia"),
    ("New Zealand", "ZK-@@@", 0xC8_0000, 0x8000, "NZ", "New Zealand"),
];

/// The register of the country an airline has in `airlines.dat`.
pub fn register(country: &str) -> Option<Register> {
    REGISTERS.iter().find(|r| r.0 == country).map(|&(_, pattern, start, size, flag, country_name)| Register {
        pattern,
        block: (start, size),
        flag,
        country_name,
    })
}

impl Register {
    /// A registration in this register's shape, chosen by `h`.
    pub fn registration(&self, h: u64) -> String {
        let mut bits = h;
        let mut take = |n: u64| {
            let v = bits % n;
            bits /= n;
            v as u8
        };
        self.pattern
            .chars()
            .map(|c| match c {
                '@' => char::from(b'A' + take(26)),
                '#' => char::from(b'0' + take(10)),
                '%' => char::from(b'1' + take(9)),
                other => other,
            })
            .collect()
    }

    /// The nationality mark: what comes before the dash, or the leading letters when the
    /// country writes none (`N`, `JA`, `HL`).
    #[cfg(test)]
    pub fn mark(&self) -> &'static str {
        match self.pattern.find('-') {
            Some(i) => &self.pattern[..i],
            None => self.pattern.trim_end_matches(['@', '#', '%']),
        }
    }

    /// Does `registration` have this register's shape (with its dash, when it has one)?
    #[cfg(test)]
    pub fn matches(&self, registration: &str) -> bool {
        registration.chars().count() == self.pattern.chars().count()
            && self.pattern.chars().zip(registration.chars()).all(|(p, c)| match p {
                '@' => c.is_ascii_uppercase(),
                '#' => c.is_ascii_digit(),
                '%' => ('1'..='9').contains(&c),
                other => other == c,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrations_take_their_registers_shape() {
        let de = register("Germany").expect("Germany");
        for h in [0, 1, 7, 1 << 40, u64::MAX] {
            let r = de.registration(h);
            assert!(de.matches(&r) && r.starts_with("D-A") && r.len() == 6, "{r}");
        }
        assert_eq!(de.mark(), "D");
        assert!(!de.matches("DANKV") && !de.matches("D-ANK1"));
        let us = register("United States").expect("US");
        assert_eq!(us.mark(), "N");
        assert!(us.matches(&us.registration(12345)) && !us.registration(9).contains('-'));
        assert_eq!(register("Japan").map(|j| j.mark()), Some("JA"));
        assert_eq!(register("Bahrain").map(|b| b.mark()), Some("A9C"));
        assert!(register("Atlantis").is_none());
    }
}
