//! No input makes infragen panic: the shipped examples are mutated thousands of times
//! (deletions, duplications, token swaps, truncations, insertions) and every run must end in
//! success or diagnostics. The generator is seeded, so a failure is reproducible.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use infragen::check::{check_files, collect_dir};
use infragen::ir::plan::Evaluator;

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const SNIPPETS: [&str; 16] = [
    "{",
    "}",
    "\"",
    "${",
    "->",
    "=",
    "env {",
    "resource",
    "bind X ->",
    "[",
    "]",
    "(",
    ")",
    "///",
    ".",
    "\n",
];

/// Splits text into tokens (words, punctuation runs, whitespace) at char boundaries.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<u8> = None;
    for (i, c) in text.char_indices() {
        let class = if c.is_alphanumeric() || c == '_' {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        };
        if prev.is_some_and(|p| p != class || class == 2) && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        prev = Some(class);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut toks: Vec<String> = tokens(text).into_iter().map(str::to_string).collect();
    if toks.is_empty() {
        return SNIPPETS[rng.below(SNIPPETS.len())].to_string();
    }
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let n = toks.len().max(1);
        match rng.below(6) {
            0 => {
                let at = rng.below(n);
                let len = 1 + rng.below(8);
                toks.drain(at..(at + len).min(toks.len()));
            }
            1 => {
                let at = rng.below(n);
                let len = 1 + rng.below(20);
                let copy: Vec<String> = toks[at..(at + len).min(toks.len())].to_vec();
                let to = rng.below(toks.len() + 1);
                for (k, t) in copy.into_iter().enumerate() {
                    toks.insert(to + k, t);
                }
            }
            2 => {
                let (a, b) = (rng.below(n), rng.below(n));
                if a < toks.len() && b < toks.len() {
                    toks.swap(a, b);
                }
            }
            3 => {
                let at = rng.below(n);
                toks.truncate(at);
            }
            4 => {
                let at = rng.below(toks.len() + 1);
                toks.insert(at, SNIPPETS[rng.below(SNIPPETS.len())].to_string());
            }
            _ => {
                let at = rng.below(n);
                if at < toks.len() {
                    let other = toks[rng.below(toks.len())].clone();
                    toks[at] = other;
                }
            }
        }
        if toks.is_empty() {
            break;
        }
    }
    toks.concat()
}

fn run(files: Vec<(String, String)>) {
    let no_files = |_: &str| -> Result<String, String> { Err("not available".into()) };
    let checked = check_files(files, &no_files);
    let _ = infragen::diag::render_json(&checked.sources, &checked.diagnostics);
    if !checked.has_errors() {
        for project in &checked.workspace.projects {
            for env in &project.envs {
                if let Some(eval) = Evaluator::new(project, &env.name) {
                    let _ = eval.plan();
                }
            }
        }
    }
}

#[test]
fn mutated_examples_never_panic() {
    let iterations: usize = std::env::var("INFRAGEN_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut examples = Vec::new();
    for name in common::EXAMPLES {
        let dir = common::root().join("examples").join(name);
        if dir.exists() {
            examples.push((name, collect_dir(&dir).unwrap()));
        }
    }
    assert!(!examples.is_empty());
    let mut runs = 0;
    for (name, files) in &examples {
        for i in 0..iterations {
            let mut files = files.clone();
            let which = rng.below(files.len());
            files[which].1 = mutate(&files[which].1, &mut rng);
            let input = files.clone();
            if catch_unwind(AssertUnwindSafe(|| run(files))).is_err() {
                panic!(
                    "panic on mutation {i} of example `{name}`, file {}:\n{}",
                    input[which].0, input[which].1
                );
            }
            runs += 1;
        }
    }
    eprintln!("{runs} mutated workspaces checked without a panic");
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..500 {
        let len = rng.below(200);
        let text: String = (0..len)
            .map(|_| {
                let c = rng.below(96) as u8 + 32;
                if c == 127 { '\n' } else { c as char }
            })
            .collect();
        let input = text.clone();
        let files = vec![(
            "project.infra".to_string(),
            format!("project p {{ providers {{ gcp = \"9.37.0\" }} }}\n{text}"),
        )];
        assert!(
            catch_unwind(|| run(files)).is_ok(),
            "panic on input:\n{input}"
        );
    }
}
