//! Go types of IR values: the static type a rendered expression has (a plain Go value, an
//! output of a known type, an input interface, a resource pointer) and the SDK type names of
//! schema types (`pulumi.StringPtrInput`, `storage.BucketVersioningArgs`, ...).

use super::imports::{Group, Imports};
use crate::ir::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Int,
    Float,
    Bool,
}

impl Scalar {
    pub fn of(ty: &Type) -> Option<Scalar> {
        match ty {
            Type::String => Some(Scalar::String),
            Type::Int => Some(Scalar::Int),
            Type::Number => Some(Scalar::Float),
            Type::Bool => Some(Scalar::Bool),
            _ => None,
        }
    }

    /// The SDK's name part: `String`, `Int`, `Float64`, `Bool`.
    pub fn sdk(self) -> &'static str {
        match self {
            Scalar::String => "String",
            Scalar::Int => "Int",
            Scalar::Float => "Float64",
            Scalar::Bool => "Bool",
        }
    }

    /// The plain Go type.
    pub fn go(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Int => "int",
            Scalar::Float => "float64",
            Scalar::Bool => "bool",
        }
    }

    /// The fmt verb that prints the value as the plan shows it inside a string.
    pub fn verb(self) -> &'static str {
        match self {
            Scalar::String => "%s",
            Scalar::Int => "%d",
            Scalar::Float => "%v",
            Scalar::Bool => "%t",
        }
    }
}

/// The static type of a rendered Go expression.
#[derive(Debug, Clone, PartialEq)]
pub enum GoTy {
    /// A plain Go value known when the program runs (`string`, `int`, ...).
    Plain(Scalar),
    /// A plain Go slice or map of scalars (list and map config values).
    PlainList(Scalar),
    PlainMap(Scalar),
    /// An output; `scalar` is set for `pulumi.<S>Output` / `pulumi.<S>PtrOutput` / `IDOutput`.
    Output {
        name: String,
        scalar: Option<Scalar>,
        ptr: bool,
    },
    /// A value of an input interface type (`pulumi.StringInput`): a component parameter.
    InputIface {
        name: String,
        scalar: Option<Scalar>,
    },
    /// A value built for the slot it was rendered for (composite literals, assets).
    Input,
    /// A pointer to a resource of the given type token.
    Resource(String),
}

impl GoTy {
    pub fn output_of(ty: &Type, required: bool, imports: &mut Imports) -> Result<GoTy, String> {
        Ok(GoTy::Output {
            name: output_name(ty, required, imports)?,
            scalar: Scalar::of(ty),
            ptr: !required && is_ptr_able(ty),
        })
    }

    pub fn scalar(&self) -> Option<Scalar> {
        match self {
            GoTy::Plain(s) => Some(*s),
            GoTy::Output { scalar, .. } | GoTy::InputIface { scalar, .. } => *scalar,
            _ => None,
        }
    }
}

/// Scalars and objects have pointer variants in the Go SDKs; arrays and maps do not.
fn is_ptr_able(ty: &Type) -> bool {
    matches!(
        ty,
        Type::String | Type::Int | Type::Number | Type::Bool | Type::Object(_)
    )
}

pub const PULUMI: &str = "github.com/pulumi/pulumi/sdk/v3/go/pulumi";

pub fn pulumi(imports: &mut Imports) -> String {
    imports.add(PULUMI, Group::External, "pulumi")
}

/// Qualifies the Go name of an object type token (`storage.BucketVersioning`), importing its
/// package.
pub fn object_name(token: &str, imports: &mut Imports) -> Result<String, String> {
    let sym = imports.symbol(token)?;
    let alias = provider_alias(token, &sym.package);
    let q = imports.add(&sym.import_path, Group::External, &alias);
    Ok(format!("{q}.{}", sym.name))
}

/// The alias a provider package gets when its name is taken: `gcpstorage`.
pub fn provider_alias(token: &str, package: &str) -> String {
    let provider = token.split(':').next().unwrap_or_default();
    if provider == package {
        package.to_string()
    } else {
        format!("{provider}{package}")
    }
}

/// Element-type part of the SDK's collection names: `String` for `pulumi.StringArray`,
/// `storage.BucketCors` for `storage.BucketCorsArray`.
fn element(ty: &Type, imports: &mut Imports) -> Result<(String, bool), String> {
    // (qualified prefix, is a pulumi builtin)
    Ok(match ty {
        Type::Object(t) => (object_name(t, imports)?, false),
        Type::Any => (String::new(), true),
        Type::List(inner) => {
            let (name, builtin) = element(inner, imports)?;
            (format!("{name}Array"), builtin)
        }
        Type::Map(inner) => {
            let (name, builtin) = element(inner, imports)?;
            (format!("{name}Map"), builtin)
        }
        other => match Scalar::of(other) {
            Some(s) => (s.sdk().to_string(), true),
            None => {
                return Err(format!(
                    "the Go backend cannot express a collection of {other}"
                ));
            }
        },
    })
}

fn qualify(prefix: (String, bool), suffix: &str, imports: &mut Imports) -> String {
    let (name, builtin) = prefix;
    if builtin {
        let p = pulumi(imports);
        format!("{p}.{name}{suffix}")
    } else {
        format!("{name}{suffix}")
    }
}

/// The output type of a property: `pulumi.StringPtrOutput`, `storage.BucketCorsArrayOutput`.
pub fn output_name(ty: &Type, required: bool, imports: &mut Imports) -> Result<String, String> {
    let ptr = if required { "" } else { "Ptr" };
    Ok(match ty {
        Type::Asset => format!("{}.AssetOrArchiveOutput", pulumi(imports)),
        Type::Archive => format!("{}.ArchiveOutput", pulumi(imports)),
        Type::Any => format!("{}.AnyOutput", pulumi(imports)),
        Type::Resource(t) => return Err(format!("a resource `{t}` is not an output")),
        Type::Object(t) => format!("{}{ptr}Output", object_name(t, imports)?),
        Type::List(_) | Type::Map(_) => {
            let e = element(ty, imports)?;
            qualify(e, "Output", imports)
        }
        other => {
            let s = Scalar::of(other).expect("scalar");
            format!("{}.{}{ptr}Output", pulumi(imports), s.sdk())
        }
    })
}

/// The input interface of a property: `pulumi.StringInput`, `storage.BucketVersioningPtrInput`.
pub fn input_name(ty: &Type, required: bool, imports: &mut Imports) -> Result<String, String> {
    let ptr = if required { "" } else { "Ptr" };
    Ok(match ty {
        Type::Asset => format!("{}.AssetOrArchiveInput", pulumi(imports)),
        Type::Archive => format!("{}.ArchiveInput", pulumi(imports)),
        Type::Any => format!("{}.Input", pulumi(imports)),
        Type::Resource(t) => resource_pointer(t, imports)?,
        Type::Object(t) => format!("{}{ptr}Input", object_name(t, imports)?),
        Type::List(_) | Type::Map(_) => {
            let e = element(ty, imports)?;
            qualify(e, "Input", imports)
        }
        other => {
            let s = Scalar::of(other).expect("scalar");
            format!("{}.{}{ptr}Input", pulumi(imports), s.sdk())
        }
    })
}

/// The type of a composite literal for a property: `pulumi.StringArray`, `pulumi.StringMap`,
/// `storage.BucketLifecycleRuleArray`, or `storage.BucketVersioningArgs` for an object.
pub fn literal_name(ty: &Type, imports: &mut Imports) -> Result<String, String> {
    Ok(match ty {
        Type::Object(t) => format!("{}Args", object_name(t, imports)?),
        Type::Any => format!("{}.Map", pulumi(imports)),
        Type::List(_) | Type::Map(_) => {
            let e = element(ty, imports)?;
            qualify(e, "", imports)
        }
        other => return Err(format!("no Go composite literal for {other}")),
    })
}

/// `*storage.Bucket` for a resource token.
pub fn resource_pointer(token: &str, imports: &mut Imports) -> Result<String, String> {
    Ok(format!("*{}", resource_name(token, imports)?))
}

/// `storage.Bucket` for a resource token (the constructor is `storage.NewBucket`).
pub fn resource_name(token: &str, imports: &mut Imports) -> Result<String, String> {
    let sym = imports.symbol(token)?;
    let alias = provider_alias(token, &sym.package);
    let q = imports.add(&sym.import_path, Group::External, &alias);
    Ok(format!("{q}.{}", sym.name))
}
