//! The guard's limits kept while the model itself is read, so that a good file is
//! parsed once.
//!
//! [`Budgeted`] wraps any serde [`Deserializer`] and passes every call and every value
//! through unchanged, counting on the way what the guard pass (`de::guard`) counts:
//! one node per value as expanded (aliases included) and the bytes of every scalar
//! text, and the nesting depth of lists, mappings and tagged values. It stops, with an
//! error, where the guard would stop or earlier: the root must be a mapping, nesting
//! may not pass [`MAX_DEPTH`](super::de::MAX_DEPTH), and the counts may not pass the
//! same budget. It counts at least what the guard counts for the same document (a
//! value read as an enum counts twice, once for the enum and once for its name), so a
//! file it lets through is one the guard lets through too.
//!
//! Its errors are not meant to be shown: `read.rs` reads a file that fails here again
//! the careful way (guard pass, then the model with the path recorded), which gives
//! the error exactly as before. Only the happy path is single-pass.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::de::{Budget, MAX_DEPTH};

/// A deserializer whose values are counted against `budget`. `depth` is the nesting
/// of the value it stands for (0 for the root).
pub(super) struct Budgeted<'b, D> {
    pub(super) de: D,
    pub(super) budget: &'b Budget,
    pub(super) depth: usize,
}

/// Reads `T` from `d` in one pass within the guard's limits for a text of `text_len`
/// bytes. Any error, a limit's or the parser's or the model's, means: read it again
/// the careful way for the message.
pub(super) fn read<'de, T, D>(d: D, text_len: usize) -> Result<T, D::Error>
where
    T: de::Deserialize<'de>,
    D: Deserializer<'de>,
{
    let budget = Budget::for_text(text_len);
    T::deserialize(Budgeted {
        de: d,
        budget: &budget,
        depth: 0,
    })
}

fn stop<E: de::Error>() -> E {
    E::custom("budget")
}

/// One value read: a node, `bytes` of scalar text.
fn count<E: de::Error>(budget: &Budget, bytes: usize) -> Result<(), E> {
    if budget.take(bytes) {
        Ok(())
    } else {
        Err(stop())
    }
}

/// A scalar: the root may not be one.
fn scalar<E: de::Error>(budget: &Budget, depth: usize, bytes: usize) -> Result<(), E> {
    if depth == 0 {
        return Err(stop());
    }
    count(budget, bytes)
}

/// A list, mapping or tagged value at `depth`: the depth its contents are at.
fn nested<E: de::Error>(budget: &Budget, depth: usize) -> Result<usize, E> {
    count(budget, 0)?;
    if depth >= MAX_DEPTH {
        return Err(stop());
    }
    Ok(depth + 1)
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                self.de.$method($($arg,)* Counted { visitor, budget: self.budget, depth: self.depth })
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Budgeted<'_, D> {
    type Error = D::Error;

    forward! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
    }

    /// A value nobody reads is still walked and counted, as the guard walks it:
    /// skipping would leave an alias bomb under an ignored key uncounted.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.de.deserialize_any(Counted {
            visitor,
            budget: self.budget,
            depth: self.depth,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// A visitor whose values are counted before they are handed on.
struct Counted<'b, V> {
    visitor: V,
    budget: &'b Budget,
    depth: usize,
}

macro_rules! scalars {
    ($($method:ident($ty:ty) $bytes:expr;)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                #[allow(clippy::redundant_closure_call)]
                scalar(self.budget, self.depth, ($bytes)(&v))?;
                self.visitor.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Counted<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    scalars! {
        visit_bool(bool) |_: &bool| 0;
        visit_i8(i8) |_: &i8| 0;
        visit_i16(i16) |_: &i16| 0;
        visit_i32(i32) |_: &i32| 0;
        visit_i64(i64) |_: &i64| 0;
        visit_i128(i128) |_: &i128| 0;
        visit_u8(u8) |_: &u8| 0;
        visit_u16(u16) |_: &u16| 0;
        visit_u32(u32) |_: &u32| 0;
        visit_u64(u64) |_: &u64| 0;
        visit_u128(u128) |_: &u128| 0;
        visit_f32(f32) |_: &f32| 0;
        visit_f64(f64) |_: &f64| 0;
        visit_char(char) |c: &char| c.len_utf8();
        visit_str(&str) |v: &&str| v.len();
        visit_borrowed_str(&'de str) |v: &&str| v.len();
        visit_string(String) |v: &String| v.len();
        visit_bytes(&[u8]) |v: &&[u8]| v.len();
        visit_borrowed_bytes(&'de [u8]) |v: &&[u8]| v.len();
        visit_byte_buf(Vec<u8>) |v: &Vec<u8>| v.len();
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        scalar(self.budget, self.depth, 0)?;
        self.visitor.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        scalar(self.budget, self.depth, 0)?;
        self.visitor.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.visitor.visit_some(Budgeted {
            de: d,
            budget: self.budget,
            depth: self.depth,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.visitor.visit_newtype_struct(Budgeted {
            de: d,
            budget: self.budget,
            depth: self.depth,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        if self.depth == 0 {
            return Err(stop());
        }
        let depth = nested(self.budget, self.depth)?;
        self.visitor.visit_seq(Access {
            inner: seq,
            budget: self.budget,
            depth,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let depth = nested(self.budget, self.depth)?;
        self.visitor.visit_map(Access {
            inner: map,
            budget: self.budget,
            depth,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        if self.depth == 0 {
            return Err(stop());
        }
        let depth = nested(self.budget, self.depth)?;
        self.visitor.visit_enum(Access {
            inner: data,
            budget: self.budget,
            depth,
        })
    }
}

/// A list, mapping, tagged value or its variant, whose items are counted one level
/// deeper than it.
struct Access<'b, A> {
    inner: A,
    budget: &'b Budget,
    depth: usize,
}

impl<'b, A> Access<'b, A> {
    fn seed<S>(&self, seed: S) -> Seed<'b, S> {
        Seed {
            seed,
            budget: self.budget,
            depth: self.depth,
        }
    }
}

/// A seed whose value is read through [`Budgeted`].
struct Seed<'b, S> {
    seed: S,
    budget: &'b Budget,
    depth: usize,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Budgeted {
            de: d,
            budget: self.budget,
            depth: self.depth,
        })
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Access<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_element_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Access<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 'b, A: EnumAccess<'de>> EnumAccess<'de> for Access<'b, A> {
    type Error = A::Error;
    type Variant = Access<'b, A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let seed = self.seed(seed);
        let (value, variant) = self.inner.variant_seed(seed)?;
        Ok((
            value,
            Access {
                inner: variant,
                budget: self.budget,
                depth: self.depth,
            },
        ))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Access<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        let seed = self.seed(seed);
        self.inner.newtype_variant_seed(seed)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.inner.tuple_variant(
            len,
            Counted {
                visitor,
                budget: self.budget,
                depth: self.depth,
            },
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.struct_variant(
            fields,
            Counted {
                visitor,
                budget: self.budget,
                depth: self.depth,
            },
        )
    }
}
