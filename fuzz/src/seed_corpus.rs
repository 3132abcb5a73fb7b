//! Writes the seed corpus of the `workspace` fuzz target: every shipped example and every test
//! fixture workspace, encoded as the target reads them. Usage: `seed-corpus DIR`.

use std::path::Path;

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: seed-corpus DIR");
        std::process::exit(2);
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::create_dir_all(&out).expect("create the corpus directory");
    let mut count = 0;
    for group in ["examples", "tests/fixtures"] {
        let mut dirs: Vec<_> = std::fs::read_dir(root.join(group))
            .expect("read the examples")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for dir in dirs {
            let Ok(files) = infragen::check::collect_dir(&dir) else {
                continue;
            };
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let path = Path::new(&out).join(format!("{}-{name}", group.replace('/', "-")));
            std::fs::write(path, infragen::fuzzing::encode(&files)).expect("write a seed");
            count += 1;
        }
    }
    eprintln!("wrote {count} seeds to {out}");
}
