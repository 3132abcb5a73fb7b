//! What is the same in every language, written once: the generated-file header, Pulumi.yaml
//! and the stack files (`Pulumi.<env>.yaml`, one YAML writer). Backends call these and add
//! only what differs: the runtime block of Pulumi.yaml and the comment syntax of the header.

mod header;
mod pulumi_yaml;
mod readme;
mod stack_file;
mod workspace_justfile;
pub mod yaml;

pub use header::header;
pub use pulumi_yaml::pulumi_yaml;
pub use readme::{Tooling, project_readme, stack_name};
pub use stack_file::stack_files;
pub use workspace_justfile::workspace_justfile;
