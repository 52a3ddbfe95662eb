//! JSON Lines in chunks: bytes in, sanitized lines out. Memory holds one unfinished line (at
//! most `limits.maxInputBytes`) and the output of one chunk, whatever the size of the stream.
//!
//! Each line is a record processed like [`Sanitizer::sanitize_json_str`] (untouched numbers stay
//! byte for byte). A blocked record writes no line and is counted in the summary. Any other
//! failure (invalid JSON, a limit) stops the stream with an error naming the line number and,
//! inside the record, the JSON Pointer; never the line's content.

use super::TextSink;
use crate::classify::Decision;
use crate::error::{Error, ErrorKind, Result};
use crate::report::{Report, Summary};
use crate::sanitizer::{parse_json, Sanitizer};

/// What a [`JsonlStream`] writes for each input line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonlMode {
    /// The sanitized record.
    Sanitize,
    /// The record's [`Classification`](crate::Classification) (nothing is transformed).
    Classify,
}

/// A JSONL stream being sanitized or classified chunk by chunk.
///
/// ```
/// use sanitas::{JsonlMode, JsonlStream, Policy, Sanitizer};
/// let mut s = Sanitizer::new(Policy::default())?;
/// let mut stream = JsonlStream::new(JsonlMode::Sanitize);
/// let mut out = stream.push(&mut s, br#"{"ssn": "123-45-6789", "n": 1.0}
/// {"email": "a@b.c"#)?;
/// out += &stream.push(&mut s, b"o\"}\n")?;
/// out += &stream.finish(&mut s)?;
/// let lines: Vec<&str> = out.lines().collect();
/// assert_eq!(lines.len(), 2);
/// assert!(lines[0].starts_with(r#"{"ssn":"SSN_"#) && lines[0].ends_with(r#","n":1.0}"#));
/// assert_eq!(stream.summary().records, 2);
/// # Ok::<(), sanitas::Error>(())
/// ```
pub struct JsonlStream {
    mode: JsonlMode,
    buf: Vec<u8>,
    /// Bytes of `buf` already searched for a newline.
    scanned: usize,
    line: u64,
    bytes_in: u64,
    bytes_out: u64,
    summary: Option<Summary>,
    failed: bool,
    finished: bool,
}

impl std::fmt::Debug for JsonlStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonlStream").field("mode", &self.mode).field("line", &self.line).finish()
    }
}

impl JsonlStream {
    /// A new stream.
    pub fn new(mode: JsonlMode) -> JsonlStream {
        JsonlStream {
            mode,
            buf: Vec::new(),
            scanned: 0,
            line: 0,
            bytes_in: 0,
            bytes_out: 0,
            summary: None,
            failed: false,
            finished: false,
        }
    }

    /// Feeds the next chunk (any split, even inside a UTF-8 character) and returns the output
    /// lines completed by it, each ending with `\n`.
    pub fn push(&mut self, sanitizer: &mut Sanitizer, chunk: &[u8]) -> Result<String> {
        self.usable()?;
        self.bytes_in += chunk.len() as u64;
        self.buf.extend_from_slice(chunk);
        let mut out = String::new();
        let mut consumed = 0;
        while let Some(nl) =
            self.buf.get(self.scanned..).and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        {
            let end = self.scanned + nl;
            let line = self.buf.get(consumed..end).unwrap_or_default().to_vec();
            self.scanned = end + 1;
            consumed = end + 1;
            if let Err(e) = self.line(sanitizer, &line, &mut out) {
                self.failed = true;
                return Err(e);
            }
        }
        self.buf.drain(..consumed);
        self.scanned = self.buf.len();
        let max = sanitizer.policy().limits.max_input_bytes;
        if self.buf.len() > max {
            self.failed = true;
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                format!("line {}", self.line + 1),
                format!("a line exceeds limits.maxInputBytes ({max})"),
            ));
        }
        self.bytes_out += out.len() as u64;
        Ok(out)
    }

    /// Ends the stream: processes a last line without a newline and returns its output.
    pub fn finish(&mut self, sanitizer: &mut Sanitizer) -> Result<String> {
        self.usable()?;
        self.finished = true;
        let line = std::mem::take(&mut self.buf);
        let mut out = String::new();
        if line.is_empty() {
            return Ok(out);
        }
        if let Err(e) = self.line(sanitizer, &line, &mut out) {
            self.failed = true;
            return Err(e);
        }
        self.bytes_out += out.len() as u64;
        Ok(out)
    }

    /// Lines read so far (blank ones included).
    pub fn lines(&self) -> u64 {
        self.line
    }

    /// Bytes received so far.
    pub fn bytes_in(&self) -> u64 {
        self.bytes_in
    }

    /// Bytes returned so far.
    pub fn bytes_out(&self) -> u64 {
        self.bytes_out
    }

    /// Counts over the records so far; `blockedAt` holds line numbers.
    pub fn summary(&self) -> Summary {
        self.summary.clone().unwrap_or_else(|| Summary::new(""))
    }

    fn usable(&self) -> Result<()> {
        if self.failed {
            return Err(Error::new(
                ErrorKind::InvalidInput,
                "",
                "the stream failed earlier; start a new one",
            ));
        }
        if self.finished {
            return Err(Error::new(ErrorKind::InvalidInput, "", "the stream is finished"));
        }
        Ok(())
    }

    fn line(&mut self, sanitizer: &mut Sanitizer, bytes: &[u8], out: &mut String) -> Result<()> {
        self.line += 1;
        let n = self.line;
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let at_line = |e: Error| Error::new(e.kind(), format!("line {n}{}", e.path()), e.message());
        let text = std::str::from_utf8(bytes)
            .map_err(|_| Error::new(ErrorKind::InvalidInput, format!("line {n}"), "not valid UTF-8"))?;
        let value = parse_json(text, Some(n))?;
        sanitizer.check_record(&value).map_err(at_line)?;
        let summary = self.summary.get_or_insert_with(|| Summary::new(sanitizer.policy().fingerprint()));
        match self.mode {
            JsonlMode::Sanitize => {
                let mut sink = TextSink::new(text, &value);
                let report = sanitizer.record(&value, &mut sink).map_err(at_line)?;
                summary.add(&report, n);
                if report.decision != Decision::Block {
                    out.push_str(&sink.finish()?);
                    out.push('\n');
                }
            }
            JsonlMode::Classify => {
                let analysis = sanitizer.analyze(&value).map_err(at_line)?;
                let c = sanitizer.classification(analysis);
                let mut report = Report::new();
                report.decision = c.decision;
                report.fields.clone_from(&c.fields);
                report.dropped.clone_from(&c.dropped);
                report.roll_up();
                summary.add(&report, n);
                let json = serde_json::to_string(&c)
                    .map_err(|_| Error::new(ErrorKind::Internal, format!("line {n}"), "unserializable"))?;
                out.push_str(&json);
                out.push('\n');
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    fn run(chunks: &[&[u8]], policy: Policy) -> Result<(String, Summary)> {
        let mut s = Sanitizer::new(policy)?;
        let mut stream = JsonlStream::new(JsonlMode::Sanitize);
        let mut out = String::new();
        for c in chunks {
            out += &stream.push(&mut s, c)?;
        }
        out += &stream.finish(&mut s)?;
        Ok((out, stream.summary()))
    }

    #[test]
    fn any_split_gives_the_same_lines() {
        let input =
            "{\"amount\": 1234.0, \"note\": \"caf\u{e9} \u{1f600}\"}\r\n\n{\"id\": 7}\n{\"x\": [1.50, 2e3]}";
        let key = Policy::from_json(r#"{"key":"00112233445566778899aabbccddeeff"}"#).unwrap();
        let (whole, summary) = run(&[input.as_bytes()], key.clone()).unwrap();
        assert_eq!(
            whole,
            "{\"amount\":1234.0,\"note\":\"caf\u{e9} \u{1f600}\"}\n{\"id\":7}\n{\"x\":[1.50,2e3]}\n"
        );
        assert_eq!(summary.records, 3);
        let bytes = input.as_bytes();
        for cut in 0..bytes.len() {
            let (split, _) = run(&[&bytes[..cut], &bytes[cut..]], key.clone()).unwrap();
            assert_eq!(split, whole, "cut at {cut}");
        }
    }

    #[test]
    fn errors_name_the_line_never_the_content() {
        let e = run(&[b"{\"a\": 1}\n{\"secret\": \"4111 1111 1111 1111\"\n"], Policy::default()).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, "line 2"));
        assert!(!e.to_string().contains("4111"), "{e}");
        let e = run(&[b"{\"a\": 1}\n\xff\n"], Policy::default()).unwrap_err();
        assert_eq!(e.path(), "line 2");
        let deep = Policy::from_json(r#"{"limits": {"maxDepth": 2}}"#).unwrap();
        let e = run(&[b"{}\n{}\n{\"a\": {\"b\": {\"c\": 1}}}\n"], deep).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::TooDeep, "line 3/a/b"));
    }

    #[test]
    fn a_long_line_is_a_limit_error_and_the_stream_stays_failed() {
        let small = Policy::from_json(r#"{"limits": {"maxInputBytes": 64}}"#).unwrap();
        let mut s = Sanitizer::new(small).unwrap();
        let mut stream = JsonlStream::new(JsonlMode::Sanitize);
        assert_eq!(stream.push(&mut s, b"{\"a\": 1}\n").unwrap(), "{\"a\":1}\n");
        let e = stream.push(&mut s, &[b' '; 100]).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InputTooLarge, "line 2"));
        assert!(stream.push(&mut s, b"{}\n").is_err());
    }

    #[test]
    fn blocked_lines_write_nothing() {
        let p = Policy::from_json(r#"{"block": [{"entity": "CARD_CVV"}]}"#).unwrap();
        let (out, summary) = run(&[b"{\"a\": 1}\n{\"cvv\": \"123\"}\n{\"b\": 2}\n"], p).unwrap();
        assert_eq!(out, "{\"a\":1}\n{\"b\":2}\n");
        assert_eq!((summary.blocked, summary.blocked_at.clone()), (1, vec![2]));
    }

    #[test]
    fn classify_mode_writes_classifications() {
        let mut s = Sanitizer::new(Policy::default()).unwrap();
        let mut stream = JsonlStream::new(JsonlMode::Classify);
        let out = stream.push(&mut s, b"{\"ssn\": \"123-45-6789\"}\n{\"n\": 1}\n").unwrap();
        let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines[0]["decision"], "transform");
        assert_eq!(lines[0]["level"], "restricted");
        assert_eq!(lines[1]["decision"], "allow");
        assert!(!out.contains("6789"));
    }
}
