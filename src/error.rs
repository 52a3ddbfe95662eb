//! The one error type. It names what went wrong and where (a policy path or a JSON Pointer into
//! the input), never the value that was being processed.

use std::fmt;

/// What went wrong. Each kind has a stable JS `name` and `code` (see [`ErrorKind::js_name`] and
/// [`ErrorKind::code`]) that applications may match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The policy is malformed: an unknown field, operator, entity name or a bad value.
    InvalidPolicy,
    /// A preset name that does not exist.
    UnknownPreset,
    /// A custom pattern in the policy does not compile or exceeds its size limit.
    InvalidPattern,
    /// A key that is too short or not well encoded.
    InvalidKey,
    /// The input has a type the method does not accept (for example `undefined`).
    InvalidInput,
    /// The input is larger than `limits.maxInputBytes`.
    InputTooLarge,
    /// The input nests deeper than `limits.maxDepth`.
    TooDeep,
    /// More findings than `limits.maxFindings` in one call.
    TooManyFindings,
    /// The vault holds `limits.maxVaultEntries` entries already.
    VaultFull,
    /// The record was blocked by the policy; nothing may leave.
    Blocked,
    /// The platform has no usable random source for generating a key.
    RandomUnavailable,
    /// A bug in sanitas. Nothing was returned.
    Internal,
}

impl ErrorKind {
    /// The JS `Error.name` for this kind: one of `PolicyError`, `KeyError`, `InputError`,
    /// `LimitError`, `BlockedError` and `InternalError`.
    pub fn js_name(self) -> &'static str {
        use ErrorKind::*;
        match self {
            InvalidPolicy | UnknownPreset | InvalidPattern => "PolicyError",
            InvalidKey => "KeyError",
            InvalidInput => "InputError",
            InputTooLarge | TooDeep | TooManyFindings | VaultFull => "LimitError",
            Blocked => "BlockedError",
            RandomUnavailable | Internal => "InternalError",
        }
    }

    /// A stable machine-readable code, e.g. `POLICY_INVALID`.
    pub fn code(self) -> &'static str {
        use ErrorKind::*;
        match self {
            InvalidPolicy => "POLICY_INVALID",
            UnknownPreset => "UNKNOWN_PRESET",
            InvalidPattern => "PATTERN_INVALID",
            InvalidKey => "KEY_INVALID",
            InvalidInput => "INPUT_INVALID",
            InputTooLarge => "INPUT_TOO_LARGE",
            TooDeep => "DEPTH_EXCEEDED",
            TooManyFindings => "FINDINGS_EXCEEDED",
            VaultFull => "VAULT_FULL",
            Blocked => "BLOCKED",
            RandomUnavailable => "RANDOM_UNAVAILABLE",
            Internal => "INTERNAL",
        }
    }
}

/// An error with its kind, the path of the offending item and a message free of data values.
///
/// `path` is a policy path such as `policy.entities.EMAIL` for configuration errors, and an
/// RFC 6901 JSON Pointer such as `/patient/name` (or `""` for the whole input) for input errors.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    path: String,
    message: String,
}

impl Error {
    /// Builds an error. `message` must never contain input data (only paths, names, limits).
    pub(crate) fn new(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { kind, path: path.into(), message: message.into() }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Where it went wrong: a policy path or a JSON Pointer into the input.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A human-readable description that never contains input data.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind)
            .field("path", &self.path)
            .field("message", &self.message)
            .finish()
    }
}

impl std::error::Error for Error {}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_path_and_message() {
        let e = Error::new(ErrorKind::InvalidPolicy, "policy.entities", "unknown entity");
        assert_eq!(e.to_string(), "policy.entities: unknown entity");
        assert_eq!(e.kind().js_name(), "PolicyError");
        assert_eq!(e.kind().code(), "POLICY_INVALID");
        let e = Error::new(ErrorKind::InvalidInput, "", "expected a string");
        assert_eq!(e.to_string(), "expected a string");
    }
}
