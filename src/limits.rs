//! Resource limits: how much input, nesting, findings, vault entries and custom-pattern text one
//! `Sanitizer` accepts. Exceeding a limit is an error (`LimitError` in JS), never a truncation.
//!
//! Every limit also has a hard ceiling ([`Limits::CEILING`]) that a policy cannot raise it past:
//! the ceilings keep a hostile or mistaken policy from turning a limit into a way to exhaust
//! memory or the (1 MiB) WebAssembly stack. In particular `maxDepth` bounds every recursion over
//! input data (conversion from JS, sanitizing, serializing the output and dropping it), so its
//! ceiling is what makes 10 000-deep input an error instead of a stack overflow.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// Resource limits. Exceeding one is an error, never a truncation.
///
/// ```
/// let p = sanitas::Policy::from_json(r#"{"limits": {"maxDepth": 8}}"#)?;
/// assert_eq!(p.limits.max_depth, 8);
/// assert_eq!(p.limits.max_input_bytes, sanitas::Limits::default().max_input_bytes);
/// // Past the ceiling is a policy error, not a silent clamp.
/// let e = sanitas::Policy::from_json(r#"{"limits": {"maxDepth": 100000}}"#)?.compile().err().unwrap();
/// assert_eq!(e.path(), "policy.limits.maxDepth");
/// # Ok::<(), sanitas::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Limits {
    /// Largest input accepted, in UTF-8 bytes (default 16 MiB, at most 256 MiB). For records,
    /// the bytes of every string and key plus a few bytes per other item.
    pub max_input_bytes: usize,
    /// Deepest JSON nesting accepted (default 64, at most 256).
    pub max_depth: usize,
    /// Most findings in one call (default 100 000, at most 10 000 000).
    pub max_findings: usize,
    /// Most tokens one vault holds (default 1 000 000, at most 10 000 000).
    pub max_vault_entries: usize,
    /// Longest custom pattern accepted, in bytes of pattern source (default 4 KiB, at most
    /// 64 KiB). Custom patterns are also compiled with a bounded program size (see
    /// [`MAX_PATTERN_PROGRAM_BYTES`]).
    pub max_pattern_bytes: usize,
}

/// The compiled-program budget of one custom pattern (the `regex` crate's `size_limit`): a short
/// pattern such as `(\w{100}){100}` that would expand to a huge automaton fails to compile
/// instead of using the memory.
pub const MAX_PATTERN_PROGRAM_BYTES: usize = 1 << 20;

/// The deepest group nesting accepted in a custom pattern.
const MAX_PATTERN_NESTING: u32 = 64;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 16 << 20,
            max_depth: 64,
            max_findings: 100_000,
            max_vault_entries: 1_000_000,
            max_pattern_bytes: 4 << 10,
        }
    }
}

impl Limits {
    /// The largest value a policy may set for each limit.
    pub const CEILING: Limits = Limits {
        max_input_bytes: 256 << 20,
        max_depth: 256,
        max_findings: 10_000_000,
        max_vault_entries: 10_000_000,
        max_pattern_bytes: 64 << 10,
    };

    /// Checks every limit is at least 1 and at most its [`Limits::CEILING`]; the error names the
    /// limit (`policy.limits.maxDepth`).
    pub fn validate(&self) -> Result<()> {
        let c = &Limits::CEILING;
        for (name, v, max) in [
            ("maxInputBytes", self.max_input_bytes, c.max_input_bytes),
            ("maxDepth", self.max_depth, c.max_depth),
            ("maxFindings", self.max_findings, c.max_findings),
            ("maxVaultEntries", self.max_vault_entries, c.max_vault_entries),
            ("maxPatternBytes", self.max_pattern_bytes, c.max_pattern_bytes),
        ] {
            if !(1..=max).contains(&v) {
                return Err(Error::new(
                    ErrorKind::InvalidPolicy,
                    format!("policy.limits.{name}"),
                    format!("must be between 1 and {max}"),
                ));
            }
        }
        Ok(())
    }

    /// Compiles a custom pattern from a policy, at `path` (e.g. `policy.patterns[2].regex`), with
    /// the linear-time engine only: at most `maxPatternBytes` of source, a bounded compiled size
    /// and nesting. The error never quotes the pattern.
    pub fn compile_pattern(&self, pattern: &str, path: &str) -> Result<regex::Regex> {
        if pattern.len() > self.max_pattern_bytes {
            return Err(Error::new(
                ErrorKind::InvalidPattern,
                path,
                format!("the pattern is longer than limits.maxPatternBytes ({})", self.max_pattern_bytes),
            ));
        }
        if pattern.is_empty() {
            return Err(Error::new(ErrorKind::InvalidPattern, path, "the pattern is empty"));
        }
        regex::RegexBuilder::new(pattern)
            .size_limit(MAX_PATTERN_PROGRAM_BYTES)
            .dfa_size_limit(MAX_PATTERN_PROGRAM_BYTES)
            .nest_limit(MAX_PATTERN_NESTING)
            .build()
            .map_err(|e| {
                let why = match e {
                    regex::Error::CompiledTooBig(_) => "the pattern compiles to more than the size limit",
                    _ => "the pattern is not valid syntax for the linear-time engine (no look-around or backreferences)",
                };
                Error::new(ErrorKind::InvalidPattern, path, why)
            })
    }
}

/// Deserializes `T` from a map only. serde's derived struct impls also accept a sequence and
/// fill the fields by position (`"limits": [1]` would set `maxInputBytes`); a policy is written
/// with names, so any other shape is an error.
pub(crate) struct MapOnly<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = MapOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(MapOnly)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// `deserialize_with` form of [`MapOnly`].
pub(crate) fn map_only<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<T, D::Error> {
    MapOnly::<T>::deserialize(d).map(|m| m.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_within_the_ceiling() {
        Limits::default().validate().unwrap();
        Limits::CEILING.validate().unwrap();
    }

    #[test]
    fn zero_and_past_ceiling_are_errors_naming_the_limit() {
        for (limits, name) in [
            (Limits { max_depth: 0, ..Limits::default() }, "maxDepth"),
            (Limits { max_depth: 257, ..Limits::default() }, "maxDepth"),
            (Limits { max_input_bytes: usize::MAX, ..Limits::default() }, "maxInputBytes"),
            (Limits { max_findings: 10_000_001, ..Limits::default() }, "maxFindings"),
            (Limits { max_vault_entries: 0, ..Limits::default() }, "maxVaultEntries"),
            (Limits { max_pattern_bytes: (64 << 10) + 1, ..Limits::default() }, "maxPatternBytes"),
        ] {
            let e = limits.validate().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidPolicy);
            assert_eq!(e.path(), format!("policy.limits.{name}"));
        }
    }

    #[test]
    fn patterns_compile_with_the_linear_engine() {
        let l = Limits::default();
        let re = l.compile_pattern(r"\bMRN-\d{6}\b", "policy.patterns[0].regex").unwrap();
        assert!(re.is_match("see MRN-123456."));
        // Catastrophic for a backtracking engine; linear here. 100 000 'a's and no match at the end.
        let re = l.compile_pattern(r"^(a+)+$", "p").unwrap();
        let text = format!("{}b", "a".repeat(100_000));
        assert!(!re.is_match(&text));
    }

    #[test]
    fn pattern_limits_fail_closed_without_quoting_the_pattern() {
        let l = Limits { max_pattern_bytes: 16, ..Limits::default() };
        let e = l.compile_pattern("secret-pattern-0123456789", "policy.patterns[1].regex").unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidPattern, "policy.patterns[1].regex"));
        assert!(e.message().contains("maxPatternBytes") && !e.message().contains("secret"), "{e}");

        let l = Limits::default();
        for (pattern, why) in [
            (r"(\w{100}){100}", "size limit"),
            (r"(?=lookahead)x", "not valid"),
            (r"(a)\1", "not valid"),
            ("((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))", "not valid"),
            ("", "empty"),
        ] {
            let e = l.compile_pattern(pattern, "p").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidPattern, "{pattern}");
            assert!(e.message().contains(why), "{pattern}: {e}");
            assert!(pattern.is_empty() || !e.message().contains(pattern));
        }
    }
}
