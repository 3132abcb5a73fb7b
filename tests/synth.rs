//! The benchmarks' synthetic workspaces are real programs: they check clean, plan and build in
//! every language, so what the benchmark times is the work a user's workspace costs.

use infragen::backend::generate_workspace;
use infragen::ir::Language;
use infragen::ir::plan::{Evaluator, plan_tree};
use infragen::synth;

fn write(dir: &std::path::Path, resources: usize) {
    for file in synth::workspace(resources) {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.text).unwrap();
    }
}

#[test]
fn synthetic_workspaces_check_clean_and_build_everywhere() {
    for resources in [2, 250] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), resources);
        let checked = infragen::check::check_dir(dir.path()).unwrap();
        let mut rendered = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        infragen::diag::render_human(&checked.sources, &checked.diagnostics, &mut rendered)
            .unwrap();
        assert!(
            checked.diagnostics.is_empty(),
            "{resources} resources:\n{}",
            String::from_utf8_lossy(&rendered.into_inner())
        );
        let app = checked
            .workspace
            .projects
            .iter()
            .find(|p| p.name == "app")
            .expect("the app project");
        let plan = Evaluator::new(app, "dev").unwrap().plan();
        let custom = plan["resources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["custom"] == true && r["type"] != "pulumi:pulumi:StackReference")
            .count();
        assert_eq!(custom, resources.max(2), "resources in the dev plan");
        assert!(!plan_tree(&checked.workspace).is_empty());
        for lang in Language::ALL {
            generate_workspace(&checked.workspace, Some(lang))
                .unwrap_or_else(|e| panic!("{} backend, {resources} resources: {e}", lang.name()));
        }
    }
}
