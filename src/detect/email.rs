//! E-mail addresses (RFC 5322 "dot-atom" local parts, dotted domains with an alphabetic TLD).
//!
//! A role mailbox of an organization (`disputes@bank.com`, `support@clinic.org`,
//! `noreply@…`) names a desk, not a person: it scores below the default threshold, so it stays
//! readable unless a policy lowers `minScore`. On a free-mail domain (`gmail.com`, ...) the same
//! local part belongs to a person and scores like any other address.

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
        if !hay.has_any(b"@") {
            return;
        }
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
                let rest = text.get(m.start()..).unwrap_or_default();
                at = m.start()
                    + rest
                        .char_indices()
                        .find(|(_, c)| !c.is_ascii_alphanumeric())
                        .map_or(rest.len(), |(i, c)| i + c.len_utf8());
                continue;
            }
            // Trailing TLD letters glued to more letters/digits mean we cut a longer token.
            if is_bounded(text, m.start(), m.end()) {
                let (local, domain) = m.as_str().rsplit_once('@').unwrap_or_default();
                let role = is_role_mailbox(local) && !is_free_mail(domain);
                out.push(Finding::new(
                    EntityKind::Email,
                    m.start(),
                    m.end(),
                    if role { 0.4 } else { 1.0 },
                    true,
                ));
            }
            at = m.end().max(at + 1);
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
}
