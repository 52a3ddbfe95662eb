//! Turns the word lists behind PERSON detection into static tables, so that nothing is decoded,
//! sorted or hashed when the library starts (in wasm that was 20-40 ms of the first
//! `new Sanitizer()`). The text files stay the source of truth; the generated file
//! (`$OUT_DIR/person_data.rs`) is included by `src/detect/person_names.rs`.
//!
//! - `person_names.txt` (census names, three front-coded sections) becomes one sorted list with
//!   the flags of every section a name is in, front-coded again in blocks of
//!   [`BLOCK`] entries: each block starts with a full name, so a lookup binary-searches the
//!   block starts (only those of the name's two-letter prefix) and decodes at most one block.
//! - `person_words.txt` (`[CLASS]` sections) becomes a sorted list of words with their class
//!   bits (`person_classes.rs`, shared with the library) and a static open-addressing hash
//!   table over them (FNV-1a, linear probing), as fast as the run-time hash table it replaces.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/detect/person_classes.rs"]
mod person_classes;

/// Entries per front-coded block of the name list.
const BLOCK: usize = 16;

/// Slots of the word hash table (a power of two, at least twice the number of words).
const WORD_SLOTS: usize = 4096;

/// Bits of the name filter (a power of two).
const NAME_FILTER_BITS: usize = 1 << 15;

/// The filter bit of a lowercase name (the library's `name_filter_bit`).
fn name_filter_bit(name: &[u8]) -> usize {
    (fnv(name) >> (64 - NAME_FILTER_BITS.trailing_zeros())) as usize
}

/// Two-letter prefix bucket of a lowercase ASCII name (the library's `bucket`).
fn bucket(name: &[u8]) -> usize {
    let letter = |i: usize| name.get(i).map_or(0, |b| usize::from(b.saturating_sub(b'a')).min(25));
    letter(0) * 26 + letter(1)
}

/// FNV-1a over the bytes of a word (the library's `fnv`).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Decodes one front-coded section: a digit (letters shared with the previous entry), then the
/// remaining letters; line breaks are ignored.
fn decode_section(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for c in lines.iter().flat_map(|l| l.chars()) {
        if let Some(shared) = c.to_digit(10) {
            let prev = current.take().unwrap_or_default();
            if !prev.is_empty() {
                out.push(prev.clone());
            }
            current = Some(prev.get(..shared as usize).unwrap_or(&prev).to_owned());
        } else if let Some(cur) = current.as_mut() {
            cur.push(c);
        }
    }
    out.extend(current);
    out
}

/// The census lists: every name with its flags (1 first, 2 last, 4 common), sorted.
fn names(data: &str) -> BTreeMap<String, u8> {
    let mut sections: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line.starts_with(|c: char| c.is_ascii_lowercase()) {
            sections.push((line, Vec::new()));
        } else if let Some((_, lines)) = sections.last_mut() {
            lines.push(line);
        }
    }
    let mut all = BTreeMap::new();
    for (name, flag) in [("first", 1u8), ("last", 2), ("common", 4)] {
        let lines = sections.iter().find(|(n, _)| *n == name).map(|(_, l)| l.as_slice()).unwrap_or(&[]);
        for entry in decode_section(lines) {
            assert!(entry.len() >= 2 && entry.bytes().all(|b| b.is_ascii_lowercase()), "bad name {entry:?}");
            *all.entry(entry).or_insert(0) |= flag;
        }
    }
    all
}

/// Every classified word with its class bits, sorted.
fn words(data: &str) -> BTreeMap<String, u32> {
    let mut all = BTreeMap::new();
    let mut bit = 0;
    for line in data.lines().filter(|l| !l.starts_with('#')) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            bit = person_classes::class_bit(name).unwrap_or_else(|| panic!("unknown class {name}"));
        } else {
            for w in line.split_whitespace() {
                assert!(!w.contains('\n') && w.len() < 64);
                *all.entry(w.to_owned()).or_insert(0) |= bit;
            }
        }
    }
    all
}

fn main() {
    let dir = Path::new("src/detect");
    println!("cargo:rerun-if-changed=build.rs");
    for f in ["person_names.txt", "person_words.txt", "person_classes.rs"] {
        println!("cargo:rerun-if-changed={}", dir.join(f).display());
    }
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));

    // Names: entry = shared-prefix digit (0 at a block start, at most 9), the remaining letters,
    // then the flags as one letter 'A' + flags (an uppercase letter ends every entry).
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut prev = String::new();
    let names = names(&read("person_names.txt"));
    for (i, (name, flags)) in names.iter().enumerate() {
        let shared = if i % BLOCK == 0 {
            starts.push(text.len());
            0
        } else {
            prev.bytes().zip(name.bytes()).take_while(|(a, b)| a == b).count().min(9)
        };
        text.push(char::from(b'0' + shared as u8));
        text.push_str(&name[shared..]);
        text.push(char::from(b'A' + flags));
        prev.clone_from(name);
    }
    // First name index of each two-letter bucket, and one past the last name.
    let mut first = vec![0u16; 26 * 26 + 1];
    let mut counts = vec![0usize; 26 * 26];
    for name in names.keys() {
        counts[bucket(name.as_bytes())] += 1;
    }
    let mut total = 0;
    for (b, c) in counts.iter().enumerate() {
        first[b] = u16::try_from(total).unwrap();
        total += c;
    }
    first[26 * 26] = u16::try_from(total).unwrap();
    let mut out = String::new();
    writeln!(out, "/// Index of the first name of each two-letter bucket (`bucket`), and the end.").unwrap();
    writeln!(out, "const NAME_BUCKETS: [u16; {}] = {first:?};", first.len()).unwrap();
    writeln!(out, "/// Names in blocks of {BLOCK}, front-coded (see build.rs).").unwrap();
    writeln!(out, "const NAMES: &str = {text:?};").unwrap();
    writeln!(out, "/// Byte offset of each block of `NAMES`.").unwrap();
    writeln!(out, "const BLOCKS: [u32; {}] = {starts:?};", starts.len()).unwrap();
    writeln!(out, "/// Entries in a block of `NAMES`.").unwrap();
    writeln!(out, "const BLOCK: usize = {BLOCK};").unwrap();
    // A bit per name, at the top bits of its FNV-1a hash: a word whose bit is clear is no name,
    // found without searching the blocks (most words looked up are not names).
    let mut filter = vec![0u64; NAME_FILTER_BITS / 64];
    for name in names.keys() {
        let bit = name_filter_bit(name.as_bytes());
        filter[bit / 64] |= 1 << (bit % 64);
    }
    writeln!(out, "/// One bit per name hash (`name_filter_bit`); a clear bit: not a name.").unwrap();
    writeln!(out, "const NAME_FILTER: [u64; {}] = {filter:?};", filter.len()).unwrap();
    writeln!(out, "/// Number of names.").unwrap();
    writeln!(out, "#[cfg(test)]\nconst NAME_COUNT: usize = {};", names.len()).unwrap();

    // Words: sorted, each followed by a line break; `WORD_STARTS[i]..WORD_STARTS[i + 1]` spans
    // word i and its line break.
    let words = words(&read("person_words.txt"));
    let mut wtext = String::new();
    let mut wstarts = Vec::new();
    let mut bits = Vec::new();
    for (w, b) in &words {
        wstarts.push(wtext.len());
        wtext.push_str(w);
        wtext.push('\n');
        bits.push(*b);
    }
    wstarts.push(wtext.len());
    assert!(wtext.len() < usize::from(u16::MAX));
    writeln!(out, "/// Classified words, sorted, one per line.").unwrap();
    writeln!(out, "const WORD_TEXT: &str = {wtext:?};").unwrap();
    writeln!(out, "/// Start of each word in `WORD_TEXT`, and its end.").unwrap();
    writeln!(out, "const WORD_STARTS: [u16; {}] = {wstarts:?};", wstarts.len()).unwrap();
    assert!(words.len() * 2 <= WORD_SLOTS);
    let mut slots = vec![0u16; WORD_SLOTS];
    for (i, w) in words.keys().enumerate() {
        let mut slot = (fnv(w.as_bytes()) as usize) & (WORD_SLOTS - 1);
        while slots[slot] != 0 {
            slot = (slot + 1) & (WORD_SLOTS - 1);
        }
        slots[slot] = u16::try_from(i + 1).unwrap();
    }
    writeln!(out, "/// Hash table of the words: slot `fnv(word) % {WORD_SLOTS}` and on (linear probing)")
        .unwrap();
    writeln!(out, "/// holds word index + 1; 0 ends a probe.").unwrap();
    writeln!(out, "const WORD_SLOTS: [u16; {WORD_SLOTS}] = {slots:?};").unwrap();
    writeln!(out, "/// Class bits of each word.").unwrap();
    writeln!(out, "const WORD_BITS: [u32; {}] = {bits:?};", bits.len()).unwrap();

    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("person_data.rs");
    std::fs::write(dest, out).unwrap();
}
