//! Every input the fuzzer once failed on (`fuzz/regressions/<name>`: a workspace encoded as
//! `infragen::fuzzing::encode` writes it) now runs through the whole pipeline without a panic,
//! in bounded time: the test runs each in a thread and fails if one takes longer than a minute.

use std::sync::mpsc;
use std::time::Duration;

#[test]
fn fuzzing_findings_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz/regressions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let (done, wait) = mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(|| {
                if let Some(files) = infragen::fuzzing::decode(&bytes) {
                    infragen::fuzzing::exercise(files);
                }
            });
            let _ = done.send(outcome.is_ok());
        });
        match wait.recv_timeout(Duration::from_secs(60)) {
            Ok(true) => {}
            Ok(false) => panic!("{} panics", input.display()),
            Err(_) => panic!("{} takes longer than a minute", input.display()),
        }
    }
}
