//! Native benchmark of the core (no wasm, no JS): MB/s of `scan` and `sanitize_text` on the
//! inputs `npm run bench` generates, records/s of `sanitize_json`, and the scaling check.
//!
//! ```sh
//! node benches/gen.mjs test-output/bench/inputs        # or any `npm run bench` run
//! cargo run --release --example bench -- test-output/bench/inputs
//! cargo run --release --example bench -- test-output/bench/inputs --only=text-sanitize --once --warm
//! ```
//!
//! `--once` runs each selected workload exactly once, after one unmeasured pass with `--warm`
//! (for `valgrind --tool=callgrind --toggle-collect='*measured_pass*'`, whose instruction counts
//! are repeatable on a loaded machine); `--only=NAME` selects workloads by prefix. CPU time is read from `/proc/thread-self/schedstat` where it exists (Linux), else wall
//! time is used. MB are 10^6 UTF-8 bytes.

use sanitas::{Policy, Sanitizer};
use std::time::{Duration, Instant};

/// CPU time of this thread, if the platform tells it.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

struct Timer {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Timer {
    fn start() -> Timer {
        Timer { wall: Instant::now(), cpu: cpu_now() }
    }
    /// (cpu seconds, wall seconds); cpu is wall where CPU time is unavailable.
    fn read(&self) -> (f64, f64) {
        let wall = self.wall.elapsed().as_secs_f64();
        let cpu = match (self.cpu, cpu_now()) {
            (Some(a), Some(b)) => (b - a).as_secs_f64(),
            _ => wall,
        };
        (cpu, wall)
    }
}

struct Config {
    once: bool,
    warm: bool,
    only: Vec<String>,
    seconds: f64,
}

impl Config {
    fn wants(&self, name: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| name.starts_with(o.as_str()))
    }
}

/// One pass over `items`: what `--once` measures (a separate function for callgrind's
/// `--toggle-collect`).
#[inline(never)]
fn measured_pass<T>(items: &[T], f: &mut impl FnMut(&T) -> usize) -> usize {
    items.iter().fold(0usize, |sink, item| sink.wrapping_add(f(item)))
}

/// Runs `f` over `items` round-robin until `seconds` of CPU time (or one pass with `--once`),
/// and prints MB per CPU-second and per wall-second, and calls per CPU-second.
fn measure<T>(
    cfg: &Config,
    name: &str,
    items: &[T],
    size: impl Fn(&T) -> usize,
    mut f: impl FnMut(&T) -> usize,
) {
    if !cfg.wants(name) || items.is_empty() {
        return;
    }
    if cfg.once {
        if cfg.warm {
            std::hint::black_box(items.iter().fold(0usize, |s, item| s.wrapping_add(f(item))));
        }
        let t = Timer::start();
        std::hint::black_box(measured_pass(items, &mut f));
        report(name, items.iter().map(&size).sum(), items.len(), t.read());
        return;
    }
    // Warm-up: caches, lazy DFA states, the vault.
    let t = Timer::start();
    for item in items.iter().cycle() {
        std::hint::black_box(f(item));
        if t.read().0 > cfg.seconds / 5.0 {
            break;
        }
    }
    let t = Timer::start();
    let (mut calls, mut bytes, mut sink) = (0usize, 0usize, 0usize);
    'outer: loop {
        for item in items {
            sink = sink.wrapping_add(f(item));
            bytes += size(item);
            calls += 1;
            if calls % 16 == 0 && t.read().0 >= cfg.seconds {
                break 'outer;
            }
        }
        if t.read().0 >= cfg.seconds {
            break;
        }
    }
    std::hint::black_box(sink);
    report(name, bytes, calls, t.read());
}

fn report(name: &str, bytes: usize, calls: usize, (cpu, wall): (f64, f64)) {
    let mb = bytes as f64 / 1e6;
    println!(
        "{name:<28} {:>9.1} MB/CPU-s {:>9.1} MB/wall-s {:>10.0} calls/CPU-s {:>9.2} CPU ms/MB",
        mb / cpu,
        mb / wall,
        calls as f64 / cpu,
        cpu * 1000.0 / mb
    );
}

/// The prefix of `text` of at most `bytes` bytes, cut at a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir = String::from("test-output/bench/inputs");
    let mut cfg = Config { once: false, warm: false, only: Vec::new(), seconds: 1.0 };
    for a in std::env::args().skip(1) {
        if a == "--once" {
            cfg.once = true;
        } else if a == "--warm" {
            cfg.warm = true;
        } else if let Some(o) = a.strip_prefix("--only=") {
            cfg.only = o.split(',').map(str::to_owned).collect();
        } else if let Some(s) = a.strip_prefix("--seconds=") {
            cfg.seconds = s.parse()?;
        } else {
            dir = a;
        }
    }
    let read = |name: &str| {
        std::fs::read_to_string(format!("{dir}/{name}"))
            .map_err(|e| format!("{dir}/{name}: {e} (run `node benches/gen.mjs {dir}` first)"))
    };
    let docs: Vec<String> = serde_json::from_str(&read("docs.json")?)?;
    let records: Vec<serde_json::Value> = serde_json::from_str(&read("records.json")?)?;
    let big = read("big.txt")?;

    // Wall clock: the kernel's per-thread CPU clock only advances at scheduler ticks.
    let t = Instant::now();
    let mut s = Sanitizer::new(Policy::default())?;
    println!("Sanitizer::new: {:.2} ms", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let _second = Sanitizer::new(Policy::default())?;
    println!("Sanitizer::new (second): {:.2} ms", t.elapsed().as_secs_f64() * 1000.0);

    let len = |d: &String| d.len();
    measure(&cfg, "text-scan (docs)", &docs, len, |d| s.scan(d).map(|f| f.len()).unwrap_or(0));
    let mut s2 = Sanitizer::new(Policy::default())?;
    measure(&cfg, "text-sanitize (docs)", &docs, len, |d| {
        s2.sanitize_text(d).map(|o| o.output.len()).unwrap_or(0)
    });
    let sizes: Vec<usize> = records.iter().map(|r| r.to_string().len()).collect();
    let indexed: Vec<(usize, &serde_json::Value)> = records.iter().enumerate().collect();
    measure(
        &cfg,
        "records-sanitize",
        &indexed,
        |(i, _)| sizes[*i],
        |(_, r)| s.sanitize_json(r).map(|o| o.report.total).unwrap_or(0),
    );
    let one = [big.as_str()];
    let slen = |x: &&str| x.len();
    measure(&cfg, "big-scan (5 MB)", &one, slen, |x| s.scan(x).map(|f| f.len()).unwrap_or(0));
    measure(&cfg, "big-sanitize (5 MB)", &one, slen, |x| {
        s.sanitize_text(x).map(|o| o.output.len()).unwrap_or(0)
    });

    println!("\nscaling and pathological inputs (sanitize_text):");
    let cases: Vec<(String, String)> = vec![
        ("normal 50 KB".into(), prefix(&big, 50_000).to_owned()),
        ("normal 100 KB".into(), prefix(&big, 100_000).to_owned()),
        ("normal 500 KB".into(), prefix(&big, 500_000).to_owned()),
        ("normal 5 MB".into(), big.clone()),
        ("digits x100k".into(), "1".repeat(100_000)),
        ("1- x50k".into(), "1-".repeat(50_000)),
        ("1. x50k".into(), "1.".repeat(50_000)),
        ("a. x50k".into(), "a.".repeat(50_000)),
        ("a@ x50k".into(), "a@".repeat(50_000)),
        ("- x100k".into(), "-".repeat(100_000)),
        ("http:// + a x100k".into(), format!("http://{}", "a".repeat(100_000))),
        ("a x50k + !".into(), format!("{}!", "a".repeat(50_000))),
        ("1<sp> x50k".into(), "1 ".repeat(50_000)),
        ("+1 x50k".into(), "+1".repeat(50_000)),
        ("A1 x50k".into(), "A1".repeat(50_000)),
        ("a.b@ x25k".into(), "a.b@".repeat(25_000)),
        // Shapes that once made a recognizer walk back or search a list per candidate.
        ("Main St, Dover, NY x5k".into(), "Main St, Dover, NY ".repeat(5_000)),
        ("Dover, NY 12345 x6k".into(), "Dover, NY 12345 ".repeat(6_000)),
        ("John Smith x10k".into(), "John Smith ".repeat(10_000)),
        ("MRN: 1234567 x8k".into(), "MRN: 1234567 ".repeat(8_000)),
        ("Mar 1 x20k".into(), "Mar 1 ".repeat(20_000)),
    ];
    for (name, input) in &cases {
        let one = [input.as_str()];
        let mut fresh = Sanitizer::new(Policy::default())?;
        measure(&cfg, &format!("case {name}"), &one, slen, |x| {
            fresh.sanitize_text(x).map(|o| o.output.len()).unwrap_or(0)
        });
    }
    Ok(())
}
