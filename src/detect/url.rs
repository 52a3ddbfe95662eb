//! Web URLs (HIPAA Safe Harbor identifier N): `http`, `https`, `ftp`, `sftp` and `ws(s)`
//! schemes, `www.` hosts, and scheme-less `host.tld/path` links on common top-level domains.
//! Percent-encoded characters stay part of the URL; sentence punctuation after it does not.

use super::{builtin_regex, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Url {
    pattern: regex::Regex,
}

/// Top-level domains accepted for links written without a scheme or `www.` (with a path only).
const TLDS: &str = "com|org|net|edu|gov|mil|int|io|co|us|uk|ca|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|pl|pt|au|nz|in|jp|cn|br|mx|ru|info|biz|me|ly|app|dev|health|care|clinic|bank|link|site|online|xyz|tv|to|gl|gle";

/// Hosts of standards bodies and code systems whose URLs name vocabularies and namespaces
/// (FHIR `system` values, XML namespaces), never a person: `http://loinc.org`,
/// `http://hl7.org/fhir/sid/us-ssn`, `http://www.w3.org/2001/XMLSchema`.
const NAMESPACE_HOSTS: &[&str] = &[
    "hl7.org",
    "fhir.org",
    "loinc.org",
    "snomed.info",
    "unitsofmeasure.org",
    "nucc.org",
    "www.nlm.nih.gov",
    "www.ama-assn.org",
    "www.cms.gov",
    "www.w3.org",
    "w3.org",
    "schema.org",
    "purl.org",
    "xmlns.com",
    "www.iana.org",
    "json-schema.org",
    "www.whocc.no",
    "www.who.int",
    "ncimeta.nci.nih.gov",
    "terminology.hl7.org",
    "ihe.net",
    "www.ihe.net",
    "dicom.nema.org",
];

impl Url {
    pub(crate) fn new() -> Result<Self> {
        // URL characters of RFC 3986 (unreserved, reserved, '%'), no quotes, angle brackets or
        // backslashes; trailing punctuation is trimmed in code.
        let chars = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]";
        let host = r"[A-Za-z0-9][A-Za-z0-9-]*";
        let pattern = format!(
            r"(?i:(?:https?|s?ftps?|wss?)://){chars}+|(?i:www)\.{host}(?:\.{host})+{chars}*|{host}(?:\.{host})*\.(?i:{TLDS})/{chars}+"
        );
        Ok(Url { pattern: builtin_regex(&pattern)? })
    }
}

impl Recognizer for Url {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // A scheme needs `:`; `www.` and bare hosts need `.`.
        if !hay.has_any(b".:") {
            return;
        }
        let text = hay.text;
        let b = text.as_bytes();
        for m in self.pattern.find_iter(text) {
            let start = m.start();
            // Glued to a word on the left ("foohttp://", or a bare host inside an e-mail).
            if start
                .checked_sub(1)
                .and_then(|i| b.get(i))
                .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'@' | b'.' | b'-' | b'/'))
            {
                continue;
            }
            let end = start + trimmed_len(m.as_str());
            let Some(url) = text.get(start..end) else { continue };
            let rest = url.split_once("//").map_or(url, |(_, r)| r);
            // A scheme with nothing after it ("http://") is not a URL.
            if rest.len() < 3 || !rest.bytes().any(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            if is_namespace(rest) {
                continue;
            }
            let scheme = url.contains("://");
            let www = url.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
            // A scheme or `www.` makes the whole URL certain, so that it wins over a validated
            // value inside it (a card number in a query string) and nothing of it is left.
            let score = if scheme || www { 0.9 } else { 0.75 };
            out.push(Finding::new(EntityKind::Url, start, end, score, scheme || www));
        }
    }
}

/// True when the URL (without its scheme) is on a standards body's namespace host, or a
/// subdomain of one.
fn is_namespace(rest: &str) -> bool {
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    NAMESPACE_HOSTS.iter().any(|h| {
        host.eq_ignore_ascii_case(h)
            || host
                .len()
                .checked_sub(h.len())
                .and_then(|at| host.split_at_checked(at))
                .is_some_and(|(head, tail)| head.ends_with('.') && tail.eq_ignore_ascii_case(h))
    })
}

/// Length of `url` without the sentence punctuation that follows it: trailing `.,;:!?'` and
/// closing brackets that have no opening partner inside the URL.
fn trimmed_len(url: &str) -> usize {
    let b = url.as_bytes();
    let mut end = b.len();
    while let Some(inner) = b.get(..end) {
        let Some(&c) = inner.last() else { break };
        let unbalanced = |open: u8, close: u8| {
            c == close && {
                inner.iter().filter(|&&x| x == open).count() < inner.iter().filter(|&&x| x == close).count()
            }
        };
        if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*')
            || unbalanced(b'(', b')')
            || unbalanced(b'[', b']')
        {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &Url::new().unwrap(),
            EntityKind::Url,
            &[
                ("Online footprint: https://www.dannymathis.com. Account", "https://www.dannymathis.com"),
                (
                    "profile is https://www.linkedin.com/in/jane-doe-4402 if",
                    "https://www.linkedin.com/in/jane-doe-4402",
                ),
                ("(see https://example.org/a_(b)/c?q=1&x=%20y).", "https://example.org/a_(b)/c?q=1&x=%20y"),
                (
                    "visit www.smithfamilyclinic.com/patients/8812, then",
                    "www.smithfamilyclinic.com/patients/8812",
                ),
                ("photos at instagram.com/jane_doe37/ today", "instagram.com/jane_doe37/"),
                ("FTP://files.example.net/scan.pdf!", "FTP://files.example.net/scan.pdf"),
                (
                    "portal: https://portal.example.com:8443/u/123?token=abc#top",
                    "https://portal.example.com:8443/u/123?token=abc#top",
                ),
                ("wss://chat.example.io/room/42", "wss://chat.example.io/room/42"),
                ("http://evilhl7.org/p/123", "http://evilhl7.org/p/123"),
            ],
            &[
                "http:// is a scheme",
                "email jane.doe@example.com",
                "ratio 1/2 and mg/dL",
                "file report.pdf and notes.txt",
                "e.g. this, i.e. that",
                "gmail.com",
                "metoprolol 25 mg/day",
                "version 1.2.3/4",
                // code systems and namespaces name vocabularies, not people
                "system: http://hl7.org/fhir/sid/us-ssn",
                "\"system\": \"http://loinc.org\"",
                "xmlns=\"http://www.w3.org/2000/svg\"",
                "https://terminology.hl7.org/CodeSystem/v3-ActCode",
            ],
        );
    }
}
