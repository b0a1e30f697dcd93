//! The types of expressions, for checking only.

use crate::schema::{FieldTy, Record};

/// The type of an expression, for checking only.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ty {
    Bool,
    Num,
    Text,
    Date,
    Dur,
    Enum(&'static [&'static str]),
    List(Box<Ty>),
    Rec(&'static Record),
    /// The element type of `[]`.
    Empty,
    /// After an error: compatible with everything, so one mistake is reported once.
    Error,
}

impl Ty {
    pub(super) fn from_field(f: FieldTy) -> Ty {
        match f {
            FieldTy::Bool => Ty::Bool,
            FieldTy::Num => Ty::Num,
            FieldTy::Text => Ty::Text,
            FieldTy::Date => Ty::Date,
            FieldTy::Enum(v) => Ty::Enum(v),
            FieldTy::List(inner) => Ty::List(Box::new(Ty::from_field(*inner))),
            FieldTy::Record(r) => Ty::Rec(r),
        }
    }

    pub(super) fn name(&self) -> String {
        match self {
            Ty::Bool => "ett sanningsvärde".into(),
            Ty::Num => "ett tal".into(),
            Ty::Text => "en text".into(),
            Ty::Date => "ett datum".into(),
            Ty::Dur => "en tidsrymd".into(),
            Ty::Enum(_) => "ett av ett antal bestämda värden".into(),
            Ty::List(inner) => format!("en lista ({})", inner.name()),
            Ty::Rec(r) => format!("en post (`{}`)", r.name),
            Ty::Empty => "en tom lista".into(),
            Ty::Error => "okänd typ".into(),
        }
    }

    pub(super) fn is_texty(&self) -> bool {
        matches!(self, Ty::Text | Ty::Enum(_))
    }

    /// Can values of these two types be compared for equality?
    pub(super) fn comparable(&self, other: &Ty) -> bool {
        match (self, other) {
            (Ty::Error, _) | (_, Ty::Error) | (Ty::Empty, _) | (_, Ty::Empty) => true,
            (a, b) if a.is_texty() && b.is_texty() => true,
            (Ty::List(a), Ty::List(b)) => a.comparable(b),
            (a, b) => a == b,
        }
    }
}
