//! # sanitas
//!
//! Pseudonymizes, minimizes and classifies records on the client, before any data leaves toward
//! an AI service. Recognizers find identifiers (validated by checksums where they have one);
//! operators replace them, by default with keyed HMAC-SHA-256 tokens that only the issuing
//! [`Sanitizer`] can turn back into the original values.
//!
//! ```
//! use sanitas::{Policy, Sanitizer};
//!
//! let mut sanitizer = Sanitizer::new(Policy::default())?;
//! let note = "Reach Ana at ana@example.org or 212-555-0188; SSN 123-45-6789.";
//! let sent = sanitizer.sanitize_text(note)?;
//! assert!(!sent.output.contains("ana@example.org"));
//! assert_eq!(sent.report.total, 3);
//! // ... the AI answers, quoting tokens ...
//! assert_eq!(sanitizer.reidentify(&sent.output), note);
//! # Ok::<(), sanitas::Error>(())
//! ```
#![deny(unsafe_code)]
// A panic in wasm traps the module for the rest of the page's life: library code returns errors.
// Indexing and slicing panic out of bounds (and `&str` slicing off a char boundary): use `get`,
// iterators and slice patterns instead.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

mod classify;
mod detect;
mod error;
mod key;
mod limits;
mod offsets;
mod policy;
mod record;
mod reidentify;
mod report;
mod rewrite;
mod sanitizer;
mod swar;
mod transform;
mod vault;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use classify::{
    categories_of, level_of, BlockedBy, Category, Classification, Decision, FieldReport, Level,
};
pub use detect::{EntityKind, Finding};
pub use error::{Error, ErrorKind, Result};
pub use key::{Key, DEFAULT_PBKDF2_ITERATIONS, MIN_KEY_BYTES, MIN_PBKDF2_ITERATIONS, MIN_SALT_BYTES};
pub use limits::MAX_PATTERN_PROGRAM_BYTES;
pub use offsets::utf16_offsets;
pub use policy::{BlockRule, CompiledPolicy, FieldAction, FieldRule, Limits, Policy, PRESET_NAMES};
pub use record::jsonl::{JsonlMode, JsonlStream};
pub use reidentify::Reidentifier;
pub use report::{FieldSummary, Report, Summary};
pub use sanitizer::{Batch, BatchItem, Sanitized, Sanitizer};
pub use transform::generalize::{Ymd, RESTRICTED_ZIP3};
pub use transform::{DateShiftSpec, Generalization, GeneralizeSpec, MaskSpec, Operator};

/// The JavaScript API (wasm32 only): `JsSanitizer` is exported to JS as `Sanitizer`.
#[cfg(target_arch = "wasm32")]
pub use wasm::{JsJsonlStream, JsSanitizer, PolicyInput};

/// The README's Rust example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
