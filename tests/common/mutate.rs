//! Seeded mutations of workspaces, shared by the no-panic and the builds-everywhere tests.
#![allow(dead_code)]

/// xorshift64*: small, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
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

pub fn mutate(text: &str, rng: &mut Rng) -> String {
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
