//! The whole pipeline on one workspace: parse, check, plan every environment and generate every
//! language. Inputs are workspaces encoded by `infragen::fuzzing::encode`; the seed corpus holds
//! the shipped examples and test fixtures (`seed-corpus`); the mutator is in `mutator.rs`.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

include!("mutator.rs");

fuzz_target!(|data: &[u8]| {
    if let Some(files) = infragen::fuzzing::decode(data) {
        infragen::fuzzing::exercise(files);
    }
});
