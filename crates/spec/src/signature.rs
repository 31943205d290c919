//! Typed function signatures of `kind = "function"` problems.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A parameter or return type. Written in `problem.toml` as `int`, `long`,
/// `double`, `bool`, `char`, `string`, `ListNode`, `TreeNode`, or any of these
/// followed by `[]` (nestable: `int[][]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    Int,
    Long,
    Double,
    Bool,
    Char,
    String,
    ListNode,
    TreeNode,
    Array(Box<Type>),
}

impl Type {
    pub const SCALARS: &'static [&'static str] =
        &["int", "long", "double", "bool", "char", "string", "ListNode", "TreeNode"];
}

impl FromStr for Type {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(inner) = s.strip_suffix("[]") {
            return Ok(Type::Array(Box::new(inner.parse()?)));
        }
        Ok(match s {
            "int" => Type::Int,
            "long" => Type::Long,
            "double" => Type::Double,
            "bool" => Type::Bool,
            "char" => Type::Char,
            "string" => Type::String,
            "ListNode" => Type::ListNode,
            "TreeNode" => Type::TreeNode,
            _ => {
                return Err(format!(
                    "unknown type `{s}`: expected one of {}, or an array of them such as `int[]` or `string[][]`",
                    Type::SCALARS.join(", ")
                ))
            }
        })
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Int => f.write_str("int"),
            Type::Long => f.write_str("long"),
            Type::Double => f.write_str("double"),
            Type::Bool => f.write_str("bool"),
            Type::Char => f.write_str("char"),
            Type::String => f.write_str("string"),
            Type::ListNode => f.write_str("ListNode"),
            Type::TreeNode => f.write_str("TreeNode"),
            Type::Array(inner) => write!(f, "{inner}[]"),
        }
    }
}

impl Serialize for Type {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Type {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Param {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: Type,
}

/// `[signature]` of a function problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Function (method) name, as the user writes it: `mergeTwoLists`.
    pub function: String,
    pub params: Vec<Param>,
    pub returns: Type,
    /// Class wrapping the method where the language has one (`Solution`).
    #[serde(default = "default_class")]
    pub class: String,
}

fn default_class() -> String {
    "Solution".to_string()
}

impl Signature {
    /// Problems with the signature itself (names that are not identifiers,
    /// duplicate parameters); types were checked while parsing.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !is_identifier(&self.function) {
            problems.push(format!("function name `{}` is not an identifier", self.function));
        }
        if !is_identifier(&self.class) {
            problems.push(format!("class name `{}` is not an identifier", self.class));
        }
        let mut seen = std::collections::HashSet::new();
        for param in &self.params {
            if !is_identifier(&param.name) {
                problems.push(format!("parameter name `{}` is not an identifier", param.name));
            }
            if !seen.insert(param.name.as_str()) {
                problems.push(format!("parameter `{}` appears twice", param.name));
            }
        }
        problems
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_round_trip() {
        for text in [
            "int",
            "long",
            "double",
            "bool",
            "char",
            "string",
            "ListNode",
            "TreeNode",
            "int[]",
            "string[][]",
            "TreeNode[]",
        ] {
            let ty: Type = text.parse().expect(text);
            assert_eq!(ty.to_string(), text);
        }
    }

    #[test]
    fn unknown_types_are_rejected() {
        for text in ["integer", "int[", "[]", "vector<int>", ""] {
            let err = text.parse::<Type>().expect_err(text);
            assert!(err.contains("unknown type"), "{err}");
        }
    }
}
