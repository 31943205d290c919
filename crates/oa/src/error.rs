/// What an engine call can fail with. Messages are for people: they say what
/// was wrong and, where it helps, what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No such attempt, job or problem for this user (another user's attempt
    /// is reported exactly like a missing one).
    #[error("not found: {0}")]
    NotFound(String),
    /// The coding part of the attempt is over (deadline passed or finished
    /// early); whatever code came with the call was kept as a draft.
    #[error(
        "the coding part of this attempt has ended (the time is up, or it was finished early); your code was saved \
         as a draft but not judged"
    )]
    TimeUp,
    /// Bad input: an unknown language, a source too large, a bad problem
    /// index or duration, an unknown problem...
    #[error("{0}")]
    Invalid(String),
    /// The request clashes with what exists (a user name that is taken...).
    #[error("{0}")]
    Conflict(String),
    /// The user may not do this (a member doing an admin's work...).
    #[error("{0}")]
    Forbidden(String),
    /// The judge queue is full; try again later.
    #[error("the judge is busy ({queued} judgings waiting); try again in {retry_after_s} s")]
    QueueFull { retry_after_s: u32, queued: usize },
    /// The judge could not judge at all (a missing toolchain, a broken problem).
    #[error("the judge failed: {0}")]
    Judge(String),
    /// The store failed.
    #[error("the OA store failed: {0}")]
    Store(String),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Store(e.to_string())
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Store(format!("cannot migrate the database: {e}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
