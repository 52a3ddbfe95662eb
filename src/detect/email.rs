//! E-mail addresses (RFC 5322 "dot-atom" local parts, dotted domains with an alphabetic TLD).
//!
//! Found by a hand-written scan anchored on each `@` (local part backwards, domain forwards) that
//! yields exactly the leftmost-first matches of the regex it replaced (kept in the tests):
//! `[atext]+(?:\.[atext]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}`.
//!
//! A role mailbox of an organization (`disputes@bank.com`, `support@clinic.org`,
//! `noreply@…`) names a desk, not a person: it scores below the default threshold, so it stays
//! readable unless a policy lowers `minScore`. On a free-mail domain (`gmail.com`, ...) the same
//! local part belongs to a person and scores like any other address.

use super::{context::is_bounded, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Email;

impl Email {
    pub(crate) fn new() -> Result<Self> {
        Ok(Email)
    }
}

/// Whether `c` may appear in a dot-atom local part (RFC 5322 `atext`).
fn is_atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&c)
}

/// The end of the domain `(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}`
/// starting at `d`, in the regex's priority order. A label holds no `.`, so it must run to the
/// end of its `[A-Za-z0-9-]` run and be followed by `.`: the labels are fixed, and the greedy
/// `+` takes as many as it can, giving them back one by one until a TLD of 2..=24 letters
/// follows. Reads no byte past the next `@`.
fn domain_end(b: &[u8], d: usize) -> Option<usize> {
    let mut p = d;
    let mut end = None;
    loop {
        let run = b
            .get(p..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count());
        let valid = (1..=63).contains(&run)
            && b.get(p).is_some_and(u8::is_ascii_alphanumeric)
            && b.get(p + run - 1).is_some_and(u8::is_ascii_alphanumeric)
            && b.get(p + run) == Some(&b'.');
        if !valid {
            break;
        }
        p += run + 1;
        // The TLD after the labels so far; the last one found wins (the most labels).
        let letters =
            b.get(p..).map_or(0, |r| r.iter().take(24).take_while(|c| c.is_ascii_alphabetic()).count());
        if letters >= 2 {
            end = Some(p + letters);
        }
    }
    end
}

/// The first match of the e-mail regex starting at or after `at` (as `Regex::find_at`).
///
/// A local part holds no `@`, so from a start it runs to the end of its dot-atom chain, and the
/// only `@` it can reach is the one right there. For an `@` at `q`, the starts that reach it
/// are the `atext` bytes of the maximal chain ending at `q` (walked backwards: `atext`, and `.`
/// between two `atext`); the chains of two `@`s are disjoint, so the leftmost match is that of
/// the first `@` after `at` with a domain and a start at or after `at`, and its start is the
/// first `atext` byte of the chain at or after `at`. Each `@` is walked at most twice (once
/// more after a retry of [`Email::recognize`]), and each walk stays between two `@`s: linear.
fn find_at(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut from = at;
    while let Some(q) = next_at_sign(b, from) {
        from = q + 1;
        // The leftmost start of the chain ending at `q`, not before `at`.
        let mut l = q;
        while l > at {
            match b.get(l - 1) {
                Some(&c) if is_atext(c) => l -= 1,
                Some(b'.') if l - 1 > at && l < q && b.get(l - 2).copied().is_some_and(is_atext) => l -= 1,
                _ => break,
            }
        }
        if l == q {
            continue;
        }
        if let Some(end) = domain_end(b, q + 1) {
            return Some((l, end));
        }
    }
    None
}

/// The offset of the first `@` at or after `from`: eight bytes at a time, testing all of them
/// at once (the exact zero-byte test of the bit-twiddling hacks on the bytes XOR `@`).
fn next_at_sign(b: &[u8], from: usize) -> Option<usize> {
    crate::swar::find(b, from, |x| crate::swar::eq_mask(x, b'@'), |c| c == b'@')
}

impl Recognizer for Email {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        if !hay.has_any(b"@") {
            return;
        }
        scan(hay.text, |at| find_at(hay.text.as_bytes(), at), out);
    }
}

/// The findings of the matches that `find_at` gives (see [`find_at`]).
fn scan(text: &str, mut find_at: impl FnMut(usize) -> Option<(usize, usize)>, out: &mut Vec<Finding>) {
    let (mut at, mut prev_end) = (0, 0);
    while let Some((start, end)) = find_at(at) {
        {
            let glued_start = start
                .checked_sub(1)
                .and_then(|i| text.as_bytes().get(i))
                .is_some_and(u8::is_ascii_alphanumeric);
            if glued_start && start == prev_end && at == prev_end {
                // The previous match ended on a letter or digit and this one starts right after
                // it (`ana@x.org/bob@y.org`: `/` may start a local part). Retry once, from the
                // first position after a character that is not a letter or digit (no address
                // can start before it); the skipped text is never scanned again, so the scan
                // stays linear. (Found by fuzzing.)
                let rest = text.get(start..).unwrap_or_default();
                at = start
                    + rest
                        .char_indices()
                        .find(|(_, c)| !c.is_ascii_alphanumeric())
                        .map_or(rest.len(), |(i, c)| i + c.len_utf8());
                continue;
            }
            // Trailing TLD letters glued to more letters/digits mean we cut a longer token.
            if is_bounded(text, start, end) {
                let (local, domain) =
                    text.get(start..end).unwrap_or_default().rsplit_once('@').unwrap_or_default();
                let role = is_role_mailbox(local) && !is_free_mail(domain);
                out.push(Finding::new(EntityKind::Email, start, end, if role { 0.4 } else { 1.0 }, true));
            }
            at = end.max(at + 1);
            prev_end = at;
        }
    }
}

/// Local parts that name a function of an organization rather than a person.
fn is_role_mailbox(local: &str) -> bool {
    const ROLES: &[&str] = &[
        "disputes",
        "dispute",
        "support",
        "help",
        "helpdesk",
        "info",
        "information",
        "contact",
        "contactus",
        "noreply",
        "no-reply",
        "no_reply",
        "donotreply",
        "do-not-reply",
        "do_not_reply",
        "admin",
        "administrator",
        "billing",
        "sales",
        "service",
        "services",
        "customerservice",
        "customer.service",
        "customer-service",
        "customercare",
        "care",
        "fraud",
        "claims",
        "records",
        "medicalrecords",
        "medical.records",
        "privacy",
        "compliance",
        "legal",
        "hr",
        "jobs",
        "careers",
        "press",
        "media",
        "webmaster",
        "postmaster",
        "hostmaster",
        "abuse",
        "security",
        "team",
        "hello",
        "office",
        "reception",
        "frontdesk",
        "front.desk",
        "appointments",
        "scheduling",
        "referrals",
        "intake",
        "pharmacy",
        "accounts",
        "payments",
        "enquiries",
        "inquiries",
        "feedback",
        "notifications",
        "alerts",
        "newsletter",
        "marketing",
        "wires",
        "wire",
        "operations",
        "ops",
        "payroll",
        "benefits",
        "members",
        "memberservices",
        "member.services",
        "patientservices",
        "patient.services",
        "it",
        "servicedesk",
        "mailer-daemon",
        "chargebacks",
        "chargeback",
        "escalations",
        "collections",
        "lending",
        "loans",
        "mortgage",
        "underwriting",
        "kyc",
        "aml",
        "onboarding",
        "verification",
        "helpline",
        "cards",
        "cardservices",
        "card.services",
        "statements",
        "treasury",
        "remittance",
        "complaints",
        "appeals",
        "authorizations",
        "priorauth",
        "eligibility",
        "providerservices",
        "provider.services",
        "lab",
        "radiology",
        "nursing",
    ];
    ROLES.iter().any(|r| r.eq_ignore_ascii_case(local))
}

/// Consumer mail providers: any address there belongs to a person.
fn is_free_mail(domain: &str) -> bool {
    const FREE: &[&str] = &[
        "gmail",
        "googlemail",
        "yahoo",
        "ymail",
        "hotmail",
        "outlook",
        "live",
        "msn",
        "icloud",
        "me",
        "mac",
        "aol",
        "protonmail",
        "proton",
        "pm",
        "gmx",
        "web",
        "mail",
        "yandex",
        "zoho",
        "comcast",
        "att",
        "verizon",
        "sbcglobal",
        "cox",
        "charter",
        "earthlink",
        "qq",
        "163",
        "fastmail",
        "tutanota",
        "hey",
    ];
    // The label left of the public suffix: `gmail` in `gmail.com`, `yahoo` in `yahoo.co.uk`.
    let labels: Vec<&str> = domain.split('.').collect();
    let name = match *labels.as_slice() {
        [] | [_] => "",
        [first, _] => first,
        [.., name, second, tld] if second.len() <= 3 && tld.len() == 2 => name,
        [.., name, _] => name,
    };
    FREE.iter().any(|f| f.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_sign_search_finds_what_a_byte_search_finds() {
        let pieces = ["@", "a", "é", "\u{C0}", "\u{40}\u{80}", " ", "xyzw1234", "\u{7F}", "`"];
        for text in crate::detect::test_support::random_texts(0xA7_51C7, &pieces, 30, 5_000) {
            let b = text.as_bytes();
            for from in 0..=b.len() + 1 {
                let want = b.get(from..).and_then(|r| r.iter().position(|&c| c == b'@')).map(|k| from + k);
                assert_eq!(next_at_sign(b, from), want, "{text:?} {from}");
            }
        }
    }
    use crate::detect::test_support::{check_table, random_texts};

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

    #[test]
    fn role_mailboxes_score_low_unless_free_mail() {
        let r = Email::new().unwrap();
        let score = |t: &str| {
            let mut out = Vec::new();
            r.recognize(&Haystack::new(t), &mut out);
            assert_eq!(out.len(), 1, "{t}");
            out[0].score
        };
        assert!(score("To: disputes@bluerivercu.com") < 0.5);
        assert!(score("write to Support@Clinic.example.org") < 0.5);
        assert!(score("noreply@portal.health") < 0.5);
        assert!(score("Chargebacks@bank.com") < 0.5);
        assert_eq!(score("disputes@gmail.com"), 1.0);
        assert_eq!(score("info@yahoo.co.uk"), 1.0);
        assert_eq!(score("jane.doe@bluerivercu.com"), 1.0);
        assert_eq!(score("supportive.sam@clinic.org"), 1.0);
    }

    /// The regex the scan replaced.
    fn old_regex() -> regex::Regex {
        regex::Regex::new(
            r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}",
        )
        .unwrap()
    }

    /// `find_at` gives the regex's `find_at` from every offset, and the recognizer the same
    /// findings as its loop over the regex.
    #[test]
    fn scan_matches_the_regex() {
        let re = old_regex();
        let pieces = [
            "a",
            "b",
            "Z",
            "0",
            "7",
            "@",
            "@",
            "@@",
            ".",
            "..",
            "-",
            "_",
            "/",
            "+",
            "'",
            "|",
            " ",
            "co",
            "com",
            "c1",
            "example",
            "x.y",
            "a.b@",
            "é",
            "a@b.co",
            "@ex.com",
            "x@y.org",
            ".uk",
            "abcdefghijklmnopqrstuvwxyz",
            "1234567890abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop",
        ];
        let mut matches = 0;
        for s in random_texts(0xD1B5_4A32_D192_ED03, &pieces, 16, 30_000) {
            for at in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let want = re.find_at(&s, at).map(|m| (m.start(), m.end()));
                assert_eq!(find_at(s.as_bytes(), at), want, "{s:?} at {at}");
            }
            let mut want = Vec::new();
            scan(&s, |at| re.find_at(&s, at).map(|m| (m.start(), m.end())), &mut want);
            let mut got = Vec::new();
            Email::new().unwrap().recognize(&Haystack::new(&s), &mut got);
            assert_eq!(got, want, "{s:?}");
            matches += want.len();
        }
        assert!(matches > 1000, "{matches}");
    }
}
