//! Component parameters as Go types: a resource pointer for resources, a plain Go value when
//! every instance passes one known when the program starts, an input interface otherwise. An
//! `any` parameter takes the type of the input it is given to.

use super::imports::Imports;
use super::names::{Scope, exported};
use super::types::{GoTy, Scalar, input_name};
use crate::ir::{Project, Type, Value, ValueKind};

#[derive(Debug, Clone)]
pub struct ParamLayout {
    pub name: String,
    pub field: String,
    pub ty: GoTy,
    /// The schema type arguments are rendered as (an `any` parameter takes the type of the
    /// input it is given to).
    pub slot_ty: Type,
}

/// The Go type of each component parameter: a resource pointer for resources, a plain Go
/// value when every instance passes one known when the program starts, an input interface
/// otherwise. An `any` parameter takes the type of the input it is given to.
pub fn params(
    project: &Project,
    ci: usize,
    imports: &mut Imports,
) -> Result<Vec<ParamLayout>, String> {
    let c = &project.components[ci];
    let instances: Vec<_> = project
        .instances
        .iter()
        .filter(|i| i.component == ci)
        .collect();
    let mut scope = Scope::default();
    let mut out = Vec::new();
    for p in &c.params {
        let field = scope.claim(&exported(&p.name));
        let args: Vec<&Value> = instances
            .iter()
            .filter_map(|i| i.args.iter().find(|(n, _)| *n == p.name).map(|(_, v)| v))
            .collect();
        let mut slot_ty = p.ty.clone();
        let ty = match &p.ty {
            Type::Resource(token) => GoTy::Resource(token.clone()),
            other => {
                let used_as = if *other == Type::Any {
                    p.resolved_ty.clone()
                } else {
                    other.clone()
                };
                slot_ty = used_as.clone();
                let scalar = Scalar::of(&used_as);
                let plain = scalar.is_some() && args.iter().all(|v| plain_value(project, v));
                match (scalar, plain) {
                    (Some(s), true) => GoTy::Plain(s),
                    _ => GoTy::InputIface {
                        name: input_name(&used_as, true, imports)?,
                        scalar,
                    },
                }
            }
        };
        out.push(ParamLayout {
            name: p.name.clone(),
            field,
            ty,
            slot_ty,
        });
    }
    Ok(out)
}

/// A value known when the program starts: literals, non-secret config, the environment.
pub fn plain_value(project: &Project, v: &Value) -> bool {
    let mut plain = true;
    v.walk(&mut |x| match &x.kind {
        ValueKind::Config(key) if project.config.iter().any(|c| c.name == *key && c.secret) => {
            plain = false
        }
        ValueKind::List(_)
        | ValueKind::Object(_)
        | ValueKind::Output { .. }
        | ValueKind::Resource(_)
        | ValueKind::StackOutput { .. }
        | ValueKind::Param(_)
        | ValueKind::FileAsset(_)
        | ValueKind::FileArchive(_)
        | ValueKind::AssetArchive(_)
        | ValueKind::InstanceOutput { .. } => plain = false,
        _ => {}
    });
    plain
}
