//! Parsing and checking of one workspace, diagnostics rendered as text and as JSON: the cheap
//! part of the pipeline, so it runs many more inputs than `pipeline`. Inputs are workspaces
//! encoded by `infragen::fuzzing::encode`; the mutator is in `mutator.rs`.
#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

include!("mutator.rs");

fuzz_target!(|data: &[u8]| {
    if let Some(files) = infragen::fuzzing::decode(data) {
        let _ = infragen::fuzzing::check(files);
    }
});
