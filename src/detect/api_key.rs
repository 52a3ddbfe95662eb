//! Secrets: API keys and tokens with a recognizable prefix (AWS `AKIA…`/`ASIA…` key ids, Stripe
//! `sk_live_`/`sk_test_`/`rk_live_`, GitHub `ghp_`/`gho_`/`ghs_`/`github_pat_`, Slack `xox?-`,
//! Google `AIza…`, OpenAI/Anthropic `sk-…`, GitLab `glpat-`, npm, SendGrid, Hugging Face), JSON
//! Web Tokens, PEM private key blocks, `Basic`/`Bearer` credentials, and values assigned to
//! `password=`, `secret:`, `token=`, `api_key=`, `aws_secret_access_key=` and the like.
//!
//! Assigned values count when they look like secrets: for password labels any value that mixes
//! character classes or is long; for key and token labels a long, high-entropy value.

use super::context;
use super::{EntityKind, Finding, Haystack, LazyRegex, Recognizer};
use crate::error::Result;

/// Each pattern is compiled the first time a text may hold one of its matches (see
/// [`LazyRegex`]): most texts name no secret, and these patterns are costly to build.
pub(crate) struct ApiKey {
    prefixed: LazyRegex,
    jwt: LazyRegex,
    assigned: LazyRegex,
    auth: LazyRegex,
}

/// The shortest match of `prefixed` (`xoxb-` and ten characters).
const PREFIXED_MIN: usize = 15;

/// The words one of which every label of `assigned` contains.
const LABEL_WORDS: &[&str] = &["key", "token", "secret", "pass", "pwd"];

/// True when `b` holds a run of at least [`PREFIXED_MIN`] bytes that can be part of a
/// `prefixed` match (non-ASCII bytes count: `(?i)` lets the Kelvin sign and the long s match
/// `k` and `s`): the necessary condition of a prefixed key.
fn has_key_run(b: &[u8]) -> bool {
    let mut run = 0;
    for &c in b {
        if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'+' | b'/' | b'=' | b'.') || c >= 0x80 {
            run += 1;
            if run >= PREFIXED_MIN {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

impl ApiKey {
    pub(crate) fn new() -> Result<Self> {
        // Prefixes match in any case too: whole documents are sometimes case-folded, and the
        // prefixes are distinctive enough.
        let prefixed = [
            r"(?i:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Za-z0-9]{16}",
            r"(?i:sk|rk)_(?i:live|test)_[A-Za-z0-9]{10,}",
            r"whsec_[A-Za-z0-9+/=]{24,}",
            r"(?i:gh[pousr])_[A-Za-z0-9]{30,}",
            r"(?i:github_pat)_[A-Za-z0-9_]{22,}",
            r"(?i:xox[abposre])-[A-Za-z0-9-]{10,}",
            r"(?i:AIza)[0-9A-Za-z_-]{35}",
            r"sk-(?:proj-|ant-[a-z0-9]{2,10}-|svcacct-)?[A-Za-z0-9_-]{20,}",
            r"(?i:glpat)-[A-Za-z0-9_-]{20,}",
            r"npm_[A-Za-z0-9]{36}",
            r"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}",
            r"hf_[A-Za-z0-9]{30,}",
            r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
        ]
        .join("|");
        let labels = [
            r"aws[_ .-]?secret(?:[_ .-]?access)?(?:[_ .-]?key)?",
            r"secret[_ .-]?access[_ .-]?key",
            r"client[_ .-]?secret",
            r"api[_ .-]?(?:key|secret|token)",
            r"apikey",
            r"access[_ .-]?(?:key|token)",
            r"auth[_ .-]?token",
            r"refresh[_ .-]?token",
            r"secret[_ .-]?key",
            r"private[_ .-]?key",
            r"x-api-key",
            // environment and config names: STRIPE_KEY, GH_TOKEN, DB_SECRET, app-secret
            r"[a-z0-9]+(?:[_-][a-z0-9]+)*[_-](?:key|token|secret)",
            r"password",
            r"passwd",
            r"pwd",
            r"passphrase",
            r"passcode",
            r"secret",
            r"token",
        ]
        .join("|");
        Ok(ApiKey {
            prefixed: LazyRegex::new(format!("(?:{prefixed})")),
            // `eyJ` is base64 of `{"`; any case, since whole documents are sometimes case-folded.
            jwt: LazyRegex::new(r"(?i:eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"),
            // label, optional closing quote, an assignment (`=`, `:`, `=>` or just spaces), an
            // optional opening quote, then the value.
            assigned: LazyRegex::new(format!(
                r#"(?i)({labels})["']?[ \t]*(=>|[:=]|[ \t](?:[ \t]*(?:is|was)[ \t])?)[ \t]*["']?([^\s"'<>,;]{{4,}})"#
            )),
            auth: LazyRegex::new(r"(?i)(?-u:\b)(basic|bearer)[ \t]+([A-Za-z0-9+/._~-]{8,}=*)"),
        })
    }
}

impl Recognizer for ApiKey {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        let bounded = |s: usize, e: usize| {
            let left = s
                .checked_sub(1)
                .and_then(|i| b.get(i))
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
            let right = b.get(e).is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
            left && right
        };
        let prefixed = self.prefixed.get_if(hay, || has_key_run(b));
        for m in prefixed.into_iter().flat_map(|re| re.find_iter(text)) {
            if !bounded(m.start(), m.end())
                || !looks_random(m.as_str().as_bytes().get(3..).unwrap_or_default())
            {
                continue;
            }
            // AWS key ids are uppercase; a case-folded one ("akia…") needs key words nearby.
            let v = m.as_str().as_bytes();
            let aws = v.len() == 20 && v.iter().take(4).all(u8::is_ascii_alphabetic);
            if aws
                && v.iter().any(u8::is_ascii_lowercase)
                && !context::has_word_before(text, m.start(), 32, &["aws", "key", "access", "id", "akid"])
            {
                continue;
            }
            out.push(Finding::new(EntityKind::ApiKey, m.start(), m.end(), 1.0, true));
        }
        // The census skips the passes whose every match needs a byte the text lacks.
        let jwt = hay.has_any(b".").then(|| self.jwt.get_if(hay, || hay.has_word_ci(&["eyj"]))).flatten();
        for m in jwt.into_iter().flat_map(|re| re.find_iter(text)) {
            if bounded(m.start(), m.end()) {
                let header = m.as_str().split('.').next().unwrap_or("");
                let valid = base64_decode(header.as_bytes())
                    .is_some_and(|h| h.starts_with(b"{") && h.ends_with(b"}"));
                out.push(Finding::new(
                    EntityKind::ApiKey,
                    m.start(),
                    m.end(),
                    if valid { 1.0 } else { 0.8 },
                    valid,
                ));
            }
        }
        let assigned = hay
            .has_any(b"=: \t")
            .then(|| self.assigned.get_if(hay, || hay.has_word_ci(LABEL_WORDS)))
            .flatten();
        for caps in assigned.into_iter().flat_map(|re| re.captures_iter(text)) {
            let (Some(label), Some(op), Some(value)) = (caps.get(1), caps.get(2), caps.get(3)) else {
                continue;
            };
            if label.start().checked_sub(1).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            let raw = value.as_str().trim_end_matches(['.', ')', ']', '}']);
            let (start, end) = (value.start(), value.start() + raw.len());
            let spaced = op.as_str().trim().is_empty();
            let password = label.as_str().to_ascii_lowercase().starts_with("pass")
                || label.as_str().eq_ignore_ascii_case("pwd");
            let score = assigned_score(raw.as_bytes(), password, spaced);
            if score > 0.0 && end > start {
                out.push(Finding::new(EntityKind::ApiKey, start, end, score, false));
            }
        }
        let auth = hay
            .has_any(b" \t")
            .then(|| self.auth.get_if(hay, || hay.has_word_ci(&["basic", "bearer"])))
            .flatten();
        for caps in auth.into_iter().flat_map(|re| re.captures_iter(text)) {
            let (Some(kind), Some(value)) = (caps.get(1), caps.get(2)) else { continue };
            let v = value.as_str().as_bytes();
            let basic = kind.as_str().eq_ignore_ascii_case("basic");
            // `Basic` carries base64 of `user:password`, padded to a multiple of four.
            let decoded_pair = basic
                && v.len() % 4 == 0
                && base64_decode(v).is_some_and(|d| {
                    d.len() >= 3 && d.contains(&b':') && d.iter().all(|c| (0x20..0x7f).contains(c))
                });
            let after_header = context::has_word_before(
                text,
                kind.start(),
                24,
                &["authorization", "auth", "proxy-authorization"],
            );
            let score = if decoded_pair {
                1.0
            } else if (after_header || !basic) && v.len() >= 16 && looks_random(v) {
                0.9
            } else {
                continue;
            };
            out.push(Finding::new(EntityKind::ApiKey, value.start(), value.end(), score, decoded_pair));
        }
        if hay.has_any(b"-") {
            self.pem_blocks(hay, out);
        }
    }
}

impl ApiKey {
    /// PEM private keys: from `-----BEGIN … PRIVATE KEY-----` to the matching END line, or to the
    /// end of the base64 body when the END line is missing. Linear: every END search starts past
    /// the previous block, and once no END line is left none is searched for again.
    fn pem_blocks(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let mut next = 0;
        let mut no_more_end = false;
        while let Some((start, head_end)) = pem_line(text, next, PEM_BEGIN) {
            let end = if no_more_end { None } else { pem_line(text, head_end, PEM_END) };
            let stop = match end {
                Some((e_start, e_end)) => {
                    // Another BEGIN before this END means the first block is cut: it ends at its body.
                    let cut = pem_line(text, head_end, PEM_BEGIN).filter(|&(b2, _)| b2 < e_start);
                    match cut {
                        Some((b2, _)) => body_end(text, head_end).min(b2),
                        None => e_end,
                    }
                }
                None => {
                    no_more_end = true;
                    body_end(text, head_end)
                }
            };
            out.push(Finding::new(EntityKind::ApiKey, start, stop, 1.0, true));
            next = stop.max(head_end);
        }
    }
}

/// The literal start of a PEM private key's first line, and of its last.
const PEM_BEGIN: &str = "-----BEGIN ";
const PEM_END: &str = "-----END ";

/// The leftmost match at or after `from` of `{head}(?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----`
/// (`head` is [`PEM_BEGIN`] or [`PEM_END`]), as `find_at` returned it: every match starts with
/// `head`, found by `str::find`, and the rest is read forwards from there.
fn pem_line(text: &str, from: usize, head: &str) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        let start = at + text.get(at..)?.find(head)?;
        if let Some(end) = pem_line_end(text.as_bytes(), start + head.len()) {
            return Some((start, end));
        }
        // `head` starts with an ASCII dash, so `start + 1` is a character boundary.
        at = start + 1;
    }
}

/// The end of `(?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----` matched at `p`, trying the words
/// greedily and then fewer, as the regex backtracks.
fn pem_line_end(b: &[u8], p: usize) -> Option<usize> {
    let mut ends = [p; 4];
    let (mut at, mut words) = (p, 0);
    for slot in ends.iter_mut().skip(1) {
        let n = b
            .get(at..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit()).count());
        if n == 0 || b.get(at + n) != Some(&b' ') {
            break;
        }
        at += n + 1;
        *slot = at;
        words += 1;
    }
    ends.get(..=words)?.iter().rev().find_map(|&w| {
        let rest = b.get(w..)?.strip_prefix(b"PRIVATE KEY")?;
        if rest.starts_with(b" BLOCK-----") {
            Some(w + 22)
        } else if rest.starts_with(b"-----") {
            Some(w + 16)
        } else {
            None
        }
    })
}

/// End of a base64 body (with header lines such as `Proc-Type: 4,ENCRYPTED`) that starts at
/// `from`: the first character that cannot be part of it.
fn body_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut end = from;
    while let Some(&c) = b.get(end) {
        if c.is_ascii_alphanumeric()
            || matches!(c, b'+' | b'/' | b'=' | b'\n' | b'\r' | b' ' | b'\t' | b':' | b',' | b'-')
        {
            // Stop at the dashes of a following PEM line.
            if c == b'-' && b.get(end + 1) == Some(&b'-') {
                break;
            }
            end += 1;
        } else {
            break;
        }
    }
    // Do not swallow trailing whitespace.
    while end > from && b.get(end - 1).is_some_and(u8::is_ascii_whitespace) {
        end -= 1;
    }
    end
}

/// The score of a value assigned to a secret label, or 0 when it does not look like a secret.
fn assigned_score(v: &[u8], password: bool, spaced: bool) -> f32 {
    const PLACEHOLDERS: &[&str] = &[
        "null",
        "none",
        "nil",
        "empty",
        "redacted",
        "removed",
        "hidden",
        "masked",
        "changeme",
        "required",
        "optional",
        "expired",
        "invalid",
        "reset",
        "true",
        "false",
        "undefined",
        "string",
        "example",
        "here",
    ];
    if v.len() < 6
        || v.first().is_some_and(|first| v.iter().all(|c| c == first))
        || v.iter().all(|c| matches!(c, b'*' | b'x' | b'X' | b'.' | b'#'))
    {
        return 0.0;
    }
    let lower = v.to_ascii_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower == p.as_bytes())
        || lower.starts_with(b"${")
        || lower.starts_with(b"{{")
    {
        return 0.0;
    }
    let classes = char_classes(v);
    if password && !spaced {
        // `password: Summer2024!`: mixed classes or a long value.
        return if classes >= 2 || v.len() >= 12 { 0.95 } else { 0.0 };
    }
    // Keys and tokens, and anything after a bare "password " without `:`/`=`, must look random.
    // Random keys mix letters and digits (or both cases); `created_at_desc_order` does not.
    let alnum_classes = classes - usize::from(v.iter().any(|c| !c.is_ascii_alphanumeric()));
    if v.len() >= 16 && alnum_classes >= 2 && context::entropy(v) >= 3.5 {
        return if spaced { 0.85 } else { 0.95 };
    }
    if password && v.len() >= 8 && classes >= 3 {
        return 0.8;
    }
    0.0
}

/// How many of lowercase, uppercase, digits and symbols occur in `v`.
fn char_classes(v: &[u8]) -> usize {
    let lower = v.iter().any(u8::is_ascii_lowercase);
    let upper = v.iter().any(u8::is_ascii_uppercase);
    let digit = v.iter().any(u8::is_ascii_digit);
    let other = v.iter().any(|c| !c.is_ascii_alphanumeric());
    [lower, upper, digit, other].iter().filter(|&&x| x).count()
}

/// True unless the body is an obvious non-secret: one repeated character, or a word-like run of
/// letters only (`sk-learn-pipeline`-style names).
fn looks_random(v: &[u8]) -> bool {
    let distinct = {
        let mut seen = [false; 256];
        v.iter()
            .filter(|&&c| seen.get_mut(usize::from(c)).is_some_and(|s| !std::mem::replace(s, true)))
            .count()
    };
    (distinct >= 6 && v.iter().any(u8::is_ascii_digit)) || context::entropy(v) >= 3.5
}

/// Decodes standard or URL-safe base64, padded or not. `None` on any invalid character.
fn base64_decode(s: &[u8]) -> Option<Vec<u8>> {
    let s = s.strip_suffix(b"==").or_else(|| s.strip_suffix(b"=")).unwrap_or(s);
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{self, check_table};

    const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[test]
    fn table() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2Yk3+q\nZm9vYmFy\n-----END RSA PRIVATE KEY-----";
        let cut_pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nqhkiG9w0";
        let positives: Vec<(String, String)> = vec![
            ("AWS access key id AKIA3ZK4SOGR6ZSBDGCO".into(), "AKIA3ZK4SOGR6ZSBDGCO".into()),
            ("aws access key id akia3zk4sogr6zsbdgco".into(), "akia3zk4sogr6zsbdgco".into()),
            (
                "token eyjhbgcioijiuzi1nij9.eyjzdwiioiixmjm0in0.c2lnbmf0dxjl".into(),
                "eyjhbgcioijiuzi1nij9.eyjzdwiioiixmjm0in0.c2lnbmf0dxjl".into(),
            ),
            (
                "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            ),
            ("api key sk_live_51HqLyjWDarjtT1zdp7dcXYZ".into(), "sk_live_51HqLyjWDarjtT1zdp7dcXYZ".into()),
            ("rk_test_4eC39HqLyjWDarjtT1zdp7dc,".into(), "rk_test_4eC39HqLyjWDarjtT1zdp7dc".into()),
            ("API KEY SK_LIVE_GSLEGMBTUTMJQISORHENTQHQ".into(), "SK_LIVE_GSLEGMBTUTMJQISORHENTQHQ".into()),
            (
                "GitHub token ghp_CQwjc3VZouBnKUukyaCF8XeqVGMVzBcg0Vlr".into(),
                "ghp_CQwjc3VZouBnKUukyaCF8XeqVGMVzBcg0Vlr".into(),
            ),
            (
                "github_pat_11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUV".into(),
                "github_pat_11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUV".into(),
            ),
            (
                "slack xoxb-2401983244-1234567890123-AbCdEfGhIjKlMnOp".into(),
                "xoxb-2401983244-1234567890123-AbCdEfGhIjKlMnOp".into(),
            ),
            (
                "key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY".into(),
                "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY".into(),
            ),
            (format!("token {JWT}"), JWT.into()),
            (format!("Authorization: Bearer {JWT}"), JWT.into()),
            ("Authorization: Basic dXNlcjpwYXNzd29yZA==".into(), "dXNlcjpwYXNzd29yZA==".into()),
            ("DB_PASSWORD=Summer2024!".into(), "Summer2024!".into()),
            ("password: \"hunter2hunter2\"".into(), "hunter2hunter2".into()),
            ("my password is Tr0ub4dor&3 ok".into(), "Tr0ub4dor&3".into()),
            ("client_secret: 8f3kLq9ZxP2vR7tW1mN4bC6d".into(), "8f3kLq9ZxP2vR7tW1mN4bC6d".into()),
            ("\"api_key\": \"a8F3kQ9zLx2PvR7tW1mN\"".into(), "a8F3kQ9zLx2PvR7tW1mN".into()),
            (
                "OPENAI_API_KEY=sk-proj-Ab3dEf9hIj2lMn0pQr5tUv8x".into(),
                "sk-proj-Ab3dEf9hIj2lMn0pQr5tUv8x".into(),
            ),
            (
                "STRIPE_KEY=eyJhbGciOiJIUzI1NiJ9.RXnzhX5NvHNEWucELPaH.cp4quU7qaBa_wbQPlz8Q".into(),
                "eyJhbGciOiJIUzI1NiJ9.RXnzhX5NvHNEWucELPaH.cp4quU7qaBa_wbQPlz8Q".into(),
            ),
            ("MAPS_KEY: Zx8qL2vR9tW1mN4bC6dF3gH7".into(), "Zx8qL2vR9tW1mN4bC6dF3gH7".into()),
            (format!("key:\n{pem}\nend"), pem.into()),
            (format!("{cut_pem}\n"), cut_pem.into()),
        ];
        let positives: Vec<(&str, &str)> = positives.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        check_table(
            &ApiKey::new().unwrap(),
            EntityKind::ApiKey,
            &positives,
            &[
                "password reset link sent",
                "the password is required",
                "your password was changed yesterday",
                "password: ******",
                "password=<redacted>",
                "token: expired",
                "the secret is safe",
                "api key rotation scheduled",
                "token=abc123",
                "AKIA1234",
                "asiapacificregional1 conference",
                "risk-assessment-and-management-plan",
                "sk_live_",
                "Basic metabolic panel",
                "Bearer of bad news",
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----",
                "commit 3f9a2c4b8e1d7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
                "uuid 123e4567-e89b-12d3-a456-426614174000",
                "eyJhbGci.eyJzdWIi",
                "primary_key = id",
                "sort_key: created_at_desc_order",
                "cache_key=patient-summary-view-v-x",
                "file report.v1.2.tar.gz",
            ],
        );
    }

    #[test]
    fn pem_scan_is_linear_without_end() {
        let r = ApiKey::new().unwrap();
        let text = "-----BEGIN PRIVATE KEY-----\nAAAA\n".repeat(2000);
        let mut out = Vec::new();
        r.recognize(&Haystack::new(&text), &mut out);
        assert_eq!(out.len(), 2000);
    }

    /// Each pattern's condition is necessary: a text it rejects holds no match of the pattern
    /// (random texts of pieces around the conditions' edges, Kelvin sign and long s included).
    #[test]
    fn conditions_never_skip_a_match() {
        let r = ApiKey::new().unwrap();
        let pieces = [
            "sk_live_",
            "SK_TEST_",
            "\u{17F}k_live_",
            "xoxb-",
            "xo",
            "\u{212A}",
            "AKIA",
            "AIza",
            "ghp_",
            "glpat-",
            "abcdefghij",
            "0123456789",
            "KLMN",
            "eyJ",
            "EYj",
            "ey",
            "J",
            ".",
            "-",
            "_",
            "=",
            ":",
            " ",
            "\t",
            "\n",
            "key",
            "KEY",
            "tok",
            "en",
            "Token",
            "secret",
            "pass",
            "word",
            "pwd",
            "api_",
            "\u{17F}ecret",
            "Bearer ",
            "basic ",
            "ba",
            "sic",
            "-----BEGIN ",
            "-----BEGIN PRIVATE KEY-----",
            "is ",
            "\"",
            "'",
        ];
        let hay = Haystack::new("");
        let b = |t: &str| t.as_bytes().to_vec();
        let (prefixed, jwt) = (r.prefixed.get(&hay).unwrap(), r.jwt.get(&hay).unwrap());
        let (assigned, auth) = (r.assigned.get(&hay).unwrap(), r.auth.get(&hay).unwrap());
        let mut skipped = [0; 4];
        for t in test_support::random_texts(0xa91_4e75, &pieces, 12, 20_000) {
            let h = Haystack::new(&t);
            let checks = [
                (!has_key_run(&b(&t)), prefixed),
                (!h.has_word_ci(&["eyj"]), jwt),
                (!h.has_word_ci(LABEL_WORDS), assigned),
                (!h.has_word_ci(&["basic", "bearer"]), auth),
            ];
            for (i, (skip, re)) in checks.into_iter().enumerate() {
                if skip {
                    skipped[i] += 1;
                    assert!(!re.is_match(&t), "{t:?}");
                }
            }
        }
        // Every condition was exercised on texts it rejects.
        assert!(skipped.iter().all(|&n| n > 100), "{skipped:?}");
    }

    /// The PEM line scan against the regexes it replaces, on texts built to hit their boundaries.
    #[test]
    fn pem_lines_match_the_regexes() {
        let begin =
            regex::Regex::new(r"-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----").unwrap();
        let end = regex::Regex::new(r"-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----").unwrap();
        let pieces = [
            "-----BEGIN ",
            "-----END ",
            "-",
            "--",
            "-----",
            "RSA ",
            "EC ",
            "A1 ",
            "PRIVATE ",
            "PRIVATE KEY",
            "KEY",
            " BLOCK",
            "BLOCK",
            " ",
            "a ",
            "é",
            "\n",
            "ENCRYPTED ",
            "OPENSSH ",
        ];
        let (mut n, mut at_n) = (0, 0);
        for t in test_support::random_texts(0x5DEE_CE66_D1CE_4E5B, &pieces, 14, 40_000) {
            for (head, re) in [(PEM_BEGIN, &begin), (PEM_END, &end)] {
                let mut from = 0;
                while from <= t.len() {
                    let want = re.find_at(&t, from).map(|m| (m.start(), m.end()));
                    assert_eq!(pem_line(&t, from, head), want, "{t:?} {from}");
                    at_n += 1;
                    n += usize::from(want.is_some());
                    // Every character boundary as a start, as `pem_blocks` may use any.
                    from += t.get(from..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
                }
            }
        }
        assert!(n > 1000, "{n} of {at_n}");
    }

    #[test]
    fn base64() {
        assert_eq!(base64_decode(b"dXNlcjpwYXNz").unwrap(), b"user:pass");
        assert_eq!(base64_decode(b"eyJhIjoxfQ").unwrap(), b"{\"a\":1}");
        assert!(base64_decode(b"not base64!").is_none());
    }
}
