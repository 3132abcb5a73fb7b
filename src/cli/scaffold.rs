//! `infragen new` and `infragen add`

use std::path::Path;

use heck::ToSnakeCase;

use super::AddCommand;
use crate::ir::Language;
use crate::scaffold::{append, create, module_file, project_file, resource_block};

fn report(result: Result<String, String>) -> u8 {
    match result {
        Ok(msg) => {
            eprintln!("{msg}");
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

pub fn new(path: &Path, name: Option<String>, lang: Language, providers: &[String]) -> u8 {
    report((|| {
        let name = name
            .or_else(|| {
                path.file_name()
                    .map(|n| n.to_string_lossy().to_snake_case())
            })
            .ok_or("give the project a name with --name")?;
        let text = project_file(&name, lang, providers)?;
        let file = create(&path.join("project.infra"), &text)?;
        Ok(format!(
            "created {}\nnext: `infragen add resource <kind> <name> --module <module> --project {}`",
            file.display(),
            path.display()
        ))
    })())
}

pub fn add(cmd: AddCommand) -> u8 {
    report((|| match cmd {
        AddCommand::Module { name, project } => {
            let file = create(&project.join(format!("{name}.infra")), &module_file(&name))?;
            Ok(format!("created {}", file.display()))
        }
        AddCommand::Resource {
            kind,
            name,
            module,
            project,
        } => {
            let block = resource_block(&kind, &name)?;
            let file = project.join(format!("{module}.infra"));
            if file.exists() {
                append(&file, &block)?;
            } else {
                create(&file, &format!("{}\n{block}", module_file(&module)))?;
            }
            Ok(format!(
                "added `{}` to {}; fill in its values and run `infragen check {}`",
                name.to_snake_case(),
                file.display(),
                project.display()
            ))
        }
    })())
}
