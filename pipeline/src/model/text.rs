//! Display safety: text from outside never carries control characters or escape sequences.

/// Strips C0/C1 control characters, ANSI/VT escape sequences (CSI, OSC, DCS, ...) and bidi
/// overrides; turns tabs and newlines into spaces; trims. The result is safe to store and to
/// print to a terminal.
pub fn sanitize(input: &str) -> String {
    if is_plain(input) {
        return input.to_owned();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI / OSC / DCS / PM / APC introduce sequences of their own.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {}
            c => out.push(c),
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() { out } else { trimmed.to_string() }
}

/// Printable ASCII with no surrounding space: the common case, which needs no work.
pub fn is_plain(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().all(|c| (0x20..0x7f).contains(c)) && b.first() != Some(&b' ') && b.last() != Some(&b' ')
}

/// Text read back from a store, which anything may have written: cleaned again on the way out,
/// at no cost for the plain text it nearly always is.
pub trait CleanText {
    fn cleaned(self) -> Self;
}

impl CleanText for String {
    fn cleaned(self) -> Self {
        if is_plain(&self) { self } else { sanitize(&self) }
    }
}

impl CleanText for Option<String> {
    fn cleaned(self) -> Self {
        self.map(CleanText::cleaned)
    }
}

/// Like [`sanitize`], but `None` for text that is empty once cleaned.
pub fn sanitize_opt(input: Option<&str>) -> Option<String> {
    input.map(sanitize).filter(|s| !s.is_empty())
}

/// At most `max` characters of `s` (never cutting a character in two), without the whitespace a
/// cut can leave at the end: what a column of the warehouse holds. Clipping twice changes nothing.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => s[..end].trim_end().to_owned(),
        None => s.to_owned(),
    }
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']' | 'P' | '^' | '_' | 'X') => skip_string(chars),
        // Two-character sequences (ESC c, ESC 7, ESC ( B ...): drop the intermediates too.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in `@`..=`~`.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS/...: everything up to BEL or ST (`ESC \` or U+009C).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_whole_characters_and_leaves_no_trailing_space() {
        assert_eq!(clip("Frankfurt am Main", 10), "Frankfurt");
        assert_eq!(clip("Zürich", 2), "Zü");
        assert_eq!(clip("Zürich", 6), "Zürich");
        assert_eq!(clip("", 3), "");
        let once = clip("Frankfurt am Main", 10);
        assert_eq!(clip(&once, 10), once);
    }

    #[test]
    fn keeps_ordinary_text() {
        assert_eq!(sanitize("Zürich Flughafen"), "Zürich Flughafen");
        assert_eq!(sanitize("Chicago O'Hare"), "Chicago O'Hare");
        assert_eq!(sanitize("東京国際空港"), "東京国際空港");
    }

    #[test]
    fn strips_osc_title_change() {
        assert_eq!(sanitize("Evil\u{1b}]0;pwned\u{7} Airport"), "Evil Airport");
        assert_eq!(sanitize("Evil\u{1b}]0;pwned\u{1b}\\ Airport"), "Evil Airport");
    }

    #[test]
    fn strips_csi_and_controls() {
        assert_eq!(sanitize("\u{1b}[31mRED\u{1b}[0m\u{7}\u{0}x"), "REDx");
        assert_eq!(sanitize("a\u{9b}2Jb"), "ab");
        assert_eq!(sanitize("line\nbreak\ttab"), "line break tab");
        assert_eq!(sanitize("\u{202e}gnirts"), "gnirts");
    }

    #[test]
    fn empty_after_cleaning_is_none() {
        assert_eq!(sanitize_opt(Some(" \u{1b}[0m ")), None);
        assert_eq!(sanitize_opt(Some(" A1 ")), Some("A1".into()));
        assert_eq!(sanitize_opt(None), None);
    }
}
