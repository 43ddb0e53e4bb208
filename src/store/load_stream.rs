//! Streaming the graph file: typed serde visitors that hand each node and relationship to a sink as it is read.
//!
//! No `serde_json::Value` tree is built: a 700 MB file is read record by record, each record
//! typed, and dropped once the sink has stored it.

use super::Source;
use crate::model::Value;
use crate::temporal::{Kind, Temporal};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A property value as read: a storable value, or what it was instead.
#[derive(Debug)]
pub(super) enum Prop {
    Ok(Value),
    Bad(&'static str),
}

struct PropVisitor {
    nested: bool,
}

impl<'de> Visitor<'de> for PropVisitor {
    type Value = Prop;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a property value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Prop, E> {
        Ok(Prop::Ok(Value::Bool(b)))
    }
    fn visit_i64<E>(self, i: i64) -> Result<Prop, E> {
        Ok(Prop::Ok(Value::Int(i)))
    }
    fn visit_u64<E>(self, u: u64) -> Result<Prop, E> {
        Ok(match i64::try_from(u) {
            Ok(i) => Prop::Ok(Value::Int(i)),
            Err(_) => Prop::Bad("an integer beyond 64 bits"),
        })
    }
    fn visit_f64<E>(self, f: f64) -> Result<Prop, E> {
        Ok(Prop::Ok(Value::Float(f)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Prop, E> {
        Ok(Prop::Ok(Value::String(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Prop, E> {
        Ok(Prop::Ok(Value::String(s)))
    }
    fn visit_unit<E>(self) -> Result<Prop, E> {
        Ok(Prop::Bad("null"))
    }
    fn visit_none<E>(self) -> Result<Prop, E> {
        Ok(Prop::Bad("null"))
    }
    /// Only a one-key temporal object, `{"$date": "2021-11-29"}` (key `$` and a kind's name).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Prop, A::Error> {
        let mut out = Prop::Bad("an object");
        if let Some(key) = map.next_key::<String>()? {
            let kind = key.strip_prefix('$').and_then(Kind::from_name);
            match kind {
                Some(kind) => {
                    let text = map.next_value::<String>()?;
                    out = match Temporal::parse(kind, &text) {
                        Ok(t) => Prop::Ok(Value::Temporal(t)),
                        Err(_) => Prop::Bad("a temporal object whose string is not of its type"),
                    };
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            if map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                out = Prop::Bad("an object");
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            }
        }
        Ok(out)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Prop, A::Error> {
        if self.nested {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Prop::Bad("a nested list"));
        }
        let mut items = Vec::new();
        let mut bad = None;
        while let Some(p) = seq.next_element_seed(PropSeed { nested: true })? {
            match p {
                Prop::Ok(v) => items.push(v),
                Prop::Bad(w) => bad = bad.or(Some(w)),
            }
        }
        Ok(bad.map_or(Prop::Ok(Value::List(items)), Prop::Bad))
    }
}

struct PropSeed {
    nested: bool,
}

impl<'de> DeserializeSeed<'de> for PropSeed {
    type Value = Prop;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Prop, D::Error> {
        d.deserialize_any(PropVisitor {
            nested: self.nested,
        })
    }
}

impl<'de> Deserialize<'de> for Prop {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Prop, D::Error> {
        PropSeed { nested: false }.deserialize(d)
    }
}

/// A record's `properties`: the storable ones, and the keys of those that are not with
/// what they were instead (in key order).
#[derive(Debug, Default)]
pub(super) struct FileProps {
    pub(super) ok: crate::model::Properties,
    pub(super) bad: Vec<(String, &'static str)>,
}

impl<'de> Deserialize<'de> for FileProps {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FileProps;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileProps, A::Error> {
                let mut out = FileProps::default();
                while let Some(k) = map.next_key::<String>()? {
                    // A key given twice keeps its last value, as a map would.
                    match map.next_value_seed(PropSeed { nested: false })? {
                        Prop::Ok(v) => {
                            out.bad.retain(|(b, _)| *b != k);
                            out.ok.insert(k, v);
                        }
                        Prop::Bad(what) => {
                            out.ok.remove(&k);
                            out.bad.retain(|(b, _)| *b != k);
                            out.bad.push((k, what));
                        }
                    }
                }
                out.bad.sort_unstable();
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

/// A node record of the graph file.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct FileNode {
    pub(super) id: String,
    pub(super) labels: Vec<String>,
    #[serde(default)]
    pub(super) properties: FileProps,
    #[serde(default)]
    pub(super) sources: Option<Vec<Source>>,
}

/// A relationship record of the graph file.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct FileRel {
    pub(super) from: String,
    pub(super) to: String,
    #[serde(rename = "type")]
    pub(super) rel_type: String,
    #[serde(default)]
    pub(super) properties: FileProps,
    #[serde(default)]
    pub(super) sources: Option<Vec<Source>>,
}

/// Where records go as they are read.
pub(super) trait Sink {
    fn document(&mut self, name: String);
    fn node(&mut self, n: &mut FileNode);
    fn nodes_done(&mut self);
    fn rel(&mut self, r: &mut FileRel);
    /// Several relationships in file order.
    fn rels(&mut self, batch: &mut [FileRel]) {
        batch.iter_mut().for_each(|r| self.rel(r));
    }
    /// About how many relationships are still to come (an estimate from the bytes left,
    /// at most once per file): room to make before they arrive.
    fn expect_rels(&mut self, _more: u64) {}
}

/// A struct read only from a JSON object: serde's derive would also accept an array of the
/// field values (`[["a", ["X"], {}]]` as a node), which the graph-file format does not allow.
pub(super) struct Object<T>(pub(super) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData)).map(Object)
    }
}

/// The whole file: `{"document"?, "nodes", "relationships"}` streamed into a sink.
pub(super) struct Top<'s, S: Sink + ?Sized>(pub(super) &'s mut S);

const FIELDS: &[&str] = &["document", "nodes", "relationships"];

impl<'de, S: Sink + ?Sized> DeserializeSeed<'de> for Top<'_, S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: Sink + ?Sized> Visitor<'de> for Top<'_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; 3];
        while let Some(key) = map.next_key::<String>()? {
            let Some(i) = FIELDS.iter().position(|f| *f == key) else {
                return Err(de::Error::unknown_field(&key, FIELDS));
            };
            if std::mem::replace(&mut seen[i], true) {
                return Err(de::Error::duplicate_field(FIELDS[i]));
            }
            match i {
                0 => {
                    if let Some(d) = map.next_value::<Option<String>>()? {
                        self.0.document(d);
                    }
                }
                1 => {
                    map.next_value_seed(Records {
                        sink: &mut *self.0,
                        nodes: true,
                    })?;
                    self.0.nodes_done();
                }
                _ => map.next_value_seed(Records {
                    sink: &mut *self.0,
                    nodes: false,
                })?,
            }
        }
        // A graph file has both arrays (possibly empty): `{}` or another tool's JSON
        // object is not an empty graph.
        if let Some(i) = (1..3).find(|i| !seen[*i]) {
            return Err(de::Error::missing_field(FIELDS[i]));
        }
        Ok(())
    }
}

/// The `nodes` or `relationships` array, each element handed to the sink.
struct Records<'s, S: Sink + ?Sized> {
    sink: &'s mut S,
    nodes: bool,
}

impl<'de, S: Sink + ?Sized> DeserializeSeed<'de> for Records<'_, S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Sink + ?Sized> Visitor<'de> for Records<'_, S> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.nodes {
            while let Some(Object(mut n)) = seq.next_element::<Object<FileNode>>()? {
                self.sink.node(&mut n);
            }
        } else {
            while let Some(Object(mut r)) = seq.next_element::<Object<FileRel>>()? {
                self.sink.rel(&mut r);
            }
        }
        Ok(())
    }
}

/// A sink that notes each record as a line (tests of the readers).
#[cfg(test)]
#[derive(Default)]
pub(super) struct Seen(pub(super) Vec<String>);

#[cfg(test)]
impl Sink for Seen {
    fn document(&mut self, name: String) {
        self.0.push(format!("doc {name}"));
    }
    fn node(&mut self, n: &mut FileNode) {
        self.0.push(format!("node {} {:?}", n.id, n.labels));
    }
    fn nodes_done(&mut self) {
        self.0.push("done".into());
    }
    fn rel(&mut self, r: &mut FileRel) {
        self.0
            .push(format!("rel {} {} {}", r.from, r.rel_type, r.to));
    }
}
