//! PERSON: names of patients, clinicians, relatives and customers, found without a model.
//!
//! The text is cut into word tokens once; every place where a name may start is tried once, so
//! the work is linear in the input. A name is a run of name-shaped words (capitalized,
//! ALLCAPS, or lowercase where the context or the lists allow it) with initials (`J.`,
//! `J.R.`), particles (`de la`, `van der`, `Ó`), hyphens and apostrophes (`Mary-Kate`,
//! `O'Neil`), or the `LAST, FIRST` form. A run becomes a finding when something vouches for it:
//!
//! * what comes before: a title (`Dr.`, `Mrs.`, the title stays outside the span), a field
//!   label (`Patient:`, `Beneficiary:`, `Account holder:`), a greeting or sign-off (`Dear`,
//!   `Hi`, `Thanks,`, `Regards,` on the line above, `- Sandra`), a self-introduction (`my name
//!   is`, `this is`, `it's`), a relative (`his wife`, `daughter,`), `signed by`, a chat speaker
//!   (`Agent Maria:`);
//! * what comes after: a credential (`, MD`, ` NP`) or a birth date (`, DOB`, `(born`);
//! * the census lists ([`super::person_names`]): a known first name followed by a capitalized
//!   word, a word followed by a known surname, `LAST, FIRST` with a known first name.
//!
//! Guards keep useful content: names that are also ordinary words ("Will", "May", "Grant") are
//! no evidence on their own; runs followed by an organization or street word ("Mayo Clinic",
//! "Oak Drive"), medical eponyms ("Parkinson's disease", "Bell's palsy"), known organizations
//! ("Wells Fargo"), place names ("San Jose") and words after a house number are skipped.
//!
//! [`add_mentions`] runs after every recognizer: once a name is found, its other mentions in
//! the same input (the first name alone, `Mr. Last`, the ALLCAPS form) are found too.

use super::person_names::{self as words, lexicon, Lexicon, NameInfo};
use super::{EntityKind, Finding, Haystack, Recognizer};
use std::collections::HashMap;

/// Finds names (see the module documentation).
pub(crate) struct Person;

impl Person {
    pub(crate) fn new() -> Self {
        // Decode the lists now rather than inside the first scan.
        lexicon();
        Person
    }
}

impl Recognizer for Person {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let t = Tokens::new(hay.text);
        let scanner = Scanner { t: &t, lex: lexicon() };
        let mut i = 0;
        while i < t.len() {
            match scanner.candidate(i) {
                Step::Found(start, end, score, next) => {
                    out.push(Finding::new(EntityKind::Person, start, end, score, false));
                    i = next.max(i + 1);
                }
                Step::Skip(next) => i = next.max(i + 1),
            }
        }
    }
}

// ----------------------------------------------------------------------------------- tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `Maria`, `McDonald`, `O'Neil`, `Smith-Garcia`.
    Title,
    /// `MARIA`.
    Upper,
    /// `maria`.
    Lower,
    /// One capital letter: `J`.
    Initial,
    /// Digits or mixed forms (`A1c`, `iPhone`).
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    /// End of the word without a possessive `'s`.
    end: usize,
    /// End including a possessive `'s`.
    full_end: usize,
    shape: Shape,
    lo: (usize, usize),
}

impl Tok {
    fn possessive(&self) -> bool {
        self.full_end > self.end
    }
}

/// Word tokens of a text with their lowercase forms.
struct Tokens<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    lower: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}')
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Self {
        let mut toks = Vec::new();
        let mut lower = String::with_capacity(text.len());
        let mut pos = 0;
        while let Some(c) = text.get(pos..).and_then(|r| r.chars().next()) {
            if !is_word_char(c) {
                pos += c.len_utf8();
                continue;
            }
            let start = pos;
            let mut end = pos + c.len_utf8();
            loop {
                let mut rest = text.get(end..).unwrap_or("").chars();
                match rest.next() {
                    Some(n) if is_word_char(n) => end += n.len_utf8(),
                    Some(n) if is_joiner(n) => match rest.next() {
                        Some(m) if m.is_alphabetic() => end += n.len_utf8() + m.len_utf8(),
                        _ => break,
                    },
                    _ => break,
                }
            }
            pos = end;
            let word = text.get(start..end).unwrap_or("");
            let core_end = possessive_cut(word).map_or(end, |cut| start + cut);
            let core = text.get(start..core_end).unwrap_or("");
            let lo_start = lower.len();
            lower.extend(core.chars().flat_map(char::to_lowercase));
            toks.push(Tok {
                start,
                end: core_end,
                full_end: end,
                shape: shape(core),
                lo: (lo_start, lower.len()),
            });
        }
        Tokens { text, toks, lower }
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    fn shape(&self, i: usize) -> Shape {
        self.tok(i).map_or(Shape::Other, |t| t.shape)
    }

    /// The lowercase form of token `i` ("" past the end).
    fn lc(&self, i: usize) -> &str {
        self.tok(i).and_then(|t| self.lower.get(t.lo.0..t.lo.1)).unwrap_or("")
    }

    /// The word as written, without a possessive `'s`.
    fn raw(&self, i: usize) -> &str {
        self.tok(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    /// The text between token `i - 1` (or the start) and token `i` (or the end).
    fn gap(&self, i: usize) -> &str {
        let from = if i == 0 { 0 } else { self.tok(i - 1).map_or(self.text.len(), |t| t.full_end) };
        let to = self.tok(i).map_or(self.text.len(), |t| t.start);
        self.text.get(from..to).unwrap_or("")
    }
}

/// Byte offset where a trailing possessive `'s` starts, if the word has one.
fn possessive_cut(word: &str) -> Option<usize> {
    for apostrophe in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(stem) = word.strip_suffix(apostrophe) {
            if stem.chars().count() >= 2 {
                return Some(stem.len());
            }
        }
    }
    None
}

fn shape(word: &str) -> Shape {
    let (mut upper, mut lower, mut other) = (0, 0, false);
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if !(is_joiner(c) || ('\u{300}'..='\u{36f}').contains(&c)) {
            other = true;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    match (other, first_upper) {
        (true, _) => Shape::Other,
        (false, true) if upper == 1 && lower == 0 => Shape::Initial,
        (false, true) if lower > 0 => Shape::Title,
        (false, true) => Shape::Upper,
        (false, false) if upper == 0 && lower > 0 => Shape::Lower,
        _ => Shape::Other,
    }
}

fn is_space(g: &str) -> bool {
    !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
}

/// One space between the words of a name.
fn is_join(g: &str) -> bool {
    g == " " || g == "\u{a0}"
}

/// After an initial: `J. Smith`, `J.R. Smith`, `J Smith`.
fn is_initial_join(g: &str) -> bool {
    matches!(g, "." | ". " | " " | ".\u{a0}" | "\u{a0}")
}

fn newlines(g: &str) -> usize {
    g.bytes().filter(|&b| b == b'\n').count()
}

// ---------------------------------------------------------------------------------- context

/// What vouches for a name before it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cue {
    /// `Dr.`, `Mrs.`: the strongest cue; any capitalized word after it is a name.
    Title,
    /// A field label, a greeting or sign-off, a relative, `signed by`: names follow.
    Strong(f32),
    /// A chat speaker role (`Agent Maria:`): a name if a colon follows it.
    Speaker,
    /// An ambiguous label (`From:`, `Customer:`), a bare `by`, `this is`, `- Name`: a name
    /// only with some support from the lists or the shape.
    Weak(f32),
}

impl Cue {
    /// LAST, FIRST is read after labels and introductions, not after titles and greetings.
    fn allows_last_first(self) -> bool {
        !matches!(self, Cue::Title)
    }
}

/// Labels whose value is a person.
fn is_person_label(w: &str) -> bool {
    matches!(
        w,
        "patient"
            | "pt"
            | "names"
            | "fullname"
            | "beneficiary"
            | "applicant"
            | "co-applicant"
            | "coapplicant"
            | "cosigner"
            | "co-signer"
            | "cardholder"
            | "holder"
            | "insured"
            | "subscriber"
            | "guarantor"
            | "guardian"
            | "attending"
            | "physician"
            | "surgeon"
            | "pcp"
            | "clinician"
            | "resident"
            | "author"
            | "signed"
            | "signature"
            | "signer"
            | "witness"
            | "interpreter"
            | "spouse"
            | "payee"
            | "borrower"
            | "co-borrower"
            | "coborrower"
            | "prescriber"
            | "referring"
            | "referrer"
            | "requester"
            | "requestor"
            | "reviewer"
            | "approver"
            | "nok"
            | "kin"
            | "parent"
            | "mother"
            | "father"
            | "dentist"
            | "therapist"
            | "counselor"
            | "counsellor"
            | "pharmacist"
            | "consultant"
            | "anesthesiologist"
            | "radiologist"
            | "pathologist"
            | "nurse"
            | "rn"
            | "np"
            | "caregiver"
            | "assignee"
            | "adjuster"
            | "husband"
            | "wife"
            | "son"
            | "daughter"
            | "doctor"
            | "dr"
            | "cc"
            | "attn"
            | "attention"
            | "customer"
            | "client"
            | "member"
            | "caller"
            | "employee"
            | "accountholder"
            | "owner"
            | "co-owner"
            | "decedent"
            | "deceased"
            | "claimant"
            | "dependent"
            | "policyholder"
    )
}

/// Labels whose value may be a person or something else.
fn is_ambiguous_label(w: &str) -> bool {
    matches!(
        w,
        "from"
            | "to"
            | "bcc"
            | "provider"
            | "contact"
            | "sender"
            | "recipient"
            | "originator"
            | "remitter"
            | "debtor"
            | "creditor"
            | "party"
            | "user"
            | "agent"
            | "rep"
            | "representative"
            | "by"
            | "officer"
            | "manager"
            | "worker"
            | "coordinator"
    )
}

/// Words before `name` that make `… name:` a person's name ("Patient name:").
fn is_person_name_qualifier(w: &str) -> bool {
    is_person_label(w)
        || matches!(
            w,
            "full"
                | "first"
                | "last"
                | "given"
                | "family"
                | "legal"
                | "account"
                | "card"
                | "maiden"
                | "middle"
                | "preferred"
                | "contact"
                | "sur"
                | "your"
                | "my"
                | "his"
                | "her"
                | "their"
                | "agent"
                | "provider"
                | "user"
                | "beneficiary's"
        )
}

fn is_greeting(w: &str) -> bool {
    matches!(
        w,
        "dear"
            | "hi"
            | "hello"
            | "hey"
            | "hiya"
            | "thanks"
            | "thx"
            | "greetings"
            | "morning"
            | "afternoon"
            | "evening"
            | "welcome"
            | "bye"
            | "goodbye"
            | "congratulations"
            | "congrats"
            | "cheers"
            | "ok"
            | "okay"
            | "sorry"
    )
}

fn is_signoff(w: &str) -> bool {
    matches!(
        w,
        "regards"
            | "sincerely"
            | "thanks"
            | "cheers"
            | "best"
            | "respectfully"
            | "truly"
            | "cordially"
            | "warmly"
            | "faithfully"
            | "wishes"
            | "yours"
            | "love"
            | "thx"
            | "appreciated"
            | "gratitude"
            | "care"
    )
}

fn is_by_verb(w: &str) -> bool {
    matches!(
        w,
        "signed"
            | "reviewed"
            | "referred"
            | "prepared"
            | "dictated"
            | "transcribed"
            | "approved"
            | "verified"
            | "authorized"
            | "authorised"
            | "entered"
            | "seen"
            | "examined"
            | "evaluated"
            | "submitted"
            | "completed"
            | "ordered"
            | "written"
            | "performed"
            | "cosigned"
            | "co-signed"
            | "attested"
            | "witnessed"
            | "interpreted"
            | "read"
            | "documented"
            | "countersigned"
            | "initiated"
            | "handled"
            | "escalated"
            | "covered"
            | "accompanied"
    )
}

fn is_speaker_role(w: &str) -> bool {
    matches!(
        w,
        "agent"
            | "rep"
            | "representative"
            | "advisor"
            | "adviser"
            | "banker"
            | "teller"
            | "specialist"
            | "associate"
            | "operator"
            | "customer"
            | "member"
            | "client"
            | "caller"
            | "patient"
            | "nurse"
            | "pharmacist"
            | "tech"
            | "technician"
            | "support"
            | "officer"
            | "coordinator"
            | "navigator"
            | "counselor"
            | "counsellor"
            | "scheduler"
    )
}

/// Person roles that may precede a name without a colon ("Co-signer Ana Ruiz").
fn is_role_noun(w: &str) -> bool {
    matches!(
        w,
        "cosigner"
            | "co-signer"
            | "co-applicant"
            | "coapplicant"
            | "beneficiary"
            | "applicant"
            | "cardholder"
            | "guarantor"
            | "payee"
            | "borrower"
            | "co-borrower"
            | "patient"
            | "subscriber"
            | "claimant"
            | "insured"
            | "policyholder"
    )
}

fn is_state_name(w: &str) -> bool {
    matches!(
        w,
        "virginia"
            | "georgia"
            | "carolina"
            | "dakota"
            | "washington"
            | "indiana"
            | "montana"
            | "nevada"
            | "florida"
            | "jersey"
            | "louisiana"
            | "maryland"
            | "tennessee"
            | "missouri"
            | "alabama"
            | "arizona"
            | "texas"
            | "california"
            | "colorado"
    )
}

/// True when a birth date, age or record number follows: `, DOB`, `(born`, `, a 74-year-old`.
fn is_birth_cue(after: &str) -> bool {
    let lower: String = after.chars().take(16).flat_map(char::to_lowercase).collect();
    ["dob", "d.o.b", "date of birth", "born", "age ", "aged ", "mrn", "ssn"]
        .iter()
        .any(|p| lower.starts_with(p))
        || lower.strip_prefix("a ").is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        || lower.strip_prefix("an ").is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

// -------------------------------------------------------------------------------- the scan

enum Step {
    /// A name at `start..end` with a score; scanning continues at token `next`.
    Found(usize, usize, f32, usize),
    /// No name here; continue at token `next`.
    Skip(usize),
}

/// One parsed run of name words.
#[derive(Clone, Debug, Default)]
struct Run {
    /// Token where the span starts (a name word or an initial).
    first: usize,
    /// Token where the span ends (always a name word).
    last: usize,
    /// The name words (not initials or particles), in order.
    parts: Vec<usize>,
    /// The style of the name words: Title (Title-case or mixed), Upper or Lower.
    style: Option<Shape>,
    /// Written `LAST, FIRST`.
    last_first: bool,
    /// An organization or street word follows ("Mayo Clinic").
    org_follows: bool,
    /// A medical eponym noun follows ("Bell's palsy").
    eponym_follows: bool,
    /// First token after the run.
    next: usize,
}

struct Scanner<'t, 'a> {
    t: &'t Tokens<'a>,
    lex: &'static Lexicon,
}

impl Scanner<'_, '_> {
    fn info(&self, i: usize) -> NameInfo {
        self.lex.info(self.t.raw(i))
    }

    fn known(&self, i: usize) -> bool {
        let info = self.info(i);
        info.first || info.last
    }

    fn candidate(&self, i: usize) -> Step {
        let t = self.t;
        let shape = t.shape(i);
        if matches!(shape, Shape::Other) {
            return Step::Skip(i + 1);
        }
        let cue = self.cue_before(i);
        let Some(mut run) = self.parse_run(i, cue) else {
            return Step::Skip(i + 1);
        };
        let next = run.next;
        // `LAST, FIRST` where the context allows it.
        if cue.is_none_or(|c| c.allows_last_first()) {
            if let Some(lf) = self.last_first(&run) {
                if let Some(score) = self.accept(&lf, cue) {
                    return self.found(&lf, score);
                }
            }
        }
        if let Some(score) = self.accept(&run, cue) {
            return self.found(&run, score);
        }
        // A sentence-initial capitalized word before a name: "Called Maria Lopez".
        if cue.is_none() && run.parts.len() >= 3 && self.sentence_start(run.first) && !self.known(run.first) {
            run.parts.remove(0);
            run.first = run.parts.first().copied().unwrap_or(run.first);
            if let Some(score) = self.accept(&run, None) {
                return self.found(&run, score);
            }
        }
        Step::Skip(next)
    }

    fn found(&self, run: &Run, score: f32) -> Step {
        let start = self.t.tok(run.first).map_or(0, |t| t.start);
        let end = self.t.tok(run.last).map_or(0, |t| t.end);
        Step::Found(start, end, score, run.next)
    }

    /// True when token `i` starts a sentence or a line.
    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let g = self.t.gap(i).trim_end_matches([' ', '\t', '\u{a0}']);
        g.ends_with(['.', '!', '?', '\n', ':', '*', '\u{2022}', '"', '>']) || g.contains('\n')
    }

    /// The cue right before token `i`, if any.
    fn cue_before(&self, i: usize) -> Option<Cue> {
        let t = self.t;
        let g = t.gap(i);
        let gt = g.trim_matches([' ', '\t', '\u{a0}']);
        if i == 0 {
            return dash_cue(g, true);
        }
        let p = i - 1;
        let pl = t.lc(p);
        let same_line = !g.contains('\n');
        // Titles: "Dr. Lynch", "Mrs Vega"; not the street suffix of "12 Oak Dr. Springfield".
        if words::is_title(pl) && is_initial_join(g) && !self.street_suffix(p) {
            return Some(Cue::Title);
        }
        // Field labels: "Patient: ...", "Account holder: ...".
        if gt == ":" && newlines(g) <= 1 {
            if pl == "name" {
                let q = if p == 0 || t.gap(p).contains('\n') { "" } else { t.lc(p - 1) };
                return Some(if q.is_empty() || is_person_name_qualifier(q) {
                    Cue::Strong(0.85)
                } else {
                    Cue::Weak(0.7)
                });
            }
            if is_person_label(pl) || words::is_relative(pl) {
                return Some(Cue::Strong(0.85));
            }
            if is_ambiguous_label(pl) {
                return Some(Cue::Weak(0.75));
            }
            return None;
        }
        // Sign-offs: "Regards,\nMarissa", "Thank you,\n\nJo".
        if !same_line
            && newlines(g) <= 2
            && matches!(gt.trim_matches(['\n', '\r', ' ']), "," | "" | "-" | "--")
        {
            let line_end_of_signoff = is_signoff(pl) || (pl == "you" && p > 0 && t.lc(p - 1) == "thank");
            if line_end_of_signoff {
                return Some(Cue::Strong(0.85));
            }
        }
        if same_line {
            let plain = gt.is_empty();
            let comma = matches!(gt, "," | ",-" | ", -" | ", --" | "-" | "--" | "\u{2014}" | ", \u{2014}");
            // Relatives: "his wife Maria", "daughter, Emma".
            if words::is_relative(pl) && (plain || gt == ",") {
                return Some(Cue::Strong(0.8));
            }
            // Greetings: "Dear Maria", "Hi Tom", "Thanks, Joshua", "Thank you Maureen".
            if (plain || comma) && (is_greeting(pl) || (pl == "you" && p > 0 && t.lc(p - 1) == "thank")) {
                return Some(Cue::Strong(0.8));
            }
            if plain {
                // "signed by", "Reviewed by"; a bare "by" is weaker.
                if pl == "by" {
                    let q = if p > 0 { t.lc(p - 1) } else { "" };
                    return Some(if is_by_verb(q) { Cue::Strong(0.85) } else { Cue::Weak(0.7) });
                }
                if is_speaker_role(pl) {
                    return Some(Cue::Speaker);
                }
                if is_role_noun(pl) {
                    return Some(Cue::Weak(0.75));
                }
                if let Some(cue) = self.intro_cue(p) {
                    return Some(cue);
                }
            }
        }
        dash_cue(g, false)
    }

    /// "my name is", "this is", "it's", "I'm", "call me", "referring", "spoke with".
    fn intro_cue(&self, p: usize) -> Option<Cue> {
        let t = self.t;
        let pl = t.lc(p);
        let q = if p > 0 && is_join(t.gap(p)) { t.lc(p - 1) } else { "" };
        let intro = match pl {
            "is" => matches!(q, "name" | "this"),
            "it's" | "i'm" | "im" | "named" | "name's" | "it\u{2019}s" | "i\u{2019}m" => true,
            "am" => q == "i",
            "me" => q == "call",
            _ => false,
        };
        if intro {
            return Some(Cue::Weak(0.75));
        }
        let verb = matches!(
            pl,
            "referring" | "referred" | "refer" | "paged" | "notified" | "contacted" | "consulted"
        ) || (matches!(pl, "with" | "to")
            && matches!(
                q,
                "spoke" | "speak" | "spoken" | "talked" | "talk" | "met" | "discussed" | "consulted"
            ));
        verb.then_some(Cue::Weak(0.7))
    }

    /// `Dr`/`St` after a house number and a street name: "12 Oak Dr. Springfield".
    fn street_suffix(&self, p: usize) -> bool {
        let t = self.t;
        if !matches!(t.lc(p), "dr" | "st") {
            return false;
        }
        (p.saturating_sub(3)..p)
            .any(|k| t.raw(k).starts_with(|c: char| c.is_ascii_digit()) && !t.gap(k + 1).contains('\n'))
    }

    /// Parses the run of name words starting at token `i`.
    fn parse_run(&self, i: usize, cue: Option<Cue>) -> Option<Run> {
        let t = self.t;
        let mut run = Run { first: i, last: i, next: i + 1, ..Run::default() };
        let mut k = i;
        let mut after_initial = false;
        while k < t.len() && run.parts.len() < 4 {
            if k > i {
                let g = t.gap(k);
                let joined = if after_initial { is_initial_join(g) } else { is_join(g) };
                if !joined {
                    break;
                }
            }
            let lc = t.lc(k);
            let shape = t.shape(k);
            let gap_after = t.gap(k + 1);
            // Initials: "J.", "J.R.", a middle "T" between two names.
            if shape == Shape::Initial
                && (gap_after.starts_with('.') || (!words::is_stop(lc) && is_join(gap_after)))
                && matches!(t.shape(k + 1), Shape::Initial | Shape::Title | Shape::Upper)
            {
                after_initial = true;
                k += 1;
                continue;
            }
            after_initial = false;
            // Particles inside a name: "de la Cruz", "van der Berg".
            if !run.parts.is_empty()
                && words::is_particle(lc)
                && matches!(shape, Shape::Lower | Shape::Title | Shape::Initial)
                && is_join(gap_after)
                && matches!(t.shape(k + 1), Shape::Title | Shape::Upper | Shape::Lower | Shape::Initial)
            {
                k += 1;
                continue;
            }
            if words::is_org_word(lc) && !run.parts.is_empty() {
                run.org_follows = true;
                break;
            }
            if words::is_eponym_noun(lc) && !run.parts.is_empty() {
                run.eponym_follows = true;
                break;
            }
            if !self.name_word(k, &run, cue) {
                break;
            }
            if run.style.is_none() {
                run.style = Some(shape);
            }
            run.parts.push(k);
            run.last = k;
            k += 1;
            if t.tok(run.last).is_some_and(Tok::possessive) {
                break;
            }
        }
        run.next = k.max(i + 1);
        let first_part = *run.parts.first()?;
        // The span starts at the first initial or name word, never at a particle.
        if words::is_particle(t.lc(i)) && i != first_part && t.shape(i) != Shape::Initial {
            run.first = first_part;
        }
        // An organization or eponym word right after the run, past a possessive.
        if !run.org_follows && !run.eponym_follows {
            let n = run.last + 1;
            if t.gap(n) == " " || t.gap(n).is_empty() {
                let nl = t.lc(n);
                run.org_follows = words::is_org_word(nl) && t.shape(n) != Shape::Lower;
                run.eponym_follows = words::is_eponym_noun(nl);
            }
        }
        Some(run)
    }

    /// May token `k` be a name word of `run`?
    fn name_word(&self, k: usize, run: &Run, cue: Option<Cue>) -> bool {
        let t = self.t;
        let lc = t.lc(k);
        let shape = t.shape(k);
        if words::is_title(lc) || words::is_credential(lc) && shape != Shape::Title {
            return false;
        }
        let first = run.parts.is_empty();
        if words::is_stop(lc) {
            // "Dr. Good", "Mr. Page": a known name right after a title.
            let titled = first && cue == Some(Cue::Title) && shape == Shape::Title && self.known(k);
            if !titled {
                return false;
            }
        }
        match (run.style, shape) {
            (None, Shape::Title | Shape::Upper) => true,
            (None, Shape::Lower) => self.lower_ok(k, cue, first),
            (Some(Shape::Title), Shape::Title) => true,
            // "John SMITH": a capitalized surname inside a Title-case name.
            (Some(Shape::Title), Shape::Upper) => self.known(k),
            (Some(Shape::Upper), Shape::Upper) => true,
            (Some(Shape::Lower), Shape::Lower) => self.lower_ok(k, cue, first),
            _ => false,
        }
    }

    /// Lowercase words are names only where the lists or a strong cue say so.
    fn lower_ok(&self, k: usize, cue: Option<Cue>, first: bool) -> bool {
        let info = self.info(k);
        if words::is_stop(self.t.lc(k)) || info.common {
            return false;
        }
        if first {
            // "agent pamela:", "dr. sanchez": the cue carries the word.
            info.first || matches!(cue, Some(Cue::Title | Cue::Speaker)) || (info.last && cue.is_some())
        } else {
            info.first || info.last || self.ends_line_or_field(k)
        }
    }

    /// True when token `k` is followed by punctuation or the end of its line.
    fn ends_line_or_field(&self, k: usize) -> bool {
        let g = self.t.gap(k + 1);
        k + 1 >= self.t.len()
            || g.contains('\n')
            || g.trim_start().starts_with([',', '(', ';', ':', '.', '!', '?', '<', '|'])
            || g.starts_with("  ")
            || g.starts_with('\t')
    }

    /// Reads `LAST, FIRST [M.]` from a one-word run followed by ", ".
    fn last_first(&self, run: &Run) -> Option<Run> {
        let t = self.t;
        if run.parts.len() != 1 || run.first != run.last || t.tok(run.last).is_some_and(Tok::possessive) {
            return None;
        }
        let style = run.style?;
        if !matches!(style, Shape::Title | Shape::Upper) || !matches!(t.gap(run.last + 1), ", " | ",") {
            return None;
        }
        let mut lf = run.clone();
        let mut k = run.last + 1;
        let mut after_initial = false;
        let mut given = 0;
        while k < t.len() && given < 2 {
            if k > run.last + 1 {
                let g = t.gap(k);
                if !(if after_initial { is_initial_join(g) } else { is_join(g) }) {
                    break;
                }
            }
            let lc = t.lc(k);
            let shape = t.shape(k);
            if shape == Shape::Initial && given > 0 && !words::is_stop(lc) {
                after_initial = true;
                lf.last = k;
                k += 1;
                continue;
            }
            after_initial = false;
            if shape != style || words::is_stop(lc) || words::is_credential(lc) || words::is_title(lc) {
                break;
            }
            if words::is_org_word(lc) || words::is_eponym_noun(lc) || is_state_name(lc) {
                return None;
            }
            lf.parts.push(k);
            lf.last = k;
            given += 1;
            k += 1;
            if t.tok(k - 1).is_some_and(Tok::possessive) {
                break;
            }
        }
        if given == 0 {
            return None;
        }
        lf.last_first = true;
        lf.next = k;
        Some(lf)
    }

    /// The score of `run` in its context, or `None` when nothing vouches for it.
    fn accept(&self, run: &Run, cue: Option<Cue>) -> Option<f32> {
        let t = self.t;
        let style = run.style?;
        if run.eponym_follows || self.eponym(run) || self.org_pair(run) {
            return None;
        }
        if run.org_follows && cue != Some(Cue::Title) {
            return None;
        }
        let parts: Vec<NameInfo> = run.parts.iter().map(|&k| self.info(k)).collect();
        let any_strong = parts.iter().any(|p| p.strong());
        let any_common = parts.iter().any(|p| p.common);
        let single = parts.len() == 1;
        let lower = style == Shape::Lower;
        let after = t.gap(run.last + 1);
        let colon_follows = after.starts_with(':');
        let post = self.post_cue(run, &parts);

        let cue_score = match cue {
            Some(Cue::Title) => Some(if lower { 0.8 } else { 0.95 }),
            Some(Cue::Speaker) if colon_follows => Some(0.9),
            Some(Cue::Speaker) => (any_strong && !lower).then_some(0.7),
            Some(Cue::Strong(s)) => {
                let ok = if lower { parts.first().is_some_and(|p| p.first || p.strong_last()) } else { true };
                ok.then_some(if lower { s - 0.1 } else { s })
            }
            Some(Cue::Weak(s)) => {
                if lower {
                    parts.first().is_some_and(|p| p.strong_first()).then_some(s - 0.1)
                } else if any_strong {
                    Some(s)
                } else if !single && !any_common {
                    Some(0.6)
                } else if single
                    && !any_common
                    && self.ends_line_or_field(run.last)
                    && !self.sentence_start(run.first)
                {
                    Some(0.55)
                } else {
                    None
                }
            }
            None => None,
        };
        let whole = self.whole_input(run);
        let list_score = if cue_score.is_none() { self.list_score(run, &parts, whole) } else { None };
        let best = [cue_score, post, list_score]
            .into_iter()
            .flatten()
            .fold(None, |a: Option<f32>, s| Some(a.map_or(s, |a| a.max(s))))?;
        // A house number before the run makes it a street ("025 Adam Via").
        if !matches!(cue, Some(Cue::Title | Cue::Strong(_) | Cue::Speaker)) && self.after_number(run.first) {
            return None;
        }
        Some(best)
    }

    /// Evidence after the run: a credential (`, MD`) or a birth date (`, DOB`).
    fn post_cue(&self, run: &Run, parts: &[NameInfo]) -> Option<f32> {
        let t = self.t;
        if run.style == Some(Shape::Lower) && !parts.first().is_some_and(|p| p.strong_first()) {
            return None;
        }
        let n = run.last + 1;
        let g = t.gap(n);
        let known = parts.iter().any(|p| p.first || p.last);
        if matches!(g, " " | ", " | ",") && words::is_credential(t.lc(n)) && t.shape(n) != Shape::Lower {
            // "Baltimore, MD 21201" and "Erie, PA" are places.
            let state_like = matches!(t.lc(n), "md" | "pa" | "de" | "co" | "ok" | "or" | "in")
                || t.raw(n + 1).bytes().all(|b| b.is_ascii_digit());
            if !(state_like && parts.len() == 1 && !known && g != " ") {
                return Some(0.9);
            }
        }
        let end = t.tok(run.last).map_or(0, |tok| tok.full_end);
        let rest = t.text.get(end..).unwrap_or("");
        let punct = rest.trim_start_matches([' ', ',', '(', ';', '-', '\u{2014}']);
        let separated = (punct.len() < rest.len() && !rest.starts_with(' ')) || rest.starts_with(" (");
        if separated && is_birth_cue(punct) {
            return Some(0.85);
        }
        None
    }

    /// Evidence from the census lists alone.
    fn list_score(&self, run: &Run, parts: &[NameInfo], whole: bool) -> Option<f32> {
        let style = run.style?;
        let first = *parts.first()?;
        let last = *parts.last()?;
        if parts.len() == 1 {
            // A value that is nothing but a known name ("Quintana" in a record field).
            return (whole && style != Shape::Lower && first.strong()).then_some(0.6);
        }
        if words::is_place_prefix(self.t.lc(run.parts.first().copied()?)) {
            return None;
        }
        if run.last_first {
            // "Meyers, Angela", "QUINTANA, IRENE".
            let given = *parts.get(1)?;
            return (given.strong_first() && !first.common && style != Shape::Lower).then_some(0.7);
        }
        let later_strong_last = parts.iter().skip(1).any(|p| p.strong_last());
        match style {
            Shape::Lower => (first.strong_first() && last.strong_last()).then_some(0.6),
            Shape::Upper => (first.strong_first() && !last.common && parts.len() <= 3).then_some(0.65),
            _ => {
                if first.strong_first() {
                    if later_strong_last {
                        Some(0.8)
                    } else if !last.common || whole {
                        Some(0.65)
                    } else {
                        None
                    }
                } else if first.first && later_strong_last {
                    // "Mark Davis", "Will Smith".
                    Some(0.65)
                } else if !first.common && last.strong_last() && (whole || !self.sentence_start(run.first)) {
                    // "Espartaco Borrego".
                    Some(0.55)
                } else {
                    None
                }
            }
        }
    }

    /// True when the run is the whole input (a record field holding a name).
    fn whole_input(&self, run: &Run) -> bool {
        let t = self.t;
        let start = t.tok(run.first).map_or(0, |x| x.start);
        let end = t.tok(run.last).map_or(0, |x| x.full_end);
        t.text.get(..start).is_some_and(|s| s.trim().is_empty())
            && t.text.get(end..).is_some_and(|s| s.trim().trim_end_matches('.').is_empty())
    }

    /// A run right after a number on the same line: a street name.
    fn after_number(&self, first: usize) -> bool {
        first > 0
            && is_space(self.t.gap(first))
            && self.t.raw(first - 1).starts_with(|c: char| c.is_ascii_digit())
    }

    /// "Parkinson's", "Crohn's": a possessive eponym.
    fn eponym(&self, run: &Run) -> bool {
        let t = self.t;
        t.tok(run.last).is_some_and(Tok::possessive)
            && words::fold(t.raw(run.last)).is_some_and(|w| words::is_eponym(&w))
    }

    /// "Wells Fargo", "Johns Hopkins".
    fn org_pair(&self, run: &Run) -> bool {
        let t = self.t;
        let first = run.parts.first().copied().unwrap_or(run.first);
        let (a, b) = (t.lc(first), t.lc(first + 1));
        let before = if first > 0 { t.lc(first - 1) } else { "" };
        (is_join(t.gap(first + 1)) && words::is_org_pair(a, b))
            || (first > 0 && is_join(t.gap(first)) && words::is_org_pair(before, a))
    }
}

/// "- Sandra", "-- Jack", "— Dr. Ruiz": a dash sign-off at the start of a line or after a
/// sentence.
fn dash_cue(gap: &str, at_start: bool) -> Option<Cue> {
    let g = gap.trim_end_matches([' ', '\t', '\u{a0}']);
    let before = g.trim_end_matches(['-', '\u{2013}', '\u{2014}']);
    if before.len() == g.len() || g.len() - before.len() > 6 {
        return None;
    }
    let before = before.trim_end_matches([' ', '\t', '\u{a0}']);
    let clean = (at_start && before.trim().is_empty())
        || before.ends_with(['\n', '.', '!', '?', ','])
        || (before.is_empty() && at_start);
    clean.then_some(Cue::Weak(0.75))
}

// ------------------------------------------------------------------------------ mentions

/// How one found name part may be mentioned again.
#[derive(Clone, Copy)]
struct Part {
    score: f32,
    /// The part is also an ordinary word: only `Mr./Dr. Part` counts as a mention.
    common: bool,
    /// It was written in lowercase, so lowercase mentions count too.
    lowercase: bool,
}

/// Finds the other mentions of the names already found in `text`: a first name or surname
/// alone, in any of the cases it could be written in (`Irene`, `IRENE`; lowercase only when the
/// name was found in lowercase), a surname after a title. Ordinary-word parts ("Will", "Grant")
/// count only after a title; eponyms, organizations and words glued into e-mail addresses or
/// other tokens never do. New findings do not overlap existing ones; `findings` stays sorted
/// by start.
pub(crate) fn add_mentions(text: &str, findings: &mut Vec<Finding>, keep: &dyn Fn(&Finding) -> bool) {
    if !findings.iter().any(|f| f.entity == EntityKind::Person) {
        return;
    }
    let t = Tokens::new(text);
    let lex = lexicon();
    let mut parts: HashMap<&str, Part> = HashMap::new();
    // Tokens are in text order and findings are sorted and disjoint: one pass pairs them.
    let mut covered = vec![false; t.len()];
    let mut f = 0;
    for (k, tok) in t.toks.iter().enumerate() {
        while findings.get(f).is_some_and(|x| x.end <= tok.start) {
            f += 1;
        }
        let Some(finding) = findings.get(f) else { break };
        if finding.start < tok.full_end {
            covered[k] = true;
            if finding.entity == EntityKind::Person && finding.start <= tok.start && tok.end <= finding.end {
                let lc = t.lc(k);
                let shape = tok.shape;
                if matches!(shape, Shape::Title | Shape::Upper | Shape::Lower)
                    && lc.chars().count() >= 2
                    && !words::is_stop(lc)
                    && !words::is_particle(lc)
                    && !words::is_title(lc)
                    && !words::is_credential(lc)
                {
                    let info = lex.info(t.raw(k));
                    let entry =
                        parts.entry(lc).or_insert(Part { score: 0.0, common: false, lowercase: false });
                    entry.score = entry.score.max(finding.score);
                    entry.common |= info.common || words::fold(lc).is_some_and(|w| words::is_eponym(&w));
                    entry.lowercase |= shape == Shape::Lower;
                }
            }
        }
    }
    if parts.is_empty() {
        return;
    }
    let mut added: Vec<Finding> = Vec::new();
    for (k, tok) in t.toks.iter().enumerate() {
        if covered.get(k).copied().unwrap_or(true) {
            continue;
        }
        let Some(part) = parts.get(t.lc(k)) else { continue };
        let case_ok = match tok.shape {
            Shape::Title | Shape::Upper => true,
            Shape::Lower => part.lowercase,
            _ => false,
        };
        if !case_ok || glued(text, tok.start, tok.full_end) {
            continue;
        }
        let titled = k > 0 && words::is_title(t.lc(k - 1)) && is_initial_join(t.gap(k));
        if part.common && !titled {
            continue;
        }
        let next = t.lc(k + 1);
        let joined_next = is_join(t.gap(k + 1));
        if (tok.possessive() && words::fold(t.lc(k)).is_some_and(|w| words::is_eponym(&w)))
            || (joined_next
                && (words::is_eponym_noun(next)
                    || words::is_org_word(next) && t.shape(k + 1) != Shape::Lower))
            || (joined_next && words::is_org_pair(t.lc(k), next))
            || (k > 0 && is_join(t.gap(k)) && words::is_org_pair(t.lc(k - 1), t.lc(k)))
        {
            continue;
        }
        let candidate = Finding::new(EntityKind::Person, tok.start, tok.end, part.score, false);
        if !keep(&candidate) {
            continue;
        }
        // "Irene Quintana" mentioned again becomes one finding.
        match added.last_mut() {
            Some(prev) if prev.end + 1 == tok.start && text.get(prev.end..tok.start) == Some(" ") => {
                prev.end = tok.end;
                prev.score = prev.score.max(part.score);
            }
            _ => added.push(candidate),
        }
    }
    if !added.is_empty() {
        findings.extend(added);
        findings.sort_by_key(|f| f.start);
    }
}

/// True when the word at `start..end` is part of a larger token: an e-mail address, a handle,
/// a path or a dotted identifier (`irene.q@…`, `@irene`, `/irene/`).
fn glued(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let before2 = text.get(..start).and_then(|s| s.chars().rev().nth(1));
    let mut rest = text.get(end..).unwrap_or("").chars();
    let after = rest.next();
    let after2 = rest.next();
    let glue = |c: Option<char>| matches!(c, Some('@' | '_' | '/' | '\\' | '=' | '#'));
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    glue(before)
        || glue(after)
        || word(before)
        || word(after)
        || (matches!(before, Some('.' | '-' | '+')) && word(before2))
        || (matches!(after, Some('.' | '-' | '+')) && word(after2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, found};

    fn names(text: &str) -> Vec<String> {
        found(&Person::new(), text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn table() {
        check_table(
            &Person::new(),
            EntityKind::Person,
            &[
                // Titles (the title stays outside), initials, hyphens, particles, diacritics.
                ("Seen today by Dr. Lynch for follow-up.", "Lynch"),
                ("Prescriptions signed by Dr. A. Luna (DEA on file)", "A. Luna"),
                ("cc: Dr. J.R. Whitfield", "J.R. Whitfield"),
                ("Mrs. Mary-Kate O'Neil was admitted", "Mary-Kate O'Neil"),
                ("Patient: Mr. Aaron Kramer   DOB: 1964", "Aaron Kramer"),
                ("Attending: Dr. Good    PCP: Dr. Miller", "Good"),
                ("Referred to Prof. Maria de la Cruz.", "Maria de la Cruz"),
                ("Ms. Núñez reports less pain.", "Núñez"),
                ("Consult with Dr. Pieter van der Berg tomorrow", "Pieter van der Berg"),
                ("Mr. Herring's coverage ends in May.", "Herring"),
                ("Sister Mary Agnes visited.", "Mary Agnes"),
                // Labels.
                ("Beneficiary: Gail Malone, 7390 Johnson Ct", "Gail Malone"),
                ("Account holder: Terrence Okafor\nRouting: 0210", "Terrence Okafor"),
                ("Applicant: Ngozi Adeyemi-Clarke", "Ngozi Adeyemi-Clarke"),
                ("Cardholder: BRIAN THOMPSON-WERNER", "BRIAN THOMPSON-WERNER"),
                ("Attending: Samaksh Kala, MD    PCP: none", "Samaksh Kala"),
                ("Name: Meyers, Angela    MRN 3538850", "Meyers, Angela"),
                ("Electronically signed by Sankaran, Ira MD", "Sankaran, Ira"),
                ("Reviewed by Estela Fuentes", "Estela Fuentes"),
                ("Referred by: Dr. Osei", "Osei"),
                ("Customer: Espartaco Borrego, 01/04/2004", "Espartaco Borrego"),
                ("Co-signer Rafael Ortiz pending review", "Rafael Ortiz"),
                // Greetings, sign-offs, introductions.
                ("Dear Maria,\nYour results are in.", "Maria"),
                ("Hi Tom, your card ships today.", "Tom"),
                ("Thanks Irene, the decline was flagged.", "Irene"),
                ("Thank you Maureen. Which card is it?", "Maureen"),
                ("Please call me.\nRegards,\nMarissa Jimenez", "Marissa Jimenez"),
                ("Sincerely,\n\nCarla Ramos, NP\nNPI 1234567893", "Carla Ramos"),
                ("Thanks, -- Jack", "Jack"),
                ("I verified the login. - Sandra", "Sandra"),
                ("Hello,\nMy name is Danielle K. Campbell, date of birth 3/4/61", "Danielle K. Campbell"),
                ("it's Michelle Bowen, date of birth on file", "Michelle Bowen"),
                ("Hi, this is QUINTANA, IRENE. Call me back.", "QUINTANA, IRENE"),
                ("This is Xaver.", "Xaver"),
                // Relatives and chat speakers.
                ("Accompanied by her husband Joe Fry, who can be reached", "Joe Fry"),
                ("Also, my daughter, Emma (born 2011) needs a refill", "Emma"),
                ("[10:32 AM] Agent Jimmy: Sorry to hear that", "Jimmy"),
                ("[0858 hrs] agent pamela: i also see a charge", "pamela"),
                // Lowercase text with known names.
                ("i am referring kelli atkins-leblanc (DOB 4/20/1960)", "kelli atkins-leblanc"),
                ("dear dr. sanchez, thanks", "sanchez"),
                // The lists alone.
                ("Corrected claim for Irene Quintana; prior auth attached", "Irene Quintana"),
                ("Called Maria Lopez about the refill.", "Maria Lopez"),
                ("Card held by ROBERT CONTRERAS since 2019", "ROBERT CONTRERAS"),
                ("Verified with Enrique L. Gaytán by phone", "Enrique L. Gaytán"),
                ("Matthew May", "Matthew May"),
                ("Quintana", "Quintana"),
                ("Dolores MD", "Dolores"),
            ],
            &[
                "Patient has Parkinson's disease and Crohn's disease.",
                "History of Bell's palsy; Graves disease in remission.",
                "Transfer from Wells Fargo to Johns Hopkins billing.",
                "Will call back tomorrow. May need a refill.",
                "Grant Application Review: see page 4.",
                "Hope this helps!",
                "Mark the box and sign.",
                "Admitted to Mayo Clinic; seen at Valley View Medical Center.",
                "Address: 5729 Richard Drive, Springfield",
                "Ship to 025 Adam Via, Lake Charles",
                "Flew from San Francisco to Santa Rosa.",
                "BP 128/82, HR 72, metoprolol 25 mg BID",
                "Dear Sir or Madam,",
                "Dear Valued Customer,",
                "Customer: I don't recognize this charge",
                "Customer: Yes, that's right",
                "Subject: Fraud Dispute",
                "HOSPITAL COURSE: uneventful",
                "Baltimore, MD 21201",
                "ICD-10 E11.9, CPT 99213, HbA1c 7.2%",
                "Chief Complaint: chest pain",
                "This is a reminder about your visit.",
                "it's fine",
                "the patient will follow up in may",
                "Wire to account 12345 at Chase Bank",
            ],
        );
    }

    #[test]
    fn findings_have_expected_scores() {
        let d = found(&Person::new(), "Dr. Lynch and Irene Quintana");
        assert_eq!(d.len(), 2);
        let mut out = Vec::new();
        Person::new().recognize(&Haystack { text: "Dr. Lynch met Zork Blarg" }, &mut out);
        assert_eq!(out.len(), 1, "an unknown pair without a cue is not a name");
        assert!(out[0].score >= 0.9);
    }

    #[test]
    fn multiple_names_in_one_text() {
        let text = "Attending: Dr. Flavio Borromini    PCP: Dr. Meyer\nReferred by Ana Ruiz, NP.";
        assert_eq!(names(text), vec!["Flavio Borromini", "Meyer", "Ana Ruiz"]);
    }

    fn mentions(text: &str) -> Vec<String> {
        let mut all = Vec::new();
        Person::new().recognize(&Haystack { text }, &mut all);
        let mut findings = crate::detect::resolve_overlaps(all);
        add_mentions(text, &mut findings, &|f| f.score >= 0.5);
        findings.iter().map(|f| text[f.start..f.end].to_owned()).collect()
    }

    #[test]
    fn mentions_of_found_names() {
        let text =
            "Patient: Irene Quintana\nIrene reports pain. QUINTANA signed; later irene and quintana agreed.";
        assert_eq!(names(text), vec!["Irene Quintana"]);
        assert_eq!(mentions(text), vec!["Irene Quintana", "Irene", "QUINTANA"]);
        // The full name again is one finding.
        assert_eq!(mentions("Dear Ana Ruiz,\nwe wrote to Ana Ruiz today."), vec!["Ana Ruiz", "Ana Ruiz"]);
        // Lowercase mentions only when the name was found in lowercase.
        assert_eq!(mentions("agent pamela: hi\ncustomer: thanks pamela"), vec!["pamela", "pamela"]);
        assert_eq!(
            mentions("Patient: Irene Quintana\nemail irene.quintana@x.org, @irene"),
            vec!["Irene Quintana"]
        );
    }

    #[test]
    fn ordinary_word_parts_need_a_title() {
        assert_eq!(
            mentions("Patient: Will Grant\nWill call back. Grant approved. Mr. Grant agreed."),
            vec!["Will Grant", "Grant"]
        );
        assert_eq!(
            mentions("Attending: Dr. Parkinson\nHistory of Parkinson's disease; Parkinson's."),
            vec!["Parkinson"]
        );
    }

    #[test]
    fn mentions_respect_existing_findings_and_keep() {
        let text = "Patient: Irene Quintana, Irene";
        let mut findings = vec![Finding::new(EntityKind::Person, 9, 23, 0.85, false)];
        add_mentions(text, &mut findings, &|f| f.score > 0.9);
        assert_eq!(findings.len(), 1);
        add_mentions(text, &mut findings, &|_| true);
        assert_eq!(findings.len(), 2);
        assert_eq!(&text[findings[1].start..findings[1].end], "Irene");
    }

    #[test]
    fn tokens_and_shapes() {
        let t = Tokens::new("Dr. O'Neil's SMITH-GARCIA j.r. A1c núñez");
        let raws: Vec<_> = (0..t.len()).map(|i| (t.raw(i), t.shape(i))).collect();
        assert_eq!(
            raws,
            vec![
                ("Dr", Shape::Title),
                ("O'Neil", Shape::Title),
                ("SMITH-GARCIA", Shape::Upper),
                ("j", Shape::Lower),
                ("r", Shape::Lower),
                ("A1c", Shape::Other),
                ("núñez", Shape::Lower),
            ]
        );
        assert!(t.tok(1).unwrap().possessive());
        assert_eq!(t.lc(6), "núñez");
    }

    #[test]
    fn long_inputs_stay_linear() {
        let text = "Maria ".repeat(20_000);
        let start = std::time::Instant::now();
        let _ = names(&text);
        let _ = mentions(&text);
        assert!(start.elapsed().as_secs() < 5);
    }
}
