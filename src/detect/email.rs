//! E-mail addresses (RFC 5322 "dot-atom" local parts, dotted domains with an alphabetic TLD).

use super::{builtin_regex, context::is_bounded, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Email {
    pattern: regex::Regex,
}

impl Email {
    pub(crate) fn new() -> Result<Self> {
        Ok(Email {
            pattern: builtin_regex(
                r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}",
            )?,
        })
    }
}

impl Recognizer for Email {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let (mut at, mut prev_end) = (0, 0);
        while let Some(m) = self.pattern.find_at(text, at) {
            let glued_start = m
                .start()
                .checked_sub(1)
                .and_then(|i| text.as_bytes().get(i))
                .is_some_and(u8::is_ascii_alphanumeric);
            if glued_start && m.start() == prev_end && at == prev_end {
                // The previous match ended on a letter or digit and this one starts right after
                // it (`ana@x.org/bob@y.org`: `/` may start a local part). Retry once, from the
                // first position after a character that is not a letter or digit (no address
                // can start before it); the skipped text is never scanned again, so the scan
                // stays linear. (Found by fuzzing.)
                let rest = &text[m.start()..];
                at = m.start()
                    + rest
                        .char_indices()
                        .find(|(_, c)| !c.is_ascii_alphanumeric())
                        .map_or(rest.len(), |(i, c)| i + c.len_utf8());
                continue;
            }
            // Trailing TLD letters glued to more letters/digits mean we cut a longer token.
            if is_bounded(text, m.start(), m.end()) {
                out.push(Finding::new(EntityKind::Email, m.start(), m.end(), 1.0, true));
            }
            at = m.end().max(at + 1);
            prev_end = at;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &Email::new().unwrap(),
            EntityKind::Email,
            &[
                ("From: mjimenez@yahoo.com\n", "mjimenez@yahoo.com"),
                ("write to john.o'neil+rx@mail.example.co.uk.", "john.o'neil+rx@mail.example.co.uk"),
                ("<a.b@c.io>", "a.b@c.io"),
                ("EMAIL: JANE_DOE99@EXAMPLE.COM", "JANE_DOE99@EXAMPLE.COM"),
                // Two addresses separated by a character that may start a local part.
                ("ana@x.org/bob@y.org", "bob@y.org"),
                ("ana@x.org|bob@y.org", "bob@y.org"),
                ("ana@x.org|bob@y.org", "ana@x.org"),
                ("a@b.co1/c@d.co", "c@d.co"),
            ],
            &[
                "no at sign here",
                "user@localhost",
                "@handle on social",
                "a@b.c",
                "price 5@10.00",
                "x@-bad-.com",
                "a@b.co1234c@d.co",
            ],
        );
    }
}
