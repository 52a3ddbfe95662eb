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
        for m in self.pattern.find_iter(hay.text) {
            // Trailing TLD letters glued to more letters/digits mean we cut a longer token.
            if is_bounded(hay.text, m.start(), m.end()) {
                out.push(Finding::new(EntityKind::Email, m.start(), m.end(), 1.0, true));
            }
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
            ],
            &[
                "no at sign here",
                "user@localhost",
                "@handle on social",
                "a@b.c",
                "price 5@10.00",
                "x@-bad-.com",
            ],
        );
    }
}
