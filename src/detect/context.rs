//! Small helpers shared by recognizers: word boundaries, nearby context words and labels.

use std::sync::OnceLock;

/// True when the byte range is not glued to an ASCII letter or digit on either side.
pub(crate) fn is_bounded(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let left = start == 0 || b.get(start - 1).is_none_or(|c| !c.is_ascii_alphanumeric());
    let right = b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
    left && right
}

/// Stricter than [`is_bounded`] for codes made of letters and digits: not glued to a letter,
/// digit, `_`, `/`, `@`, `\`, `.` + alphanumeric or `-` + alphanumeric on either side, so a
/// piece of a URL, a path, a handle or a file name does not count.
pub(crate) fn is_token_bounded(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let glue = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'/' | b'@' | b'\\');
    let joined = |c: u8| matches!(c, b'.' | b'-');
    let left = match byte_before(b, start, 1) {
        None => true,
        Some(c) => {
            !(glue(c) || (joined(c) && byte_before(b, start, 2).is_some_and(|c| c.is_ascii_alphanumeric())))
        }
    };
    let right = match b.get(end) {
        None => true,
        Some(&c) => !(glue(c) || (joined(c) && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))),
    };
    left && right
}

/// True when one of `words` (lowercase ASCII) occurs, case-insensitively and as a whole word,
/// within `window` bytes before `start`. A recognizer that asks often about the same list keeps
/// a [`WordSet`] of it instead (its filters are then computed once, at compile time).
pub(crate) fn has_word_before(text: &str, start: usize, window: usize, words: &[&str]) -> bool {
    let b = text.as_bytes();
    let from = start.saturating_sub(window);
    let region = b.get(from..start.min(b.len())).unwrap_or_default();
    // The first bytes and lengths of the region's tokens, as bit sets: a word whose first byte
    // no token has is not in the region, nor is a word of word bytes whose length no token has.
    let (mut firsts, mut lengths) = (0u64, 0u64);
    let all = Tokens::new(region);
    let mut tokens = all;
    while let Some((from, first)) = tokens.next_start() {
        firsts |= first_bit(first);
        lengths |= length_bit(tokens.len(from));
    }
    words.iter().any(|w| {
        let w = w.as_bytes();
        match w.first() {
            None => false,
            Some(&c) if is_word_byte(c) && firsts & first_bit(c) == 0 => false,
            // A word of word bytes is a whole token where it is found.
            Some(_) if w.iter().all(|&c| is_word_byte(c)) => {
                lengths & length_bit(w.len()) != 0 && all.any_is(w)
            }
            Some(_) => contains_word(region, w),
        }
    })
}

/// A list of context words (lowercase ASCII) with filters over their first bytes and lengths,
/// for [`WordSet::before`]: a token whose first byte or length no word has is not compared.
pub(crate) struct WordSet<'w> {
    words: &'w [&'w str],
    /// A bit per lowercased first byte (`& 63`) of the words.
    firsts: u64,
    /// A bit per length (63 for 63 and longer) of the words.
    lengths: u64,
    /// A bit per index (below 64) of the words holding a byte that is not a word byte
    /// (`date of birth`, `d.o.b`, `ss#`): those are searched with [`contains_word`].
    phrases: u64,
    /// Some word at index 64 or later holds a byte that is not a word byte.
    late_phrases: bool,
}

impl<'w> WordSet<'w> {
    /// The filters of `words`, computed without indexing so that it runs in a `const`.
    pub(crate) const fn new(words: &'w [&'w str]) -> WordSet<'w> {
        let (mut firsts, mut lengths, mut phrases, mut late_phrases) = (0u64, 0u64, 0u64, false);
        let (mut rest, mut index) = (words, 0u32);
        while let [word, tail @ ..] = rest {
            let w = word.as_bytes();
            if let [first, ..] = w {
                firsts |= first_bit(*first);
                lengths |= length_bit(w.len());
                let mut bytes = w;
                let mut phrase = false;
                while let [c, more @ ..] = bytes {
                    phrase |= !is_word_byte(*c);
                    bytes = more;
                }
                if phrase {
                    if index < 64 {
                        phrases |= 1 << index;
                    } else {
                        late_phrases = true;
                    }
                }
            }
            rest = tail;
            index = index.saturating_add(1);
        }
        WordSet { words, firsts, lengths, phrases, late_phrases }
    }

    /// True when one of the words occurs, case-insensitively and as a whole word, within
    /// `window` bytes before `start`. A word cut by the window's left edge counts as the part
    /// inside the window.
    pub(crate) fn before(&self, text: &str, start: usize, window: usize) -> bool {
        let b = text.as_bytes();
        let from = start.saturating_sub(window);
        let region = b.get(from..start.min(b.len())).unwrap_or_default();
        self.in_region(region)
    }

    /// True when one of the words occurs as a whole word in `region`. Words made of word bytes
    /// only are compared with the region's tokens (maximal runs of word bytes, a run cut by the
    /// region's edge counting as the part inside), found in one walk; the others are searched
    /// with [`contains_word`], only when a token starts with their first byte (a whole-word
    /// match starts a token).
    fn in_region(&self, region: &[u8]) -> bool {
        let mut token_firsts = 0u64;
        let mut tokens = Tokens::new(region);
        while let Some((from, first)) = tokens.next_start() {
            let bit = first_bit(first);
            token_firsts |= bit;
            if self.firsts & bit == 0 {
                continue;
            }
            let len = tokens.len(from);
            if self.lengths & length_bit(len) != 0 {
                let token = region.get(from..from + len).unwrap_or_default();
                // A word holding a byte that is not a word byte never equals a token.
                if self.words.iter().any(|w| w.len() == len && w.as_bytes().eq_ignore_ascii_case(token)) {
                    return true;
                }
            }
        }
        let searched = |w: &str| {
            let w = w.as_bytes();
            match w.first() {
                None => false,
                Some(&c) if is_word_byte(c) && token_firsts & first_bit(c) == 0 => false,
                Some(_) => contains_word(region, w),
            }
        };
        let mut phrases = self.phrases;
        while phrases != 0 {
            let i = phrases.trailing_zeros() as usize;
            phrases &= phrases - 1;
            if self.words.get(i).is_some_and(|w| searched(w)) {
                return true;
            }
        }
        self.late_phrases
            && self
                .words
                .get(64..)
                .unwrap_or_default()
                .iter()
                .any(|w| !w.bytes().all(is_word_byte) && searched(w))
    }
}

/// The tokens (maximal runs of word bytes; a run cut by an edge counts as the part inside) of a
/// region, from the left, read from a bit per byte that tells word bytes, made eight bytes at a
/// time ([`word_bits`]). A region longer than 128 bytes is walked byte by byte.
#[derive(Clone, Copy)]
struct Tokens<'r> {
    region: &'r [u8],
    /// The word bytes of the region (at most 128 bytes), a bit per byte: bytes 0-63, then 64-127.
    mask: [u64; 2],
    /// The token starts not yet returned, in the same form.
    starts: [u64; 2],
    /// In a longer region, where the byte walk goes on.
    pos: usize,
}

impl<'r> Tokens<'r> {
    fn new(region: &'r [u8]) -> Tokens<'r> {
        let mut mask = [0u64; 2];
        if region.len() <= 128 {
            let mut chunks = region.chunks_exact(8);
            let mut k = 0;
            for chunk in &mut chunks {
                let eight: [u8; 8] = chunk.try_into().unwrap_or_default();
                if let Some(m) = mask.get_mut(k / 8) {
                    *m |= word_bits(u64::from_le_bytes(eight)) << (8 * (k % 8));
                }
                k += 1;
            }
            // The zero bytes after the end are not word bytes.
            let mut last = 0u64;
            for (i, &c) in chunks.remainder().iter().enumerate() {
                last |= u64::from(c) << (8 * i);
            }
            if let Some(m) = mask.get_mut(k / 8) {
                *m |= word_bits(last) << (8 * (k % 8));
            }
        }
        let [lo, hi] = mask;
        let starts = [lo & !(lo << 1), hi & !((hi << 1) | (lo >> 63))];
        Tokens { region, mask, starts, pos: 0 }
    }

    /// The start and first byte of the next token.
    #[inline(always)]
    fn next_start(&mut self) -> Option<(usize, u8)> {
        let region = self.region;
        let from = if region.len() > 128 {
            let from = self.pos + region.get(self.pos..)?.iter().position(|&c| is_word_byte(c))?;
            self.pos = from + self.len(from);
            from
        } else if self.starts[0] != 0 {
            let from = self.starts[0].trailing_zeros() as usize;
            self.starts[0] &= self.starts[0] - 1;
            from
        } else if self.starts[1] != 0 {
            let from = 64 + self.starts[1].trailing_zeros() as usize;
            self.starts[1] &= self.starts[1] - 1;
            from
        } else {
            return None;
        };
        Some((from, *region.get(from)?))
    }

    /// True when one of the tokens not yet returned is `word` (ASCII case ignored).
    fn any_is(mut self, word: &[u8]) -> bool {
        while let Some((from, _)) = self.next_start() {
            let len = self.len(from);
            if len == word.len()
                && self.region.get(from..from + len).is_some_and(|t| t.eq_ignore_ascii_case(word))
            {
                return true;
            }
        }
        false
    }

    /// The length of the token starting at `from`.
    fn len(&self, from: usize) -> usize {
        let [lo, hi] = self.mask;
        if self.region.len() <= 128 {
            if from >= 64 {
                return (!(hi >> (from - 64))).trailing_zeros() as usize;
            }
            let len = (!(lo >> from)).trailing_zeros() as usize;
            // A token that reaches byte 63 goes on into the second half.
            return if from + len == 64 { len + (!hi).trailing_zeros() as usize } else { len };
        }
        let rest = self.region.get(from..).unwrap_or_default();
        rest.iter().position(|&c| !is_word_byte(c)).unwrap_or(rest.len())
    }
}

/// A bit per byte of `x` (eight bytes, the first in the low byte) that is a word byte: an ASCII
/// letter or digit or a byte of 0x80 or more, with bit `i` for byte `i`.
#[inline(always)]
fn word_bits(x: u64) -> u64 {
    use crate::swar::{gather, letter_mask, range_mask};
    // A byte of 0x80 or more has its own high bit set.
    u64::from(gather(x | letter_mask(x) | range_mask(x, b'0', b'9')))
}

/// The bit of a word's or token's first byte in a first-byte filter.
const fn first_bit(c: u8) -> u64 {
    1 << (c.to_ascii_lowercase() & 63)
}

/// The bit of a word's or token's length in a length filter.
const fn length_bit(len: usize) -> u64 {
    1 << if len < 63 { len } else { 63 }
}

/// The ASCII letters and digits, as a bit per byte value.
const ASCII_ALNUM: u128 = (((1 << 10) - 1) << b'0') | (((1 << 26) - 1) << b'A') | (((1 << 26) - 1) << b'a');

/// Letters, digits and the bytes of non-ASCII characters.
#[inline(always)]
const fn is_word_byte(b: u8) -> bool {
    b >= 0x80 || (ASCII_ALNUM >> (b & 127)) & 1 != 0
}

/// The byte `back` positions before `pos` (`b[pos - back]`), or `None` before the start or past
/// the end.
fn byte_before(b: &[u8], pos: usize, back: usize) -> Option<u8> {
    pos.checked_sub(back).and_then(|i| b.get(i)).copied()
}

/// True when one of `words` occurs as a whole word within `window` bytes after `end`.
pub(crate) fn has_word_after(text: &str, end: usize, window: usize, words: &[&str]) -> bool {
    let b = text.as_bytes();
    let from = end.min(b.len());
    let region = b.get(from..from.saturating_add(window).min(b.len())).unwrap_or_default();
    words.iter().any(|w| contains_word(region, w.as_bytes()))
}

/// True when the match continues into a longer number or date: `12/31/2024` seen from `12/31`,
/// `04/27.5`, `1234-5`, `1.021000021`.
pub(crate) fn continues_number(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let joiner = |c: u8| matches!(c, b'/' | b'-' | b'.' | b',' | b':');
    let after = b.get(end).is_some_and(|&c| joiner(c)) && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    let before = byte_before(b, start, 1).is_some_and(joiner)
        && byte_before(b, start, 2).is_some_and(|c| c.is_ascii_digit());
    after || before
}

/// True for date-shaped runs of dash-joined digit groups: `2024-03-14`, `03-14-2024`, `3-14-24`.
pub(crate) fn looks_like_date(run: &str) -> bool {
    // The lengths of the three dash-separated groups, in one pass (no date has more than 10 bytes).
    let b = run.as_bytes();
    if b.len() > 10 {
        return false;
    }
    let (mut lens, mut n, mut len) = ([0usize; 2], 0, 0);
    for &c in b {
        if c != b'-' {
            len += 1;
            continue;
        }
        let Some(slot) = lens.get_mut(n) else { return false };
        *slot = len;
        n += 1;
        len = 0;
    }
    n == 2 && matches!((lens, len), ([4, 2], 2) | ([1 | 2, 1 | 2], 2 | 4))
}

/// How far back (bytes) a label may sit before its value, fillers and separators included.
const MAX_LABEL_GAP: usize = 48;

/// Words that may stand between any label and its value: "account **number is** 1234",
/// "passport **no.** X123", "card **ending in** 4242".
const COMMON_FILLERS: &[&str] = &[
    "number",
    "numbers",
    "num",
    "no",
    "nos",
    "nbr",
    "nr",
    "is",
    "was",
    "are",
    "of",
    "the",
    "my",
    "your",
    "our",
    "his",
    "her",
    "their",
    "ending",
    "ends",
    "ending in",
    "ends in",
    "on file",
    "id",
    "code",
    "value",
];

/// The words of a label set: see [`Labels`].
pub(crate) struct LabelSpec {
    /// The labels themselves.
    pub words: &'static [&'static str],
    /// Extra fillers for this kind, on top of [`COMMON_FILLERS`].
    pub fillers: &'static [&'static str],
    /// Whether a 2- or 3-letter uppercase code (a country or state, `US`, `TX`, `GBR`) may stand
    /// between the label and the value: "passport (US) 123456789", "driver's license TX 1234567".
    pub codes: bool,
}

/// A set of labels that introduce a value (`SSN:`, `routing no.`, `S/N`), and the words that may
/// stand between the label and the value. Declared as a `static` so that its word index is built
/// once, on first use.
///
/// Labels are matched as whole words. A label written in lowercase matches in any case; a label
/// with an uppercase letter matches only exactly (so `DL` does not match the `dL` of `mg/dL`).
pub(crate) struct Labels {
    spec: LabelSpec,
    /// Built on first use: see [`LabelIndex`].
    index: OnceLock<LabelIndex>,
}

/// The look-up tables of a [`Labels`] set.
struct LabelIndex {
    /// Sorted, lowercased last words of every label and filler: a word before a value that is
    /// not in here cannot start a label match, which rejects most candidates in one lookup.
    last_words: Vec<Vec<u8>>,
    /// The lengths (capped at 63) and the first bytes (low 7 bits) of `last_words`, as bit sets:
    /// a word that matches neither is not in `last_words`, without a search.
    last_lengths: u64,
    last_firsts: u128,
    /// The `last_words` of at most 16 bytes packed into integers (see [`pack_lower`]), in an
    /// open-addressing hash table at most half full (0 marks an empty slot: no word packs to
    /// 0): a word is looked up with one multiplication and an integer compare or two, without
    /// copying or `memcmp`.
    last_keys: Vec<u128>,
    /// The labels by the lowercased byte they end with, each list in declaration order (so the
    /// first label found at a position is the one a scan of every label would find first).
    words_by_last: Vec<Vec<Entry>>,
    /// The fillers ([`COMMON_FILLERS`], then the set's own) by the lowercased byte they end with.
    fillers_by_last: Vec<Vec<Entry>>,
    /// Per label, the [`word_keys`] a text holds where it occurs; `None` when a label does not
    /// start with an ASCII letter (it may start anywhere, or where [`LabelSites`] keeps no
    /// start), and then the set is not indexed.
    keys: Option<Vec<Vec<usize>>>,
    /// The [`site_pair`]s of the labels' first two bytes (for a label of one byte, every pair).
    first_pairs: [u64; 16],
    /// Per label, its first four bytes lowercased ([`packed_lower`]) and the mask of the bytes
    /// it has (a label of fewer bytes compares fewer).
    prefixes: Vec<(u32, u32)>,
}

/// A label or filler in a [`LabelIndex`] bucket, with what [`ends_with_word`] asks of it.
#[derive(Clone, Copy)]
struct Entry {
    word: &'static [u8],
    /// Whether it holds an uppercase letter: then it matches only exactly (see [`Labels`]).
    exact: bool,
    /// Whether its first byte is an ASCII letter or digit (then it needs a word boundary).
    alnum_start: bool,
}

/// The slot of `key` in a table of `1 << bits` slots (Fibonacci hashing of both halves).
fn key_slot(key: u128, bits: u32) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

impl LabelIndex {
    /// Whether `word`, the word that ends at `pos` in `b` ([`last_word`]), lowercased, is one
    /// of `last_words`.
    fn knows(&self, b: &[u8], pos: usize, word: &[u8]) -> bool {
        let Some(&first) = word.first() else { return false };
        if self.last_lengths & (1 << word.len().min(63)) == 0
            || self.last_firsts & (1 << (first.to_ascii_lowercase() & 127)) == 0
        {
            return false;
        }
        match pack_lower_at(b, pos, word) {
            Some(key) => {
                let bits = self.last_keys.len().trailing_zeros();
                let mask = self.last_keys.len().wrapping_sub(1);
                let mut slot = key_slot(key, bits);
                loop {
                    match self.last_keys.get(slot & mask) {
                        Some(&k) if k == key => return true,
                        Some(0) | None => return false,
                        Some(_) => slot += 1,
                    }
                }
            }
            None => {
                let lower = word.to_ascii_lowercase();
                self.last_words.binary_search(&lower).is_ok()
            }
        }
    }
}

/// [`pack_lower`] of `word`, which ends at `pos` in `b`: 16 bytes read at once and lowercased
/// all at once (ASCII letters only, as `u8::to_ascii_lowercase`), the bytes before the word
/// shifted out.
fn pack_lower_at(b: &[u8], pos: usize, word: &[u8]) -> Option<u128> {
    let len = word.len();
    if len == 0 || len > 16 {
        return pack_lower(word);
    }
    let Some(chunk) = pos.checked_sub(16).and_then(|s| b.get(s..pos)) else { return pack_lower(word) };
    let x = u128::from_le_bytes(chunk.try_into().ok()?) >> (8 * (16 - len));
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    // Per byte, with the high bit cleared: at least `A`, more than `Z` (no carries: <= 0xBE).
    let low = x & (ONES * 0x7F);
    let at_least_a = low + ONES * u128::from(0x80 - b'A');
    let past_z = low + ONES * u128::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !past_z & !x & (ONES * 0x80);
    Some(x | (upper >> 2))
}

/// The ASCII-lowercased bytes of a word of 1 to 16 bytes packed into one integer, first byte
/// lowest; `None` for longer words. Words never hold a zero byte, so the zero padding keeps
/// words of different lengths apart.
fn pack_lower(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    Some(word.iter().rev().fold(0u128, |key, &c| key << 8 | u128::from(c.to_ascii_lowercase())))
}

/// The words of `words` grouped by their lowercased last byte (256 lists, order kept).
fn by_last_byte<'w>(words: impl Iterator<Item = &'w &'static str>) -> Vec<Vec<Entry>> {
    let mut table = vec![Vec::new(); 256];
    for w in words {
        let word = w.as_bytes();
        if let Some(list) = word.last().and_then(|c| table.get_mut(usize::from(c.to_ascii_lowercase()))) {
            let exact = word.iter().any(u8::is_ascii_uppercase);
            list.push(Entry {
                word,
                exact,
                alnum_start: word.first().is_some_and(u8::is_ascii_alphanumeric),
            });
        }
    }
    table
}

impl Labels {
    /// A label set; its index is built on first use.
    pub(crate) const fn new(spec: LabelSpec) -> Labels {
        Labels { spec, index: OnceLock::new() }
    }

    /// True when one of the labels introduces the value that starts at `start`: only
    /// separators (`:`, `#`, `=`, `.`, `-`, `_`, brackets, quotes, spaces, one line break) and
    /// fillers stand between them, within a few dozen bytes.
    pub(crate) fn before(&self, text: &str, start: usize) -> bool {
        self.find_before(text, start).is_some()
    }

    /// Like [`Labels::before`], returning the start offset of the label.
    pub(crate) fn find_before(&self, text: &str, start: usize) -> Option<usize> {
        let b = text.as_bytes();
        let mut pos = start.min(b.len());
        let floor = pos.saturating_sub(MAX_LABEL_GAP);
        let mut line_breaks = 0;
        let index = self.index.get_or_init(|| self.index());
        // Each round skips separators, then accepts a label or strips one filler.
        for _ in 0..8 {
            while pos > floor {
                let Some(c) = byte_before(b, pos, 1) else { break };
                if c == b'\n' {
                    line_breaks += 1;
                    if line_breaks > 1 {
                        return None;
                    }
                } else if !is_label_separator(c) {
                    break;
                }
                pos -= 1;
            }
            if pos <= floor {
                return None;
            }
            let word = last_word(b, pos);
            if (word.len() > 2 || !self.spec.codes)
                && !(index.knows(b, pos, word) || (self.spec.codes && is_code(word)))
            {
                return None;
            }
            // Only the labels and fillers that end with the byte before `pos` can end there.
            let last = b.get(pos - 1).map_or(0, |c| usize::from(c.to_ascii_lowercase()));
            let words = index.words_by_last.get(last).map_or(&[][..], Vec::as_slice);
            if let Some(w) = words.iter().find(|w| ends_with_word(b, pos, w)) {
                return Some(pos - w.word.len());
            }
            let fillers = index.fillers_by_last.get(last).map_or(&[][..], Vec::as_slice);
            if let Some(f) = fillers.iter().find(|f| ends_with_word(b, pos, f)) {
                pos -= f.word.len();
                continue;
            }
            if self.spec.codes
                && is_code(word)
                && pos
                    .checked_sub(word.len())
                    .is_some_and(|at| byte_before(b, at, 1).is_none_or(|c| !c.is_ascii_alphanumeric()))
            {
                pos -= word.len();
                continue;
            }
            return None;
        }
        None
    }

    fn index(&self) -> LabelIndex {
        let last_words = self.last_words();
        let last_lengths = last_words.iter().fold(0u64, |m, w| m | 1 << w.len().min(63));
        let last_firsts = last_words.iter().filter_map(|w| w.first()).fold(0u128, |m, &c| m | 1 << (c & 127));
        let keys: Vec<u128> = last_words.iter().filter_map(|w| pack_lower(w)).collect();
        let bits = (2 * keys.len()).next_power_of_two().max(2).trailing_zeros();
        let mut last_keys = vec![0u128; 1 << bits];
        for key in keys {
            let mut slot = key_slot(key, bits);
            while let Some(k) = last_keys.get_mut(slot & ((1 << bits) - 1)) {
                if *k == 0 {
                    *k = key;
                    break;
                }
                slot += 1;
            }
        }
        LabelIndex {
            last_words,
            last_lengths,
            last_firsts,
            last_keys,
            words_by_last: by_last_byte(self.spec.words.iter()),
            fillers_by_last: by_last_byte(COMMON_FILLERS.iter().chain(self.spec.fillers)),
            keys: self
                .spec
                .words
                .iter()
                .map(|w| {
                    w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic).then(|| word_keys(w.as_bytes()))
                })
                .collect(),
            first_pairs: self.spec.words.iter().fold([0u64; 16], |mut m, w| {
                let (x, n) = packed_lower(w.as_bytes(), 0);
                if n >= 2 {
                    let pair = site_pair(x);
                    if let Some(bits) = m.get_mut(pair / 64) {
                        *bits |= 1 << (pair % 64);
                    }
                } else {
                    m = [u64::MAX; 16];
                }
                m
            }),
            prefixes: self
                .spec
                .words
                .iter()
                .map(|w| {
                    let (x, n) = packed_lower(w.as_bytes(), 0);
                    (x, u32::MAX >> (32 - 8 * n.clamp(1, 4)))
                })
                .collect(),
        }
    }

    /// Where the labels occur in the haystack's text, for the questions of a whole scan:
    /// the text's [`LabelSites`] (shared by every set) first tell whether some label may occur
    /// at all; if so, every site is tried against the labels that start with its byte.
    pub(crate) fn in_text(&self, hay: &super::Haystack<'_>) -> LabelsIn<'_> {
        let index = self.index.get_or_init(|| self.index());
        let Some(keys) = &index.keys else { return LabelsIn { labels: self, ends: None } };
        let sites = hay.label_sites();
        // No first pair of a label in the text: no label (one test per 64 pairs).
        if index.first_pairs.iter().zip(&sites.pairs).all(|(l, t)| l & t == 0) {
            return LabelsIn { labels: self, ends: Some(Vec::new()) };
        }
        // The labels whose every key is in the text's filter (at most 64 are told apart; a set
        // of more tries all of them): only they may occur.
        let mut possible = 0u64;
        for (i, k) in keys.iter().enumerate() {
            if i >= 63 || k.iter().all(|&key| sites.holds(key)) {
                possible |= 1 << i.min(63);
            }
        }
        if possible == 0 {
            return LabelsIn { labels: self, ends: Some(Vec::new()) };
        }
        let b = hay.text.as_bytes();
        let mut ends = Vec::new();
        for (i, (word, &(prefix, mask))) in self.spec.words.iter().zip(&index.prefixes).enumerate() {
            if possible & (1 << i.min(63)) == 0 {
                continue;
            }
            let word = word.as_bytes();
            let e = Entry { word, exact: word.iter().any(u8::is_ascii_uppercase), alnum_start: true };
            // The starts with its first bytes, then the whole label as [`ends_with_word`] takes
            // it (a start is a word start, so its left edge holds).
            for (s, x) in sites.group(prefix) {
                if x & mask == prefix && ends_with_word(b, s + word.len(), &e) {
                    ends.push(s + word.len());
                }
            }
        }
        ends.sort_unstable();
        ends.dedup();
        LabelsIn { labels: self, ends: Some(ends) }
    }

    fn last_words(&self) -> Vec<Vec<u8>> {
        let mut words: Vec<Vec<u8>> = self
            .spec
            .words
            .iter()
            .chain(COMMON_FILLERS)
            .chain(self.spec.fillers)
            .map(|w| last_word(w.as_bytes(), w.len()).to_ascii_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        words
    }
}

/// Where label words may start in a text, found in one pass and shared by every label set (see
/// [`Labels::in_text`]): the starts of the maximal runs of ASCII letters and digits, and the
/// camelCase humps inside them (an uppercase letter after a lowercase one). A label whose first
/// byte is a letter or digit starts at one of them whenever [`ends_with_word`] accepts it, and
/// so does each word inside it that follows a byte that is neither (`license` in
/// `driver's license`).
///
/// Only the starts with a letter are kept (a label starting with a digit makes its set
/// unindexed), chained by their first byte ([`site_bucket`]), with their first four bytes; and
/// the pairs of first two bytes that occur, as a bit set ([`site_pair`]): a label one of whose
/// word starts has a pair the text lacks does not occur in it.
pub(crate) struct LabelSites {
    /// The starts with a letter, in text order, each with its first four bytes ASCII-lowercased
    /// ([`packed_lower`]) and the index of the previous start of its [`site_bucket`] (`u32::MAX`
    /// for none).
    starts: Vec<(usize, u32, u32)>,
    /// The index of the last start of each [`site_bucket`] (`u32::MAX` for none).
    last: [u32; 32],
    /// A bit per [`site_pair`] of the starts.
    pairs: [u64; 16],
}

/// The group of a start by its first byte (ASCII-lowercased): its low five bits.
fn site_bucket(packed: u32) -> usize {
    (packed & 31) as usize
}

/// The pair bit of a start or a word start by its first two bytes (ASCII-lowercased, first
/// byte lowest): their low five bits each.
fn site_pair(packed: u32) -> usize {
    ((packed & 31) << 5 | (packed >> 8) & 31) as usize
}

/// Up to four bytes of `b` from `at`, ASCII-lowercased, first byte lowest (missing bytes 0),
/// and how many there were.
#[inline(always)]
fn packed_lower(b: &[u8], at: usize) -> (u32, usize) {
    let (x, n) = match b.get(at..at + 4) {
        Some(four) => (u32::from_le_bytes(four.try_into().unwrap_or_default()), 4),
        None => {
            let rest = b.get(at..).unwrap_or_default();
            let x = rest.iter().rev().fold(0u32, |x, &c| x << 8 | u32::from(c));
            (x, rest.len())
        }
    };
    // The missing (zero) high bytes are no capitals, so the low four bytes are all there is.
    (crate::swar::lowercase8(u64::from(x)) as u32, n)
}

/// The starts among the eight bytes of `x` (first in the low byte), a bit per byte: a letter
/// after a byte that is not an ASCII letter or digit, or an uppercase letter after a lowercase
/// one. `carry` tells of the byte before them (bit 0: a letter or digit, bit 1: lowercase) and
/// is updated for the next eight.
#[inline(always)]
fn site_starts_of(x: u64, carry: &mut u64) -> u8 {
    use crate::swar::{gather, letter_mask, range_mask};
    // Per byte, the high bit tells the class.
    let letter = letter_mask(x);
    let alnum = letter | range_mask(x, b'0', b'9');
    // Bit 5 (0x20) of each byte, moved to its high bit: set for a lowercase letter.
    let lower = letter & (x << 2);
    let upper = letter & !lower;
    let before_alnum = (alnum << 8) | ((*carry & 1) << 7);
    let before_lower = (lower << 8) | ((*carry & 2) << 6);
    let starts = letter & (!before_alnum | (upper & before_lower));
    *carry = (alnum >> 63) | ((lower >> 63) << 1);
    gather(starts)
}

impl LabelSites {
    /// The sites of `text`: one pass, eight bytes at a time.
    pub(crate) fn new(text: &str) -> LabelSites {
        let b = text.as_bytes();
        let mut sites =
            LabelSites { starts: Vec::with_capacity(b.len() / 4), last: [u32::MAX; 32], pairs: [0; 16] };
        let mut carry = 0u64;
        let mut base = 0;
        while base < b.len() {
            let eight = match b.get(base..base + 8) {
                Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or_default()),
                // The zero bytes after the end are not letters or digits.
                None => {
                    b.get(base..).unwrap_or_default().iter().rev().fold(0u64, |x, &c| x << 8 | u64::from(c))
                }
            };
            let mut starts = site_starts_of(eight, &mut carry);
            while starts != 0 {
                let s = base + starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let (x, _) = packed_lower(b, s);
                let bucket = site_bucket(x);
                let index = sites.starts.len() as u32;
                if let Some(last) = sites.last.get_mut(bucket) {
                    sites.starts.push((s, x, *last));
                    *last = index;
                }
                let pair = site_pair(x);
                if let Some(w) = sites.pairs.get_mut(pair / 64) {
                    *w |= 1 << (pair % 64);
                }
            }
            base += 8;
        }
        sites
    }

    /// Whether some start has the pair bit `pair` ([`site_pair`]).
    fn holds(&self, pair: usize) -> bool {
        self.pairs.get(pair / 64).is_some_and(|w| w & (1 << (pair % 64)) != 0)
    }

    /// The starts (offset, first four bytes) whose first byte falls in the group of `packed`'s
    /// first byte, from the last.
    fn group(&self, packed: u32) -> impl Iterator<Item = (usize, u32)> + '_ {
        let mut at = self.last.get(site_bucket(packed)).copied().unwrap_or(u32::MAX);
        std::iter::from_fn(move || {
            let &(s, x, previous) = self.starts.get(at as usize)?;
            at = previous;
            Some((s, x))
        })
    }

    /// Whether a word start (a letter that starts a run of ASCII letters and digits, or a
    /// camelCase hump) begins with `prefix` (one to four lowercase ASCII letters), ignoring
    /// ASCII case.
    pub(crate) fn has_prefix(&self, prefix: &str) -> bool {
        let (want, n) = packed_lower(prefix.as_bytes(), 0);
        let mask = u32::MAX >> (32 - 8 * n.clamp(1, 4));
        self.group(want).any(|(_, x)| x & mask == want)
    }
}

/// The [`site_pair`]s a text holds wherever `word` occurs (matched as [`ends_with_word`] does):
/// one per word start inside it (its first byte, and every letter after a byte that is not a
/// letter or digit) with a byte after it.
fn word_keys(word: &[u8]) -> Vec<usize> {
    let mut keys = Vec::new();
    for k in 0..word.len() {
        let start = word.get(k).is_some_and(u8::is_ascii_alphabetic)
            && (k == 0 || word.get(k - 1).is_some_and(|c| !c.is_ascii_alphanumeric()));
        let (x, n) = packed_lower(word, k);
        if start && n >= 2 {
            keys.push(site_pair(x));
        }
    }
    keys
}

/// A label set's occurrences in one text (see [`Labels::in_text`]).
pub(crate) struct LabelsIn<'l> {
    labels: &'l Labels,
    /// The offsets where one of the labels ends, in order; `None` when the set cannot be
    /// indexed (a label starting with a byte that is not a letter or digit), and then every
    /// question goes to [`Labels::find_before`].
    ends: Option<Vec<usize>>,
}

impl LabelsIn<'_> {
    /// False only when no label of the set occurs in the text: then nothing is labelled.
    pub(crate) fn any(&self) -> bool {
        self.ends.as_ref().is_none_or(|e| !e.is_empty())
    }

    /// Whether a label ends within the bytes [`Labels::find_before`] looks at for a value
    /// starting at `start`: after `start - MAX_LABEL_GAP`, at or before `start`.
    pub(crate) fn near(&self, text: &str, start: usize) -> bool {
        let Some(ends) = &self.ends else { return true };
        let pos = start.min(text.len());
        let floor = pos.saturating_sub(MAX_LABEL_GAP);
        let i = ends.partition_point(|&e| e <= floor);
        ends.get(i).is_some_and(|&e| e <= pos)
    }

    /// [`Labels::find_before`], asked only where a label ends near enough.
    pub(crate) fn find_before(&self, text: &str, start: usize) -> Option<usize> {
        if !self.near(text, start) {
            return None;
        }
        self.labels.find_before(text, start)
    }

    /// [`Labels::before`], asked only where a label ends near enough.
    pub(crate) fn before(&self, text: &str, start: usize) -> bool {
        self.find_before(text, start).is_some()
    }

    /// The ranges of value starts that a label may introduce, in order and disjoint: from each
    /// label end `e`, the starts in `e..e + MAX_LABEL_GAP` (see [`LabelsIn::near`]); `None` when
    /// the set is not indexed (every start may be labelled).
    pub(crate) fn spans(&self) -> Option<Vec<(usize, usize)>> {
        let ends = self.ends.as_ref()?;
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(ends.len());
        for &e in ends {
            match spans.last_mut() {
                Some(last) if e <= last.1 => last.1 = last.1.max(e + MAX_LABEL_GAP),
                _ => spans.push((e, e + MAX_LABEL_GAP)),
            }
        }
        Some(spans)
    }
}

/// The items of `items` (in text order of `start`) whose start lies in one of `spans` (disjoint
/// and in order, as [`LabelsIn::spans`] gives them), in order; every item when `spans` is `None`.
pub(crate) fn in_spans<'s, T>(
    items: &'s [T],
    start: impl Fn(&T) -> usize + Copy + 's,
    spans: Option<Vec<(usize, usize)>>,
) -> impl Iterator<Item = &'s T> + 's {
    let spans = spans.unwrap_or_else(|| vec![(0, usize::MAX)]);
    spans.into_iter().flat_map(move |(lo, hi)| {
        let from = items.partition_point(|t| start(t) < lo);
        items.get(from..).unwrap_or_default().iter().take_while(move |t| start(t) < hi)
    })
}

/// The word that ends at `pos`: ASCII letters and digits, apostrophes and non-ASCII bytes (so
/// `driver's` and `driver’s` are one word; `a/c` ends with the word `c`; `accountNumber` with
/// `Number`).
fn last_word(b: &[u8], pos: usize) -> &[u8] {
    let head = b.get(..pos.min(b.len())).unwrap_or_default();
    // The bytes of the word, back to the first that is not one; then the last camelCase hump in
    // it starts the word: `accountNumber` ends with the word `Number`.
    let start = head.iter().rposition(|&c| WORD_CLASS.get(usize::from(c)).copied().unwrap_or(0) == 0);
    let word = head.get(start.map_or(0, |s| s + 1)..).unwrap_or_default();
    let hump = word
        .windows(2)
        .rposition(|w| matches!(w, [l, u] if l.is_ascii_lowercase() && u.is_ascii_uppercase()));
    match hump {
        Some(h) => word.get(h + 1..).unwrap_or_default(),
        None => word,
    }
}

/// 1 for the bytes of a word in [`last_word`]: ASCII letters and digits, `'`, non-ASCII bytes.
static WORD_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut rest: &mut [u8] = &mut t;
    let mut c: u8 = 0;
    while let [slot, tail @ ..] = rest {
        *slot = (c.is_ascii_alphanumeric() || c == b'\'' || c >= 0x80) as u8;
        c = c.wrapping_add(1);
        rest = tail;
    }
    t
};

/// A 2- or 3-letter uppercase code (`US`, `TX`, `GBR`).
fn is_code(word: &[u8]) -> bool {
    (2..=3).contains(&word.len()) && word.iter().all(u8::is_ascii_uppercase)
}

/// Characters that may separate a label from its value.
fn is_label_separator(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\t'
            | b'\r'
            | b':'
            | b'#'
            | b'='
            | b'.'
            | b'-'
            | b'_'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'"'
            | b'\''
            | b'|'
    )
}

/// True when `b[..pos]` ends with the label or filler `e` as a whole word (see [`Labels`] for
/// case rules). A camelCase hump counts as a word start, so `routingNumber` holds `routing` and
/// `number`. `e` comes from the bucket of the lowercased byte before `pos`, and is not empty.
fn ends_with_word(b: &[u8], pos: usize, e: &Entry) -> bool {
    let Some(from) = pos.checked_sub(e.word.len()) else { return false };
    let Some(seg) = b.get(from..pos) else { return false };
    let same = if e.exact { seg == e.word } else { seg.eq_ignore_ascii_case(e.word) };
    if !same {
        return false;
    }
    let prev = byte_before(b, from, 1);
    let hump =
        seg.first().is_some_and(u8::is_ascii_uppercase) && prev.is_some_and(|c| c.is_ascii_lowercase());
    prev.is_none() || hump || !(prev.is_some_and(|c| c.is_ascii_alphanumeric()) && e.alnum_start)
}

/// Shannon entropy of `s` in bits per byte.
pub(crate) fn entropy(s: &[u8]) -> f32 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &c in s {
        if let Some(n) = counts.get_mut(usize::from(c)) {
            *n += 1;
        }
    }
    let n = s.len() as f32;
    counts.iter().filter(|&&c| c > 0).map(|&c| c as f32 / n).map(|p| -p * p.log2()).sum()
}

/// Case-insensitive whole-word search of ASCII `word` in `hay`. Bytes of non-ASCII characters
/// count as word characters, so `in` is not found inside `Beoláin`.
pub(crate) fn contains_word(hay: &[u8], word: &[u8]) -> bool {
    let Some(first) = word.first().map(u8::to_ascii_lowercase) else { return false };
    if hay.len() < word.len() {
        return false;
    }
    hay.iter().take(hay.len() - word.len() + 1).enumerate().any(|(i, &c)| {
        c.to_ascii_lowercase() == first
            && byte_before(hay, i, 1).is_none_or(|c| !is_word_byte(c))
            && hay.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word))
            && hay.get(i + word.len()).is_none_or(|&c| !is_word_byte(c))
    })
}

/// The first capture of a label pattern: `(start, end)` of the value.
pub(crate) type Capture = Option<(usize, usize)>;

/// Hand-written matching for the label patterns of `mrn` and `health_plan_id`, which were
/// `(?i)` regexes of the form `\b(?:LABELS)[ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)\b`
/// (ASCII `\b`). A recognizer writes its label alternatives in the regex's priority order with
/// [`LabelScan::lit`], [`LabelScan::num`] and friends, each handing every way a piece can end to
/// a continuation in the order the regex tries them; the first continuation that finds a value
/// wins, as the regex's leftmost-first match does. Stars over spaces are taken whole: what
/// follows them is never a space, so a shorter choice cannot match.
///
/// `(?i)` in Unicode mode also folds the long s `ſ` (U+017F) into `s` and the Kelvin sign
/// (U+212A) into `k`, in the labels and in the value's letter class; the matcher does the same,
/// and [`LabelScan::starts`] tries every position of a text that holds either.
pub(crate) struct LabelScan<'t> {
    text: &'t str,
    b: &'t [u8],
}

/// The first two or three letters of a set of labels (two for a label of two letters), as a
/// bit set built on first use: one look-up per token tells whether a label may start there.
pub(crate) struct Prefixes {
    words: &'static [&'static str],
    /// For each first letter a bit per second letter, and a bit per prefix (see
    /// [`Prefixes::bit`]).
    set: OnceLock<([u32; 26], Vec<u64>)>,
}

impl Prefixes {
    /// The prefixes of `words` (lowercase ASCII letters; only the first three count).
    pub(crate) const fn new(words: &'static [&'static str]) -> Prefixes {
        Prefixes { words, set: OnceLock::new() }
    }

    /// The bit of the letters `a`, `b` (0..26) and `c` (0..26, or 26 for no letter).
    fn bit(a: usize, b: usize, c: usize) -> usize {
        (a * 26 + b) * 27 + c
    }

    fn set(&self) -> (&[u32; 26], &[u64]) {
        let (pairs, set) = self.set.get_or_init(|| {
            let mut pairs = [0u32; 26];
            let mut set = vec![0u64; Self::bit(26, 0, 0) / 64 + 1];
            let mut put = |bit: usize| {
                if let Some(w) = set.get_mut(bit / 64) {
                    *w |= 1 << (bit % 64);
                }
            };
            for w in self.words {
                let l: Vec<usize> =
                    w.bytes().take(3).map(|c| usize::from(c.wrapping_sub(b'a')).min(26)).collect();
                match l.as_slice() {
                    [a, b] => (0..27).for_each(|c| put(Self::bit(*a, *b, c))),
                    [a, b, c, ..] => put(Self::bit(*a, *b, *c)),
                    _ => {}
                }
                if let ([a, b, ..], true) = (l.as_slice(), l.iter().take(2).all(|&x| x < 26)) {
                    if let Some(p) = pairs.get_mut(*a) {
                        *p |= 1 << b;
                    }
                }
            }
            (pairs, set)
        });
        (pairs, set)
    }

    /// Whether the letters at `s` begin one of the prefixes.
    fn holds(set: &[u64], b: &[u8], s: usize) -> bool {
        let letter = |i: usize| {
            b.get(i).map(u8::to_ascii_lowercase).filter(u8::is_ascii_lowercase).map(|c| usize::from(c - b'a'))
        };
        let (Some(x), Some(y)) = (letter(s), letter(s + 1)) else { return false };
        let bit = Self::bit(x, y, letter(s + 2).unwrap_or(26));
        set.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }
}

const LONG_S: &[u8] = "\u{17F}".as_bytes();
const KELVIN: &[u8] = "\u{212A}".as_bytes();

impl<'t> LabelScan<'t> {
    /// The leftmost-first, non-overlapping matches of a labelled-value pattern in `hay`, as the
    /// regex's `captures_iter` gave them: `label_at` is tried at each possible label start
    /// ([`LabelScan::starts`] for `prefixes`) on a word boundary and past the previous match.
    pub(crate) fn matches<'h>(
        hay: &'h super::Haystack<'t>,
        prefixes: &'static Prefixes,
        label_at: fn(&LabelScan<'_>, usize) -> Capture,
    ) -> impl Iterator<Item = (usize, usize)> + 'h {
        let scan = LabelScan::new(hay.text);
        let starts: Box<dyn Iterator<Item = usize> + 'h> = if hay.views.has_case_folds() {
            scan.starts(hay.views.tokens(), true, prefixes)
        } else {
            Box::new(scan.site_starts(hay.label_sites(), prefixes).into_iter())
        };
        let mut pos = 0;
        // A match is made of label bytes (letters, spaces, tabs, `:`, `#`, `=`, `.`, `-`, the
        // bytes of `ſ` and `K`) up to its value's first digit: a start from which no digit comes
        // before another byte cannot match. The walk that tells remembers where it stopped (the
        // starts come in order), so no byte is walked twice.
        let b = hay.text.as_bytes();
        let (mut stop, mut digit) = (0usize, false);
        starts.filter_map(move |s| {
            if s < pos || !scan.boundary(s) {
                return None;
            }
            if s > stop || (s == 0 && stop == 0) {
                let run = b.get(s..).unwrap_or_default().iter().position(|&c| !label_byte(c));
                stop = s + run.unwrap_or(b.len().saturating_sub(s));
                digit = b.get(stop).is_some_and(u8::is_ascii_digit);
            }
            if !digit {
                return None;
            }
            let found = label_at(&scan, s)?;
            pos = found.1;
            Some(found)
        })
    }

    /// A matcher over `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        LabelScan { text, b: text.as_bytes() }
    }

    /// The positions where a label may start, in order: the starts of the alphanumeric tokens
    /// `tokens` that begin with one of `prefixes` and follow no `_` (the regex's leading `\b`);
    /// in a text with a long s or a Kelvin sign (`has_case_folds`, see
    /// [`super::views::Views::has_case_folds`]), every character boundary.
    pub(crate) fn starts<'v>(
        &self,
        tokens: &'v [super::views::Token],
        has_case_folds: bool,
        prefixes: &'static Prefixes,
    ) -> Box<dyn Iterator<Item = usize> + 'v>
    where
        't: 'v,
    {
        if has_case_folds {
            let text = self.text;
            return Box::new(text.char_indices().map(|(i, _)| i));
        }
        let b = self.b;
        let (pairs, set) = prefixes.set();
        Box::new(tokens.iter().map(|t| t.start).filter(move |&s| {
            // The first two letters reject most tokens with one look-up.
            let second = b.get(s + 1).map_or(0, |c| c | 0x20);
            let pair = b.get(s).and_then(|c| pairs.get(usize::from((c | 0x20).wrapping_sub(b'a'))));
            second.is_ascii_lowercase()
                && pair.is_some_and(|p| p & (1 << (second - b'a')) != 0)
                && Prefixes::holds(set, b, s)
                && (s == 0 || b.get(s - 1) != Some(&b'_'))
        }))
    }

    /// The positions [`LabelScan::starts`] gives for a text without case folds, found from the
    /// shared label sites: only the sites whose first letter begins a prefix are looked at, and
    /// those that start a token (not a camelCase hump) and begin a prefix are kept, in order.
    pub(crate) fn site_starts(&self, sites: &LabelSites, prefixes: &'static Prefixes) -> Vec<usize> {
        let b = self.b;
        let (pairs, set) = prefixes.set();
        let mut starts = Vec::new();
        for (first, &seconds) in (b'a'..=b'z').zip(pairs.iter()) {
            if seconds == 0 {
                continue;
            }
            for (s, x) in sites.group(u32::from(first)) {
                let second = ((x >> 8) & 0xFF) as u8;
                if second.is_ascii_lowercase()
                    && seconds & (1 << (second - b'a')) != 0
                    && s.checked_sub(1)
                        .and_then(|i| b.get(i))
                        .is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
                    && Prefixes::holds(set, b, s)
                {
                    starts.push(s);
                }
            }
        }
        starts.sort_unstable();
        starts
    }

    /// The end of the lowercase ASCII literal `lit` matched case-insensitively at `p`.
    pub(crate) fn lit(&self, p: usize, lit: &str) -> Option<usize> {
        let mut at = p;
        for &c in lit.as_bytes() {
            let here = self.b.get(at).copied()?;
            if here.to_ascii_lowercase() == c {
                at += 1;
            } else if c == b's' && self.b.get(at..at + 2) == Some(LONG_S) {
                at += 2;
            } else if c == b'k' && self.b.get(at..at + 3) == Some(KELVIN) {
                at += 3;
            } else {
                return None;
            }
        }
        Some(at)
    }

    /// `\.?`, greedy: the ends to try, in order.
    pub(crate) fn dot(&self, p: usize) -> impl Iterator<Item = usize> {
        let dot = (self.b.get(p) == Some(&b'.')).then_some(p + 1);
        dot.into_iter().chain(std::iter::once(p))
    }

    /// The end of `[ \t]*` from `p`.
    pub(crate) fn spaces(&self, mut p: usize) -> usize {
        while matches!(self.b.get(p), Some(b' ' | b'\t')) {
            p += 1;
        }
        p
    }

    fn word(&self, p: usize) -> bool {
        self.b.get(p).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
    }

    /// The ASCII word boundary `(?-u:\b)` at `p`.
    pub(crate) fn boundary(&self, p: usize) -> bool {
        let before = p.checked_sub(1).is_some_and(|i| self.word(i));
        before != self.word(p)
    }

    /// `[ \t]*(?:#|no\b\.?|W\b|...)` from `p`, for the words `words` after `#` and `no`, each
    /// end handed to `k` in the regex's order.
    pub(crate) fn num(&self, p: usize, words: &[&str], k: &mut dyn FnMut(usize) -> Capture) -> Capture {
        let q = self.spaces(p);
        if self.b.get(q) == Some(&b'#') {
            if let found @ Some(_) = k(q + 1) {
                return found;
            }
        }
        if let Some(e) = self.lit(q, "no").filter(|&e| self.boundary(e)) {
            for e in self.dot(e) {
                if let found @ Some(_) = k(e) {
                    return found;
                }
            }
        }
        for w in words {
            if let Some(e) = self.lit(q, w).filter(|&e| self.boundary(e)) {
                if let found @ Some(_) = k(e) {
                    return found;
                }
            }
        }
        None
    }

    /// `[ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)\b` after a label that
    /// ends at `p`: the value's span. The separators are taken whole (a value or `is` cannot
    /// start on one of them), then `is` and its spaces are tried before the value alone.
    pub(crate) fn value_after(&self, p: usize) -> Capture {
        let mut q = self.spaces(p);
        while matches!(self.b.get(q), Some(b':' | b'#' | b'=' | b'.')) {
            q += 1;
        }
        let q = self.spaces(q);
        if let Some(e) = self.lit(q, "is") {
            let v = self.spaces(e);
            if v > e {
                if let found @ Some(_) = self.value(v) {
                    return found;
                }
            }
        }
        self.value(q)
    }

    /// `([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)\b` at `v`, as the regex's backtracking finds it: the
    /// run of value characters from `v` (with `(?i)`, the long s and the Kelvin sign are letters
    /// too), ending at its last word boundary after its first digit.
    fn value(&self, v: usize) -> Capture {
        let (mut at, mut first_digit, mut end) = (v, None, None);
        loop {
            // The boundary at `at` ends a value once a digit is behind it.
            if first_digit.is_some() && self.boundary(at) {
                end = Some(at);
            }
            let step = match self.b.get(at) {
                Some(c) if c.is_ascii_alphanumeric() || *c == b'-' => {
                    if c.is_ascii_digit() && first_digit.is_none() {
                        first_digit = Some(at);
                    }
                    1
                }
                Some(0xC5) if self.b.get(at..at + 2) == Some(LONG_S) => 2,
                Some(0xE2) if self.b.get(at..at + 3) == Some(KELVIN) => 3,
                _ => break,
            };
            at += step;
        }
        end.map(|e| (v, e))
    }
}

/// The bytes a label pattern of [`LabelScan`] matches before its value's first digit (see
/// [`LabelScan::matches`]); bytes of 0x80 and more stand for the long s and the Kelvin sign.
fn label_byte(c: u8) -> bool {
    c.is_ascii_alphabetic() || c >= 0x80 || matches!(c, b' ' | b'\t' | b':' | b'#' | b'=' | b'.' | b'-')
}

/// Labels that name some identifier: a value right after one of them belongs to that label's
/// kind. Recognizers that may also match unlabelled values (a checksum-valid NPI or DEA number)
/// skip values that sit right after a label of another kind (see [`other_label_before`]).
#[rustfmt::skip]
pub(crate) const ID_LABELS: &[&str] = &[
    "account", "acct", "acc", "a/c", "aba", "routing", "iban", "swift", "bic", "card", "ssn", "ss#", "tin",
    "ein", "itin", "passport", "license", "licence", "dl", "permit", "serial", "s/n", "sn", "imei", "vin",
    "mrn", "mr#", "chart", "record", "member", "subscriber", "policy", "group", "plan", "medicare",
    "medicaid", "mbi", "claim", "case", "order", "invoice", "inv", "ticket", "ref", "reference",
    "confirmation", "conf", "tracking", "transaction", "txn", "receipt", "booking", "reservation", "phone",
    "tel", "telephone", "mobile", "cell", "fax", "pager", "call", "text", "sms", "contact", "ph", "ext",
    "npi", "dea", "tax", "employee", "badge", "student",
];

/// True when the nearest label-like word within `window` bytes before `start` (on the same line)
/// is one of [`ID_LABELS`] that is not in `own`: the value then belongs to that other label.
/// A trailing `#`, `:` or `=` with no known label word before it also counts as another label.
pub(crate) fn other_label_before(text: &str, start: usize, window: usize, own: &[&str]) -> bool {
    let b = text.as_bytes();
    let start = start.min(b.len());
    let from = start.saturating_sub(window);
    let mut region = b.get(from..start).unwrap_or_default();
    if let Some(nl) = region.iter().rposition(|&c| c == b'\n') {
        region = region.get(nl + 1..).unwrap_or_default();
    }
    // Walk the words backwards; the first word found in either list decides.
    let mut end = region.len();
    let mut saw_marker = false;
    while end > 0 {
        let Some(last) = region
            .get(..end)
            .and_then(|r| r.iter().rposition(|c| c.is_ascii_alphanumeric() || *c == b'#' || *c == b'/'))
        else {
            break;
        };
        saw_marker |=
            region.get(last + 1..end).is_some_and(|r| r.iter().any(|&c| matches!(c, b':' | b'#' | b'=')))
                || region.get(last) == Some(&b'#');
        let word_end = last + 1;
        let word_start = region
            .get(..word_end)
            .and_then(|r| r.iter().rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'#' || *c == b'/')))
            .map_or(0, |i| i + 1);
        let word = region.get(word_start..word_end).unwrap_or_default().to_ascii_lowercase();
        let trimmed: &[u8] = match word.strip_suffix(b"#") {
            Some(w) if !w.is_empty() => w,
            _ => &word,
        };
        let is =
            |list: &[&str]| list.iter().any(|l| l.as_bytes() == trimmed || l.as_bytes() == word.as_slice());
        if is(own) {
            return false;
        }
        if is(ID_LABELS) {
            return true;
        }
        end = word_start;
    }
    saw_marker
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `has_word_before` as it was before [`WordSet`] (a token split with iterator adapters and
    /// a bit-set check per word), kept to compare against.
    fn old_has_word_before(text: &str, start: usize, window: usize, words: &[&str]) -> bool {
        let b = text.as_bytes();
        let from = start.saturating_sub(window);
        let region = b.get(from..start.min(b.len())).unwrap_or_default();
        let mut tokens: [&[u8]; 16] = [&[]; 16];
        let mut n = 0;
        let runs = region.split(|&c| !is_word_byte(c)).filter(|run| !run.is_empty());
        for (token, run) in tokens.iter_mut().zip(runs) {
            *token = run;
            n += 1;
        }
        let overflow = n == tokens.len();
        let (mut lengths, mut firsts) = (0u64, 0u64);
        for t in tokens.iter().take(n) {
            lengths |= 1 << t.len().min(63);
            if let Some(&c) = t.first() {
                firsts |= 1 << (c.to_ascii_lowercase() & 63);
            }
        }
        words.iter().any(|w| {
            let w = w.as_bytes();
            let Some(&first) = w.first() else { return false };
            if overflow {
                return contains_word(region, w);
            }
            if first.is_ascii_alphanumeric() && firsts & (1 << (first.to_ascii_lowercase() & 63)) == 0 {
                return false;
            }
            if !w.iter().all(u8::is_ascii_alphanumeric) {
                return contains_word(region, w);
            }
            if lengths & (1 << w.len().min(63)) == 0 {
                return false;
            }
            tokens.iter().take(n).any(|t| t.eq_ignore_ascii_case(w))
        })
    }

    /// The word-byte test and its eight-byte form on every byte value, at every position.
    #[test]
    fn word_bytes() {
        for c in 0..=255u8 {
            let want = c.is_ascii_alphanumeric() || c >= 0x80;
            assert_eq!(is_word_byte(c), want, "{c}");
            for i in 0..8 {
                // The other bytes cycle through values around the ranges' edges.
                let mut eight = [b'/', b'0', b'9', b':', b'@', b'A', b'Z', b'['];
                eight.rotate_left(usize::from(c) % 8);
                eight[i] = c;
                let bits = word_bits(u64::from_le_bytes(eight));
                for (j, &d) in eight.iter().enumerate() {
                    assert_eq!(bits >> j & 1 == 1, d.is_ascii_alphanumeric() || d >= 0x80, "{eight:?} {j}");
                }
                eight = [b'`', b'a', b'z', b'{', 0x7f, 0x80, 0, b' '];
                eight[i] = c;
                let bits = word_bits(u64::from_le_bytes(eight));
                for (j, &d) in eight.iter().enumerate() {
                    assert_eq!(bits >> j & 1 == 1, d.is_ascii_alphanumeric() || d >= 0x80, "{eight:?} {j}");
                }
            }
        }
    }

    /// The word walk of [`WordSet`] against the old token split, at every byte position (also
    /// inside a character and past the end) and for windows that cut tokens and phrases.
    #[test]
    fn word_set_matches_the_old_has_word_before() {
        use crate::detect::test_support::random_texts;
        // Over 64 words, with phrases past index 64 too.
        let mut long: Vec<String> = (0..70).map(|i| format!("w{i}")).collect();
        long.extend(["date of birth".to_string(), "x.y".to_string(), "dob".to_string()]);
        let long: Vec<&str> = long.iter().map(String::as_str).collect();
        let lists: [&[&str]; 6] = [
            &["dob", "d.o.b", "born", "birth", "date of birth", "on", "since", "dod", "seen", "date"],
            &["card", "exp", "cvv", "visa", "thru", "mastercard", "ss#", "#", "1a", "9"],
            &["", "in", "né", "é", "ſ", "Mar", "mar", "ab-c", " on", "on ", "a"],
            &["bp", "v", "ver", "version", "dose", "rx", "sig", "x", "mg"],
            &[],
            &long,
        ];
        let pieces = [
            "dob",
            "DOB",
            "Dob",
            "d.o.b",
            "D.O.B",
            "date",
            "Date of Birth",
            "of",
            "birth",
            "born",
            "on",
            "ON",
            "onset",
            "seen",
            "ss#",
            "SS",
            "#",
            "in",
            "né",
            "é",
            "ſ",
            "Beoláin",
            "Mar",
            "1",
            "12",
            "9",
            "1a",
            "v",
            "Ver",
            "x.y",
            "X",
            "w7",
            "W66",
            "card",
            "exp",
            "mastercard",
            "ab-c",
            " ",
            "  ",
            ".",
            ":",
            "-",
            ",",
            "\n",
            "/",
            "mg",
        ];
        let windows = [0, 1, 2, 3, 5, 8, 12, 20, 24, 32, 48, 80, 127, 128, 129, 200];
        let (mut found, mut calls) = (0usize, 0usize);
        for s in random_texts(0xD1B5_4A32_D192_ED03, &pieces, 60, 500) {
            for start in 0..s.len() + 3 {
                for &window in &windows {
                    for words in lists {
                        let want = old_has_word_before(&s, start, window, words);
                        found += usize::from(want);
                        calls += 1;
                        assert_eq!(
                            has_word_before(&s, start, window, words),
                            want,
                            "{s:?} {start} {window} {words:?}"
                        );
                        assert_eq!(WordSet::new(words).before(&s, start, window), want);
                    }
                }
            }
        }
        // Both answers are common, so a walk that always said one of them would fail.
        assert!(found * 20 > calls && found * 5 < calls * 4, "{found} of {calls}");
    }

    #[test]
    fn bounded() {
        assert!(is_bounded("a 123 b", 2, 5));
        assert!(!is_bounded("a1123 b", 2, 5));
        assert!(!is_bounded("a 1234b", 2, 5));
        assert!(is_bounded("123", 0, 3));
    }

    #[test]
    fn token_bounded() {
        assert!(is_token_bounded("(BIC ABCDEFGH).", 5, 13));
        assert!(!is_token_bounded("x_ABCDEFGH", 2, 10));
        assert!(!is_token_bounded("/ABCDEFGH/", 1, 9));
        assert!(!is_token_bounded("ABCDEFGH.pdf", 0, 8));
        assert!(is_token_bounded("ABCDEFGH.", 0, 8));
        assert!(!is_token_bounded("a-ABCDEFGH", 2, 10));
    }

    #[test]
    fn word_before_and_after() {
        let t = "Patient SSN: 123456789";
        assert!(has_word_before(t, 13, 20, &["ssn"]));
        assert!(!has_word_before(t, 13, 3, &["ssn"]));
        assert!(!has_word_before("SSNX 123", 5, 20, &["ssn"]));
        assert!(!has_word_before("Beoláin 123", 9, 20, &["in"]));
        assert!(has_word_before("né in 123", 7, 20, &["in"]));
        assert!(has_word_before("Date of birth: 123", 15, 20, &["date of birth"]));
        assert!(has_word_before("a b c d e f g h i j k l m n o p q r dob 1", 40, 40, &["dob"]));
        assert!(!has_word_before("dobs 1", 5, 20, &["dob"]));
        assert!(has_word_after("021000021 (wire)", 9, 10, &["wire"]));
        assert!(!has_word_after("021000021 (wire)", 9, 4, &["wire"]));
        assert!(!has_word_after("x", 5, 4, &["wire"]));
    }

    /// `last_word` against the byte-by-byte walk it replaces.
    #[test]
    fn last_word_matches_the_walk_it_replaces() {
        fn walk(b: &[u8], pos: usize) -> &[u8] {
            let end = pos.min(b.len());
            let mut start = end;
            while let Some(c) = byte_before(b, start, 1) {
                if !(c.is_ascii_alphanumeric() || c == b'\'' || c >= 0x80) {
                    break;
                }
                start -= 1;
                if c.is_ascii_uppercase() && byte_before(b, start, 1).is_some_and(|c| c.is_ascii_lowercase())
                {
                    break;
                }
            }
            &b[start..end]
        }
        let pieces = ["a", "B", "bC", "Dd", "1", "'", "’", " ", ".", "-", "é", "aB"];
        for s in crate::detect::test_support::random_texts(0x3C6E_F372_FE94_F82B, &pieces, 12, 20000) {
            let b = s.as_bytes();
            for pos in 0..=b.len() + 1 {
                assert_eq!(last_word(b, pos), walk(b, pos), "{s:?} {pos}");
            }
        }
    }

    #[test]
    fn other_label() {
        let t = "case CS1234563 and claim #1234567893 and Dr. Lee 1234567893 (NPI 1234567893)";
        assert!(other_label_before(t, 5, 24, &["npi"]));
        assert!(other_label_before(t, 26, 24, &["npi"]));
        assert!(!other_label_before(t, 50, 12, &["npi"]));
        assert!(!other_label_before(t, 66, 24, &["npi"]));
        assert!(other_label_before("Ref: 1234567893", 5, 24, &["npi"]));
        assert!(other_label_before("Foo: 1234567893", 5, 24, &["npi"]));
        assert!(other_label_before("ts=1234567893", 3, 24, &["npi"]));
        assert!(!other_label_before("claim\n1234567893", 6, 24, &["npi"]));
    }

    /// `Labels::find_before` as it was before its word buckets held precomputed entries and
    /// its last-word keys a hash table: every label, then every filler, tried in declaration
    /// order with the old `ends_with_word`, and the last word looked up by binary search.
    fn old_find_before(spec: &LabelSpec, text: &str, start: usize) -> Option<usize> {
        fn ends_with_word(b: &[u8], pos: usize, word: &str) -> bool {
            let w = word.as_bytes();
            let (Some(&wl), Some(bl)) = (w.last(), byte_before(b, pos, 1)) else { return false };
            if !wl.eq_ignore_ascii_case(&bl) || pos < w.len() {
                return false;
            }
            let from = pos - w.len();
            let Some(seg) = b.get(from..pos) else { return false };
            let same = seg.eq_ignore_ascii_case(w) && (seg == w || !w.iter().any(u8::is_ascii_uppercase));
            if !same {
                return false;
            }
            let prev = byte_before(b, from, 1);
            let hump = seg.first().is_some_and(u8::is_ascii_uppercase)
                && prev.is_some_and(|c| c.is_ascii_lowercase());
            prev.is_none()
                || hump
                || !(prev.is_some_and(|c| c.is_ascii_alphanumeric())
                    && w.first().is_some_and(u8::is_ascii_alphanumeric))
        }
        let mut last_words: Vec<Vec<u8>> = spec
            .words
            .iter()
            .chain(COMMON_FILLERS)
            .chain(spec.fillers)
            .map(|w| last_word(w.as_bytes(), w.len()).to_ascii_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        last_words.sort();
        let b = text.as_bytes();
        let mut pos = start.min(b.len());
        let floor = pos.saturating_sub(MAX_LABEL_GAP);
        let mut line_breaks = 0;
        for _ in 0..8 {
            while pos > floor {
                let Some(c) = byte_before(b, pos, 1) else { break };
                if c == b'\n' {
                    line_breaks += 1;
                    if line_breaks > 1 {
                        return None;
                    }
                } else if !is_label_separator(c) {
                    break;
                }
                pos -= 1;
            }
            if pos <= floor {
                return None;
            }
            let word = last_word(b, pos);
            let known = !word.is_empty() && last_words.binary_search(&word.to_ascii_lowercase()).is_ok();
            if (word.len() > 2 || !spec.codes) && !(known || (spec.codes && is_code(word))) {
                return None;
            }
            if let Some(w) = spec.words.iter().find(|w| ends_with_word(b, pos, w)) {
                return Some(pos - w.len());
            }
            if let Some(f) = COMMON_FILLERS.iter().chain(spec.fillers).find(|f| ends_with_word(b, pos, f)) {
                pos -= f.len();
                continue;
            }
            if spec.codes
                && is_code(word)
                && pos
                    .checked_sub(word.len())
                    .is_some_and(|at| byte_before(b, at, 1).is_none_or(|c| !c.is_ascii_alphanumeric()))
            {
                pos -= word.len();
                continue;
            }
            return None;
        }
        None
    }

    /// The bucketed, hashed `find_before` against the plain one it replaces, at every offset of
    /// random texts of labels (exact-case ones, multi-word ones, one over 16 bytes, non-ASCII), fillers,
    /// codes, camelCase humps, separators and non-ASCII neighbours.
    #[test]
    fn find_before_matches_the_plain_scan() {
        static MEMBER: Labels = Labels::new(LabelSpec {
            words: &[
                "social security number",
                "ssn",
                "ss#",
                "identificationnumber",
                "Member ID",
                "a/c",
                "zone",
                "número",
            ],
            fillers: &["primary"],
            codes: false,
        });
        let pieces = [
            "Account",
            "ACCT",
            "acct",
            "a/c",
            "A/C",
            "driver's",
            "driver\u{2019}s",
            "license",
            "DL",
            "dl",
            "Social",
            "security",
            "number",
            "SSN",
            "ssn",
            "ss#",
            "IdentificationNumber",
            "identificationnumber",
            "Member",
            "member",
            "ID",
            "state",
            "bank",
            "primary",
            "no",
            "of",
            "the",
            "is",
            "ending in",
            "TX",
            "USA",
            "sub",
            "x",
            "é",
            "ZONE",
            "Zone",
            "número",
            "Número",
            " ",
            " ",
            " ",
            ": ",
            "#",
            "\n",
            "\n\n",
            "(",
            "'",
            ".",
            "_",
            "12",
            "-",
            "\t",
        ];
        let mut found = 0;
        for text in crate::detect::test_support::random_texts(0xA076_1D64_78BD_642F, &pieces, 14, 4000) {
            for (labels, spec) in
                [(&ACCOUNT, &ACCOUNT.spec), (&LICENSE, &LICENSE.spec), (&MEMBER, &MEMBER.spec)]
            {
                for start in 0..=text.len() + 1 {
                    let want = old_find_before(spec, &text, start);
                    assert_eq!(labels.find_before(&text, start), want, "{text:?} {start}");
                    found += usize::from(want.is_some());
                }
            }
        }
        assert!(found > 5_000, "{found}");
    }

    /// The sites of [`LabelSites`] against a byte walk: the starts of runs of ASCII letters and
    /// digits and the camelCase humps, on texts of every length around the eight-byte chunks.
    #[test]
    fn label_sites_match_a_byte_walk() {
        let pieces = ["a", "B", "bC", "Dd", "1", "_", " ", "é", "aB", "Z9", "-", "zA"];
        let mut starts = 0;
        for s in crate::detect::test_support::random_texts(0x94D0_49BB_1331_11EB, &pieces, 40, 5000) {
            let b = s.as_bytes();
            let want: Vec<usize> = (0..b.len())
                .filter(|&i| {
                    let c = b[i];
                    let prev = i.checked_sub(1).map(|j| b[j]);
                    c.is_ascii_alphabetic()
                        && (prev.is_none_or(|p| !p.is_ascii_alphanumeric())
                            || (c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase())))
                })
                .collect();
            let sites = LabelSites::new(&s);
            let mut got: Vec<usize> = sites.starts.iter().map(|s| s.0).collect();
            got.sort_unstable();
            assert_eq!(got, want, "{s:?}");
            starts += want.len();
            // Every start's prefixes are in the filter.
            for &(at, packed, _) in &sites.starts {
                let (x, n) = packed_lower(b, at);
                assert_eq!(packed, x);
                let lower: Vec<u8> = b[at..at + n].to_ascii_lowercase();
                assert_eq!(x.to_le_bytes()[..n], lower[..], "{s:?} {at}");
                assert!(sites.holds(site_pair(x)), "{s:?} {at}");
                assert!(sites.group(x).any(|g| g == (at, x)), "{s:?} {at}");
                let word = std::str::from_utf8(&lower[..n.min(3)]).unwrap_or_default();
                assert!(word.is_empty() || !word.is_ascii() || sites.has_prefix(word), "{s:?} {at}");
            }
            let groups: usize = (0..32u32).map(|g| sites.group(g).count()).sum();
            assert_eq!(groups, sites.starts.len());
        }
        assert!(starts > 40_000, "{starts}");
    }

    /// [`LabelsIn`] (label ends found once per text from the shared sites, the rest asked only
    /// near one) against [`Labels::find_before`] asked everywhere, at every offset of random
    /// texts of labels in every case, camelCase humps, fillers, codes, separators, non-ASCII
    /// neighbours and line breaks, with runs longer than the label window.
    #[test]
    fn labels_in_text_match_find_before_everywhere() {
        static MEMBER: Labels = Labels::new(LabelSpec {
            words: &[
                "social security number",
                "ss#",
                "identificationnumber",
                "Member ID",
                "a/c",
                "número",
                "DL",
            ],
            fillers: &["primary"],
            codes: false,
        });
        // A label starting with `#` may start anywhere: that set is not indexed.
        static HASH: Labels = Labels::new(LabelSpec { words: &["#ref", "acct"], fillers: &[], codes: false });
        let pieces = [
            "Account",
            "ACCT",
            "acct",
            "a/c",
            "A/C",
            "bankAccount",
            "xAcct",
            "driver's",
            "driver\u{2019}s",
            "license",
            "DL",
            "dl",
            "mgDL",
            "Social",
            "security",
            "number",
            "ss#",
            "SS#",
            "Identification",
            "IdentificationNumber",
            "identificationnumber",
            "Member",
            "member",
            "ID",
            "Id",
            "state",
            "bank",
            "primary",
            "no",
            "of",
            "is",
            "ending in",
            "TX",
            "USA",
            "x",
            "é",
            "número",
            "NÚMERO",
            "#ref",
            "#REF",
            " ",
            " ",
            " ",
            ": ",
            "#",
            "\n",
            "(",
            "'",
            ".",
            "_",
            "12",
            "-",
            "\t",
            "                    ",
        ];
        let (mut found, mut texts) = (0usize, 0usize);
        for text in crate::detect::test_support::random_texts(0xE703_7ED1_A0B4_28DB, &pieces, 30, 3000) {
            let hay = super::super::Haystack::new(&text);
            for labels in [&ACCOUNT, &LICENSE, &MEMBER, &HASH] {
                let found_in = labels.in_text(&hay);
                let spans = found_in.spans();
                let mut any = false;
                for start in 0..=text.len() + 1 {
                    let want = labels.find_before(&text, start);
                    assert_eq!(found_in.find_before(&text, start), want, "{text:?} {start}");
                    if want.is_some() {
                        any = true;
                        found += 1;
                        let inside = spans
                            .as_ref()
                            .is_none_or(|s| s.iter().any(|&(lo, hi)| lo <= start && start < hi));
                        assert!(inside, "{text:?} {start}");
                    }
                }
                assert!(found_in.any() || !any, "{text:?}");
                // `in_spans` keeps exactly the items inside the spans, in order.
                let items: Vec<usize> = (0..text.len() + 2).collect();
                let inside =
                    |i: usize| spans.as_ref().is_none_or(|s| s.iter().any(|&(lo, hi)| lo <= i && i < hi));
                let kept: Vec<usize> = in_spans(&items, |&i| i, spans.clone()).copied().collect();
                assert_eq!(kept, items.iter().copied().filter(|&i| inside(i)).collect::<Vec<_>>());
            }
            texts += 1;
        }
        assert!(found > 20_000, "{found} in {texts}");
    }

    /// [`LabelScan::site_starts`] against the token walk of [`LabelScan::starts`] it replaces
    /// (texts without case folds), on random texts of label prefixes in every case, glued to
    /// letters, digits, `_` and non-ASCII bytes, and camelCase humps.
    #[test]
    fn site_starts_match_the_token_walk() {
        static PRE: Prefixes =
            Prefixes::new(&["member", "mr", "medical", "pt", "blue", "hic", "uhc", "oscar"]);
        let pieces = [
            "member", "Member", "MEMBER", "mem", "Mr", "mr", "MR", "Mrs", "medical", "Med", "pt", "Pt",
            "blue", "Blu", "hic", "HICN", "uhc", "Oscar", "osc", "xMember", "aMr", "_", "1", "é", " ", " ",
            "-", ".", "#", "mb", "m",
        ];
        let mut found = 0;
        for text in crate::detect::test_support::random_texts(0x2545_F491_4F6C_DD1D, &pieces, 30, 6000) {
            let hay = super::super::Haystack::new(&text);
            if hay.views.has_case_folds() {
                continue;
            }
            let scan = LabelScan::new(&text);
            let want: Vec<usize> = scan.starts(hay.views.tokens(), false, &PRE).collect();
            assert_eq!(scan.site_starts(hay.label_sites(), &PRE), want, "{text:?}");
            found += want.len();
        }
        assert!(found > 10_000, "{found}");
    }

    static ACCOUNT: Labels =
        Labels::new(LabelSpec { words: &["account", "acct", "a/c"], fillers: &["bank"], codes: false });
    static LICENSE: Labels =
        Labels::new(LabelSpec { words: &["driver's license", "DL"], fillers: &["state"], codes: true });

    fn labelled(l: &Labels, text: &str) -> bool {
        // The value is the last whitespace-separated token.
        let start = text.rfind(' ').map_or(0, |i| i + 1);
        l.before(text, start)
    }

    #[test]
    fn labels_with_separators_and_fillers() {
        for t in [
            "account 12345678",
            "Account: 12345678",
            "ACCT# 12345678",
            "a/c no. 12345678",
            "account number is 12345678",
            "(debit account 12345678",
            "acct ending in 12345678",
            "account bank number: 12345678",
            "Account:\n 12345678",
            "\"account_number\": \"12345678",
            "{\"bankAccountNumber\": \"12345678",
        ] {
            assert!(labelled(&ACCOUNT, t), "{t}");
        }
        for t in [
            "accounting 12345678",
            "account opened 12345678",
            "the balance 12345678",
            "12345678",
            "account\n\n 12345678",
            "account for 2023 and 12345678",
        ] {
            assert!(!labelled(&ACCOUNT, t), "{t}");
        }
    }

    #[test]
    fn label_case_and_codes() {
        assert!(labelled(&LICENSE, "DL 12345678"));
        assert!(labelled(&LICENSE, "driver's license TX 12345678"));
        assert!(labelled(&LICENSE, "Driver's License (CA) 12345678"));
        assert!(labelled(&LICENSE, "DRIVER'S LICENSE state no: 12345678"));
        assert!(!labelled(&LICENSE, "glucose 110 mg/dL 12345678"));
        assert!(!labelled(&LICENSE, "driver's license Texas 12345678"));
        assert!(!labelled(&LICENSE, "driver's license ABCD 12345678"));
        assert!(!labelled(&ACCOUNT, "ACCOUNT US 12345678"));
    }

    #[test]
    fn label_too_far_away() {
        let far = format!("account {} 12345678", "-".repeat(60));
        assert!(!labelled(&ACCOUNT, &far));
    }

    #[test]
    fn numbers_and_dates() {
        assert!(continues_number("12/31/2024", 0, 5));
        assert!(continues_number("x 1.021000021", 4, 13));
        assert!(!continues_number("exp 04/27.", 4, 9));
        assert!(!continues_number("a 12 b", 2, 4));
        assert!(looks_like_date("2024-03-14"));
        assert!(looks_like_date("3-14-24"));
        assert!(!looks_like_date("9314-41543978"));
        assert!(!looks_like_date("12345678"));
        // Against the split it replaces, on every short run of digits and dashes.
        let split = |run: &str| {
            let mut groups = run.split('-').map(str::len);
            matches!(
                (groups.next(), groups.next(), groups.next(), groups.next()),
                (Some(4), Some(2), Some(2), None) | (Some(1 | 2), Some(1 | 2), Some(2 | 4), None)
            )
        };
        for s in crate::detect::test_support::random_texts(
            0x5851_F42D_4C95_7F2D,
            &["1", "-", "a", "12"],
            14,
            20000,
        ) {
            assert_eq!(looks_like_date(&s), split(&s), "{s:?}");
        }
    }

    #[test]
    fn entropy_figures() {
        assert_eq!(entropy(b""), 0.0);
        assert_eq!(entropy(b"aaaa"), 0.0);
        assert!((entropy(b"abcd") - 2.0).abs() < 1e-6);
        assert!(entropy(b"h3yOHrwenYAJulggLKVdm9LTXk32cC08") > 4.0);
    }
}
