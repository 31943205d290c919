//! Phone-screen mode: a live pair editor shared by an interviewer and a
//! candidate, with runs, the interviewer's private notes, behavioural
//! questions with STAR notes, and a report with a replay of the editor.
//! Also the STAR story bank of each user.

mod behavioural;
mod ot;
mod session;
mod stories;
mod sync;

pub use behavioural::{
    behavioural, Behavioural, Principle, Question, BEHAVIOURAL_FILE, BEHAVIOURAL_TOML, MIN_QUESTIONS_PER_PRINCIPLE,
};
pub use ot::{transform, transform_index, utf16_len, Component, Operation, OtError};
pub use session::*;
pub use stories::*;
pub use sync::{Client, Doc, LoggedOp, Outgoing, Receipt, SyncError};
