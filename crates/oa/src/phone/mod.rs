//! Phone-screen mode: a live pair editor shared by an interviewer and a
//! candidate, with runs, the interviewer's private notes, behavioural
//! questions with STAR notes, and a report with a replay of the editor.
//! Also the STAR story bank of each user.

mod ot;
mod sync;

pub use ot::{transform, transform_index, utf16_len, Component, Operation, OtError};
pub use sync::{Client, Doc, LoggedOp, Outgoing, Receipt, SyncError};
