//! The server-ordered operation log of a shared editor, and the client side
//! of the protocol (which `static/phone.js` implements in the browser; the
//! Rust [`Client`] is its model, driven by the convergence tests).
//!
//! The server holds the one true order: revision `r` is the document after
//! the `r`-th operation of the log. A client sends an operation together
//! with the revision it was made on; the server transforms it against every
//! operation logged since then, applies it, gives it the next revision and
//! broadcasts it. A client has at most one operation in flight; what it
//! types meanwhile is composed into a buffer, sent when the ack (its own
//! operation coming back in the broadcast) arrives. Every operation carries
//! its client's id and a sequence number, so an operation that reached the
//! server before a connection dropped is recognised (and never applied
//! twice) when the client reconnects and resends it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::ot::{transform, Operation, OtError};

/// An operation in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedOp {
    /// The revision this operation produced (the first operation makes 1).
    pub rev: u64,
    /// The page (one tab, one connection after another) that made it.
    pub client: String,
    pub seq: u64,
    /// "candidate" or "interviewer".
    pub author: String,
    pub op: Operation,
    pub at_ms: i64,
}

/// What [`Doc::receive`] did with an operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Receipt {
    /// Applied as this new log entry.
    Applied(LoggedOp),
    /// Already applied earlier (a resend after a reconnect): nothing changed.
    Duplicate,
}

/// Why the server refused an operation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    #[error("the edit is based on revision {base}, but the document is only at revision {current}")]
    FutureRevision { base: u64, current: u64 },
    #[error("the edit could not be applied: {0}")]
    Ot(#[from] OtError),
    #[error("the document would be {len} bytes; the limit is {limit} bytes")]
    TooLarge { len: usize, limit: usize },
}

/// The server's document: its text, revision and full log.
#[derive(Debug, Clone)]
pub struct Doc {
    initial: String,
    units: Vec<u16>,
    log: Vec<LoggedOp>,
    /// The highest sequence number applied per client.
    applied: HashMap<String, u64>,
    /// Largest document accepted, in UTF-8 bytes.
    limit: usize,
}

impl Doc {
    pub fn new(initial: &str, limit: usize) -> Doc {
        Doc {
            initial: initial.to_string(),
            units: initial.encode_utf16().collect(),
            log: Vec::new(),
            applied: HashMap::new(),
            limit,
        }
    }

    /// Rebuilds a document from its stored log.
    pub fn replay(initial: &str, limit: usize, log: Vec<LoggedOp>) -> Result<Doc, SyncError> {
        let mut doc = Doc::new(initial, limit);
        for entry in log {
            doc.units = entry.op.apply_units(&doc.units)?;
            let last = doc.applied.entry(entry.client.clone()).or_insert(0);
            *last = (*last).max(entry.seq);
            doc.log.push(entry);
        }
        Ok(doc)
    }

    pub fn rev(&self) -> u64 {
        self.log.len() as u64
    }

    pub fn initial(&self) -> &str {
        &self.initial
    }

    pub fn text(&self) -> String {
        String::from_utf16_lossy(&self.units)
    }

    pub fn log(&self) -> &[LoggedOp] {
        &self.log
    }

    /// The operations after revision `rev` (what a reconnecting client missed).
    pub fn since(&self, rev: u64) -> &[LoggedOp] {
        let from = (rev as usize).min(self.log.len());
        &self.log[from..]
    }

    /// Transforms `op` (made on revision `base`) against everything logged
    /// since, applies it and logs it.
    pub fn receive(
        &mut self,
        client: &str,
        seq: u64,
        author: &str,
        base: u64,
        op: Operation,
        at_ms: i64,
    ) -> Result<Receipt, SyncError> {
        if self.applied.get(client).is_some_and(|&last| seq <= last) {
            return Ok(Receipt::Duplicate);
        }
        if base > self.rev() {
            return Err(SyncError::FutureRevision { base, current: self.rev() });
        }
        let mut op = op;
        for entry in self.since(base) {
            op = transform(&op, &entry.op)?.0;
        }
        let units = op.apply_units(&self.units)?;
        // UTF-8 is at most 3 bytes per UTF-16 unit; check exactly only near the limit.
        if units.len() * 3 > self.limit {
            let len = String::from_utf16_lossy(&units).len();
            if len > self.limit {
                return Err(SyncError::TooLarge { len, limit: self.limit });
            }
        }
        self.units = units;
        let entry =
            LoggedOp { rev: self.rev() + 1, client: client.to_string(), seq, author: author.to_string(), op, at_ms };
        self.applied.insert(client.to_string(), seq);
        self.log.push(entry.clone());
        Ok(Receipt::Applied(entry))
    }
}

/// What a client sends: `op` made on revision `base`.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub seq: u64,
    pub base: u64,
    pub op: Operation,
}

/// One editor page's side of the protocol (the model of `phone.js`).
#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    text: String,
    rev: u64,
    inflight: Option<(u64, Operation)>,
    buffer: Option<Operation>,
    next_seq: u64,
}

impl Client {
    /// A client that has loaded the document at revision `rev`.
    pub fn new(id: &str, text: &str, rev: u64) -> Client {
        Client { id: id.to_string(), text: text.to_string(), rev, inflight: None, buffer: None, next_seq: 1 }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// Whether every local edit has been acknowledged.
    pub fn settled(&self) -> bool {
        self.inflight.is_none() && self.buffer.is_none()
    }

    /// A local edit: applied at once; returns what to send, if nothing is in flight.
    pub fn edit(&mut self, op: Operation) -> Result<Option<Outgoing>, OtError> {
        self.text = op.apply(&self.text)?;
        if self.inflight.is_some() {
            self.buffer = Some(match self.buffer.take() {
                Some(buffer) => buffer.compose(&op)?,
                None => op,
            });
            return Ok(None);
        }
        Ok(Some(self.send(op)))
    }

    fn send(&mut self, op: Operation) -> Outgoing {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.inflight = Some((seq, op.clone()));
        Outgoing { seq, base: self.rev, op }
    }

    /// An operation from the server's broadcast (or a catch-up). Returns
    /// what to send next (the buffer, when this was the ack of the
    /// operation in flight).
    pub fn receive(&mut self, entry: &LoggedOp) -> Result<Option<Outgoing>, OtError> {
        if entry.rev <= self.rev {
            return Ok(None); // seen already (a catch-up overlapping the broadcast)
        }
        self.rev = entry.rev;
        if entry.client == self.id && self.inflight.as_ref().is_some_and(|(seq, _)| *seq == entry.seq) {
            self.inflight = None;
            return Ok(self.buffer.take().map(|buffer| self.send(buffer)));
        }
        let mut remote = entry.op.clone();
        if let Some((seq, inflight)) = self.inflight.take() {
            let (mine, theirs) = transform(&inflight, &remote)?;
            self.inflight = Some((seq, mine));
            remote = theirs;
        }
        if let Some(buffer) = self.buffer.take() {
            let (mine, theirs) = transform(&buffer, &remote)?;
            self.buffer = Some(mine);
            remote = theirs;
        }
        self.text = remote.apply(&self.text)?;
        Ok(None)
    }

    /// After a reconnect's catch-up: the operation in flight never came back,
    /// so it is sent again (same sequence number, the current revision).
    pub fn resend(&self) -> Option<Outgoing> {
        self.inflight.as_ref().map(|(seq, op)| Outgoing { seq: *seq, base: self.rev, op: op.clone() })
    }
}
