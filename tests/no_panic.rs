//! No input makes infragen panic: the shipped examples are mutated thousands of times
//! (deletions, duplications, token swaps, truncations, insertions) and every run must end in
//! success or diagnostics. The generator is seeded, so a failure is reproducible.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use common::mutate::{Rng, mutate};
use infragen::check::{check_files, collect_dir};
use infragen::ir::plan::Evaluator;

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

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    for open in ["[", "{ a = ", "(", "\"${", "x[0]", "x[0].y"] {
        let value = match open {
            // Indexes chained after a value nest it as deeply as brackets.
            "x[0]" => format!("x{}", "[0]".repeat(100_000)),
            "x[0].y" => format!("x{}", "[0].y".repeat(100_000)),
            _ => open.repeat(100_000),
        };
        let text = format!(
            "project p {{ providers {{ cloudflare = \"6.18.0\" }} }}\nresource cloudflare.Queue q {{ account_id = {value} }}\n",
        );
        let no_files = |_: &str| -> Result<String, String> { Err("not available".into()) };
        let checked = check_files(vec![("project.infra".into(), text)], &no_files);
        assert!(
            checked.diagnostics.iter().any(|d| d.code == "E0002"),
            "100,000 nested `{open}` must give E0002"
        );
    }
}
