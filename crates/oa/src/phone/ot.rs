//! Operational transformation of plain text, as the phone-screen editor
//! uses it. Every offset and length is in **UTF-16 code units**, the unit of
//! a browser textarea's `value` and `selectionStart`, so the script never
//! converts; the server checks that no edit splits a surrogate pair.
//!
//! An [`Operation`] walks the whole document: retain `n` units, insert a
//! string, delete `n` units. Its wire form is a JSON array: a positive
//! number retains, a negative number deletes, a string inserts
//! (`[5, "ab", -2, 10]`). `static/phone.js` holds the same algorithm; the
//! two must agree on [`transform`]'s tie-break: when both sides insert at the
//! same place, the insert of the *first* argument (the client's operation,
//! transformed against the server's) comes first.

use serde::{Deserialize, Serialize};

/// Why an operation could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OtError {
    #[error("the edit expects a document of {expected} UTF-16 units, but it has {actual}")]
    BaseLength { expected: usize, actual: usize },
    #[error("the two edits do not start from the same document ({0} and {1} UTF-16 units)")]
    Mismatch(usize, usize),
    #[error("the edit splits a character in two (a UTF-16 surrogate pair)")]
    SplitsCharacter,
    #[error("the edit is malformed: {0}")]
    Malformed(String),
}

/// One step of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Component {
    Retain(usize),
    Insert(String),
    Delete(usize),
}

/// A change of a whole document (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Operation {
    components: Vec<Component>,
    /// Length of the document it applies to.
    base_len: usize,
    /// Length of the document it produces.
    target_len: usize,
}

/// The length of `text` in UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

impl Operation {
    pub fn new() -> Operation {
        Operation::default()
    }

    pub fn components(&self) -> &[Component] {
        &self.components
    }

    pub fn base_len(&self) -> usize {
        self.base_len
    }

    pub fn target_len(&self) -> usize {
        self.target_len
    }

    /// Whether it changes nothing (only retains).
    pub fn is_noop(&self) -> bool {
        self.components.iter().all(|c| matches!(c, Component::Retain(_)))
    }

    pub fn retain(mut self, n: usize) -> Self {
        self.push_retain(n);
        self
    }

    pub fn insert(mut self, text: &str) -> Self {
        self.push_insert(text);
        self
    }

    pub fn delete(mut self, n: usize) -> Self {
        self.push_delete(n);
        self
    }

    fn push_retain(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        self.base_len += n;
        self.target_len += n;
        if let Some(Component::Retain(last)) = self.components.last_mut() {
            *last += n;
        } else {
            self.components.push(Component::Retain(n));
        }
    }

    /// Inserts are kept before an adjacent delete (a canonical form, so two
    /// equal edits compare equal).
    fn push_insert(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.target_len += utf16_len(text);
        let n = self.components.len();
        match self.components.as_mut_slice() {
            [.., Component::Insert(last)] => last.push_str(text),
            [.., Component::Insert(before), Component::Delete(_)] => before.push_str(text),
            [.., Component::Delete(_)] => self.components.insert(n - 1, Component::Insert(text.to_string())),
            _ => self.components.push(Component::Insert(text.to_string())),
        }
    }

    fn push_delete(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        self.base_len += n;
        if let Some(Component::Delete(last)) = self.components.last_mut() {
            *last += n;
        } else {
            self.components.push(Component::Delete(n));
        }
    }

    /// The edit that turns `old` into `new`: one replaced span between their
    /// common prefix and suffix, as the editor's script computes it.
    pub fn diff(old: &str, new: &str) -> Operation {
        let a: Vec<u16> = old.encode_utf16().collect();
        let b: Vec<u16> = new.encode_utf16().collect();
        let mut prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        // Never cut a surrogate pair: back off to the pair's start.
        if prefix > 0 && prefix < a.len().min(b.len()) && is_low(a[prefix]) {
            prefix -= 1;
        }
        let max_suffix = a.len().min(b.len()) - prefix;
        let mut suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
        if suffix > 0 && is_low(a[a.len() - suffix]) {
            // the suffix starts on a low surrogate; keep its high half out of it
            suffix -= 1;
        }
        let inserted = String::from_utf16_lossy(&b[prefix..b.len() - suffix]);
        Operation::new().retain(prefix).delete(a.len() - prefix - suffix).insert(&inserted).retain(suffix)
    }

    /// Applies the operation to `doc` (UTF-16 units).
    pub fn apply_units(&self, doc: &[u16]) -> Result<Vec<u16>, OtError> {
        if doc.len() != self.base_len {
            return Err(OtError::BaseLength { expected: self.base_len, actual: doc.len() });
        }
        let mut out = Vec::with_capacity(self.target_len);
        let mut at = 0;
        for component in &self.components {
            match component {
                Component::Retain(n) => {
                    out.extend_from_slice(&doc[at..at + n]);
                    at += n;
                }
                Component::Insert(text) => out.extend(text.encode_utf16()),
                Component::Delete(n) => {
                    // A cut between the halves of a pair, on either side of the deleted span.
                    if (at > 0 && at < doc.len() && is_low(doc[at])) || (at + n < doc.len() && is_low(doc[at + n])) {
                        return Err(OtError::SplitsCharacter);
                    }
                    at += n;
                }
            }
        }
        Ok(out)
    }

    /// Applies the operation to a string.
    pub fn apply(&self, doc: &str) -> Result<String, OtError> {
        let units: Vec<u16> = doc.encode_utf16().collect();
        let out = self.apply_units(&units)?;
        String::from_utf16(&out).map_err(|_| OtError::SplitsCharacter)
    }

    /// `self` then `next`, as one operation.
    pub fn compose(&self, next: &Operation) -> Result<Operation, OtError> {
        if self.target_len != next.base_len {
            return Err(OtError::Mismatch(self.target_len, next.base_len));
        }
        let mut out = Operation::new();
        let mut a = Cursor::new(&self.components);
        let mut b = Cursor::new(&next.components);
        loop {
            match (a.peek(), b.peek()) {
                (None, None) => break,
                (Some(Component::Delete(n)), _) => {
                    out.push_delete(*n);
                    a.next_whole();
                }
                (_, Some(Component::Insert(text))) => {
                    out.push_insert(text);
                    b.next_whole();
                }
                (None, _) | (_, None) => return Err(OtError::Malformed("composed edits of different lengths".into())),
                (Some(Component::Retain(x)), Some(Component::Retain(y))) => {
                    let n = (*x).min(*y);
                    out.push_retain(n);
                    a.take(n);
                    b.take(n);
                }
                (Some(Component::Insert(text)), Some(Component::Delete(y))) => {
                    // `next` deletes (part of) what `self` inserted.
                    let len = utf16_len(text);
                    let n = len.min(*y);
                    a.take_insert(n);
                    b.take(n);
                }
                (Some(Component::Insert(text)), Some(Component::Retain(y))) => {
                    let n = utf16_len(text).min(*y);
                    let head = a.take_insert(n);
                    out.push_insert(&head);
                    b.take(n);
                }
                (Some(Component::Retain(x)), Some(Component::Delete(y))) => {
                    let n = (*x).min(*y);
                    out.push_delete(n);
                    a.take(n);
                    b.take(n);
                }
            }
        }
        Ok(out)
    }
}

/// Transforms two concurrent operations on the same document: returns
/// `(a', b')` with `apply(apply(d, a), b') == apply(apply(d, b), a')`. When
/// both insert at the same place, `a`'s text comes first.
pub fn transform(a: &Operation, b: &Operation) -> Result<(Operation, Operation), OtError> {
    if a.base_len != b.base_len {
        return Err(OtError::Mismatch(a.base_len, b.base_len));
    }
    let mut a2 = Operation::new();
    let mut b2 = Operation::new();
    let mut x = Cursor::new(&a.components);
    let mut y = Cursor::new(&b.components);
    loop {
        match (x.peek(), y.peek()) {
            (None, None) => break,
            (Some(Component::Insert(text)), _) => {
                a2.push_insert(text);
                b2.push_retain(utf16_len(text));
                x.next_whole();
            }
            (_, Some(Component::Insert(text))) => {
                a2.push_retain(utf16_len(text));
                b2.push_insert(text);
                y.next_whole();
            }
            (None, _) | (_, None) => return Err(OtError::Malformed("transformed edits of different lengths".into())),
            (Some(Component::Retain(m)), Some(Component::Retain(n))) => {
                let k = (*m).min(*n);
                a2.push_retain(k);
                b2.push_retain(k);
                x.take(k);
                y.take(k);
            }
            (Some(Component::Delete(m)), Some(Component::Delete(n))) => {
                // Both deleted the same text: neither deletes it again.
                let k = (*m).min(*n);
                x.take(k);
                y.take(k);
            }
            (Some(Component::Delete(m)), Some(Component::Retain(n))) => {
                let k = (*m).min(*n);
                a2.push_delete(k);
                x.take(k);
                y.take(k);
            }
            (Some(Component::Retain(m)), Some(Component::Delete(n))) => {
                let k = (*m).min(*n);
                b2.push_delete(k);
                x.take(k);
                y.take(k);
            }
        }
    }
    Ok((a2, b2))
}

/// Where a caret at `index` goes when `op` (someone else's edit) is applied:
/// text inserted at the caret pushes it right; deleted text before it pulls
/// it left.
pub fn transform_index(op: &Operation, index: usize) -> usize {
    let mut new = index;
    let mut at = 0;
    for component in &op.components {
        if at > index {
            break;
        }
        match component {
            Component::Retain(n) => at += n,
            Component::Insert(text) => new += utf16_len(text),
            Component::Delete(n) => {
                new -= (*n).min(index - at);
                at += n;
            }
        }
    }
    new
}

fn is_low(unit: u16) -> bool {
    (0xDC00..0xE000).contains(&unit)
}

/// Walks the components of an operation, splitting them as needed.
struct Cursor<'a> {
    components: &'a [Component],
    index: usize,
    /// The current component with what was taken of it removed.
    current: Option<Component>,
}

impl<'a> Cursor<'a> {
    fn new(components: &'a [Component]) -> Self {
        Cursor { components, index: 0, current: components.first().cloned() }
    }

    fn peek(&self) -> Option<&Component> {
        self.current.as_ref()
    }

    fn next_whole(&mut self) {
        self.index += 1;
        self.current = self.components.get(self.index).cloned();
    }

    /// Takes `n` units of a retain or delete.
    fn take(&mut self, n: usize) {
        match &mut self.current {
            Some(Component::Retain(m)) | Some(Component::Delete(m)) if *m > n => *m -= n,
            _ => self.next_whole(),
        }
    }

    /// Takes the first `n` UTF-16 units of an insert and returns them.
    fn take_insert(&mut self, n: usize) -> String {
        let Some(Component::Insert(text)) = &mut self.current else { return String::new() };
        let units: Vec<u16> = text.encode_utf16().collect();
        if n >= units.len() {
            let all = std::mem::take(text);
            self.next_whole();
            return all;
        }
        // A split inside a surrogate pair is rebuilt lossily; operations from
        // the server never split one (apply refuses them first).
        let head = String::from_utf16_lossy(&units[..n]);
        *text = String::from_utf16_lossy(&units[n..]);
        head
    }
}

/// The wire form of one component (see the module docs).
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Wire {
    Number(i64),
    Text(String),
}

impl Serialize for Operation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let wire: Vec<Wire> = self
            .components
            .iter()
            .map(|c| match c {
                Component::Retain(n) => Wire::Number(*n as i64),
                Component::Delete(n) => Wire::Number(-(*n as i64)),
                Component::Insert(text) => Wire::Text(text.clone()),
            })
            .collect();
        wire.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Operation {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Vec::<Wire>::deserialize(deserializer)?;
        let mut op = Operation::new();
        for component in wire {
            match component {
                Wire::Number(0) => return Err(serde::de::Error::custom("an edit step of 0 units")),
                Wire::Number(n) if n > 0 => op.push_retain(n as usize),
                Wire::Number(n) => op.push_delete(n.unsigned_abs() as usize),
                Wire::Text(text) => op.push_insert(&text),
            }
        }
        Ok(op)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_compose_transform_by_table() {
        // (document, a, b, a then b', b then a')
        let cases: &[(&str, Operation, Operation, &str)] = &[
            (
                "abc",
                Operation::new().retain(1).insert("X").retain(2),
                Operation::new().retain(1).insert("Y").retain(2),
                "aXYbc",
            ),
            ("abc", Operation::new().delete(3), Operation::new().retain(1).insert("Y").retain(2), "Y"),
            (
                "abcdef",
                Operation::new().retain(1).delete(4).retain(1),
                Operation::new().retain(2).delete(2).retain(2),
                "af",
            ),
            ("", Operation::new().insert("😀"), Operation::new().insert("é"), "😀é"),
            ("ab", Operation::new().retain(2).insert("!"), Operation::new().delete(2), "!"),
        ];
        for (doc, a, b, expected) in cases {
            let (a2, b2) = transform(a, b).expect("transform");
            let left = b2.apply(&a.apply(doc).expect("a")).expect("b'");
            let right = a2.apply(&b.apply(doc).expect("b")).expect("a'");
            assert_eq!(left, *expected, "{doc:?} {a:?} {b:?}");
            assert_eq!(right, *expected, "{doc:?} {a:?} {b:?}");
        }
    }

    #[test]
    fn wire_form_and_diff() {
        let op: Operation = serde_json::from_str(r#"[5, "ab", -2, 10]"#).expect("parse");
        assert_eq!((op.base_len(), op.target_len()), (17, 17));
        assert_eq!(serde_json::to_string(&op).expect("json"), r#"[5,"ab",-2,10]"#);
        assert!(serde_json::from_str::<Operation>("[0]").is_err());
        for (old, new) in [("hello", "help"), ("", "x"), ("a😀b", "a😁b"), ("aaa", "aa"), ("x", "")] {
            assert_eq!(Operation::diff(old, new).apply(old).as_deref(), Ok(new), "{old:?} -> {new:?}");
        }
        // Deleting half of a surrogate pair is refused.
        let half = Operation::new().retain(1).delete(1);
        assert_eq!(half.apply("😀"), Err(OtError::SplitsCharacter));
        assert_eq!(Operation::new().delete(1).apply("ab"), Err(OtError::BaseLength { expected: 1, actual: 2 }));
    }

    #[test]
    fn carets_follow_edits() {
        let op = Operation::new().retain(2).insert("XY").retain(1).delete(2).retain(1);
        // document "abcdef" -> "abXYcf"
        for (before, after) in [(0, 0), (2, 4), (3, 5), (4, 5), (5, 5), (6, 6)] {
            assert_eq!(transform_index(&op, before), after, "caret at {before}");
        }
    }
}
