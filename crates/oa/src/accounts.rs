//! Accounts on a shared server: user names and passwords, login sessions
//! and invitations. No HTTP here: the web server (`oaj-server`) and the
//! `oaj user` commands both call these.
//!
//! Passwords are stored as argon2id PHC strings. Session ids and invitation
//! tokens are random 256-bit values that only the browser (or the link)
//! holds; the store keeps their SHA-256, so reading the database does not
//! let anyone log in or join.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::store::account_from_row;
use crate::{Account, Error, Result, Role, Store, UserId};

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password accepted: hashing cost grows with it, and no one types more.
pub const MAX_PASSWORD_BYTES: usize = 256;
/// Longest user name.
pub const MAX_NAME_CHARS: usize = 32;

/// A user name as stored: trimmed and lower-cased (so `Alice` and `alice`
/// are one account), 1 to 32 of `a-z 0-9 . _ -`, starting with a letter or
/// a digit.
pub fn normalize_user_name(input: &str) -> Result<String> {
    let name = input.trim().to_ascii_lowercase();
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        return Err(Error::Invalid(format!("a user name has 1 to {MAX_NAME_CHARS} characters, not {chars}")));
    }
    if !name.chars().all(ok_char) || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return Err(Error::Invalid(format!(
            "the user name {input:?} may only hold letters a-z, digits, '.', '_' and '-', and must start with a \
             letter or a digit"
        )));
    }
    Ok(name)
}

/// Refuses a password that is too short or too long.
pub fn check_new_password(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::Invalid(format!("the password has {chars} characters; use at least {MIN_PASSWORD_CHARS}")));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(Error::Invalid(format!("the password is longer than {MAX_PASSWORD_BYTES} bytes")));
    }
    Ok(())
}

/// An argon2id PHC string for `password` with a fresh random salt. Slow on
/// purpose (tens of milliseconds): call it off the async threads.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::Store(format!("cannot hash the password: {e}")))
}

/// Whether `password` matches the PHC string `hash`. A malformed hash never
/// matches. Slow on purpose, like [`hash_password`].
pub fn verify_password(hash: &str, password: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the user does not exist, so that a wrong
/// name takes as long as a wrong password and does not reveal which names
/// exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default())
}

/// A new random 256-bit secret (a session id or an invitation token) as 64
/// hex digits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the store keeps of a token: its SHA-256 in hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// What a login needs to know about a user name.
#[derive(Debug, Clone)]
pub struct LoginRecord {
    pub account: Account,
    /// None for a user who cannot log in (the local user).
    pub password_hash: Option<String>,
    pub disabled_ms: Option<i64>,
}

/// A live login session.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub account: Account,
    pub created_ms: i64,
    pub last_seen_ms: i64,
    pub expires_ms: i64,
}

/// An invitation as an admin sees it (the token itself is only shown once,
/// when it is made).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Invitation {
    pub id: i64,
    pub role: Role,
    pub created_ms: i64,
    pub expires_ms: i64,
    /// When someone joined with it.
    pub used_ms: Option<i64>,
    /// The name of the account made with it.
    pub used_by: Option<String>,
    /// When an admin revoked it (it never made an account).
    pub revoked_ms: Option<i64>,
}

impl Invitation {
    /// What it is at `now_ms`: used, revoked, expired or open, in that order
    /// (a used or revoked invitation stays so after its expiry).
    pub fn state_at(&self, now_ms: i64) -> InvitationStatus {
        if self.used_ms.is_some() {
            InvitationStatus::Used
        } else if self.revoked_ms.is_some() {
            InvitationStatus::Revoked
        } else if self.expires_ms <= now_ms {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Open
        }
    }
}

/// The states of an invitation. Open is the only one that can change: to
/// used (someone joins), revoked (an admin ends it) or expired (time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationStatus {
    Open,
    Used,
    Revoked,
    Expired,
}

/// What a `/join/{token}` link finds.
#[derive(Debug, Clone)]
pub enum InvitationState {
    Usable(Invitation),
    /// Someone joined with it already (single use).
    Used(Invitation),
    /// An admin ended it before anyone joined.
    Revoked(Invitation),
    Expired(Invitation),
    /// No invitation has this token.
    Unknown,
}

/// A closed invitation keeps the time it closed in `used_ms`; `used_by` says
/// how: the account made with it, or NULL when an admin revoked it. (Its
/// `expires_ms` stays as it was made, so the list still shows until when it
/// would have worked.)
fn invitation_from_row(row: &crate::store::DbRow) -> Result<Invitation> {
    let role: String = row.try_get("role")?;
    let closed_ms: Option<i64> = row.try_get("used_ms")?;
    let used_by_id: Option<i64> = row.try_get("used_by_id")?;
    let (used_ms, revoked_ms) = match used_by_id {
        Some(_) => (closed_ms, None),
        None => (None, closed_ms),
    };
    Ok(Invitation {
        id: row.try_get("id")?,
        role: Role::parse(&role).ok_or_else(|| Error::Store(format!("invitation has an unknown role {role:?}")))?,
        created_ms: row.try_get("created_ms")?,
        expires_ms: row.try_get("expires_ms")?,
        used_ms,
        used_by: row.try_get("used_by_name")?,
        revoked_ms,
    })
}

const INVITATION_COLUMNS: &str = "i.id AS id, i.role AS role, i.created_ms AS created_ms, i.expires_ms AS expires_ms, \
                                  i.used_ms AS used_ms, i.used_by AS used_by_id, u.name AS used_by_name";

impl Store {
    /// The account of a user name with its password hash and disabled mark.
    pub async fn login_record(&self, name: &str) -> Result<Option<LoginRecord>> {
        let row = sqlx::query("SELECT id, name, role, password_hash, disabled_ms FROM users WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(LoginRecord {
                account: account_from_row(&r)?,
                password_hash: r.try_get("password_hash")?,
                disabled_ms: r.try_get("disabled_ms")?,
            })
        })
        .transpose()
    }

    /// The password hash of a user (None: the user cannot log in).
    pub async fn password_hash(&self, id: UserId) -> Result<Option<String>> {
        let row = sqlx::query("SELECT password_hash FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| Error::NotFound(format!("user {id}")))?;
        Ok(row.try_get(0)?)
    }

    /// How many admins can log in (have a password and are not disabled).
    pub async fn active_admin_count(&self) -> Result<usize> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND password_hash IS NOT NULL AND disabled_ms IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get::<i64, _>(0)? as usize)
    }

    /// Replaces a user's password hash.
    pub async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()> {
        let changed = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(Error::NotFound(format!("user {id}")));
        }
        Ok(())
    }

    /// Disables a user (`Some(now_ms)`) or enables them again (`None`). A
    /// disabled user cannot log in, and their sessions end at once: they are
    /// deleted here, and a session lookup also refuses a disabled user.
    pub async fn set_user_disabled(&self, id: UserId, disabled_ms: Option<i64>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE users SET disabled_ms = $1 WHERE id = $2")
            .bind(disabled_ms)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            tx.rollback().await?;
            return Err(Error::NotFound(format!("user {id}")));
        }
        if disabled_ms.is_some() {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Records a new session (by the hash of its id) for `user`, ending at
    /// `expires_ms` at the latest.
    pub async fn create_session(&self, id_hash: &str, user: UserId, now_ms: i64, expires_ms: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, created_ms, last_seen_ms, expires_ms) VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(id_hash)
        .bind(user)
        .bind(now_ms)
        .bind(expires_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session with this id hash if it is still valid at `now_ms`: not
    /// past its absolute expiry, used within the last `idle_ms`, and its
    /// user not disabled.
    pub async fn session(&self, id_hash: &str, now_ms: i64, idle_ms: i64) -> Result<Option<SessionRecord>> {
        let row = sqlx::query(
            "SELECT u.id AS id, u.name AS name, u.role AS role, s.created_ms AS created_ms, \
             s.last_seen_ms AS last_seen_ms, s.expires_ms AS expires_ms \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.id_hash = $1 AND s.expires_ms > $2 AND s.last_seen_ms + $3 > $2 AND u.disabled_ms IS NULL",
        )
        .bind(id_hash)
        .bind(now_ms)
        .bind(idle_ms)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SessionRecord {
                account: account_from_row(&r)?,
                created_ms: r.try_get("created_ms")?,
                last_seen_ms: r.try_get("last_seen_ms")?,
                expires_ms: r.try_get("expires_ms")?,
            })
        })
        .transpose()
    }

    /// Marks a session as used now (its idle expiry starts again).
    pub async fn touch_session(&self, id_hash: &str, now_ms: i64) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_ms = $1 WHERE id_hash = $2")
            .bind(now_ms)
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends one session (logout).
    pub async fn end_session(&self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash).execute(&self.pool).await?;
        Ok(())
    }

    /// Ends every session of `user` but `except` (a password change keeps
    /// the session that made it). Returns how many ended.
    pub async fn end_sessions_of(&self, user: UserId, except: Option<&str>) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
            .bind(user)
            .bind(except.unwrap_or(""))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Deletes sessions that can no longer be used. Returns how many.
    pub async fn purge_sessions(&self, now_ms: i64, idle_ms: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_ms <= $1 OR last_seen_ms + $2 <= $1")
            .bind(now_ms)
            .bind(idle_ms)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Records an invitation (by the hash of its token).
    pub async fn create_invitation(
        &self,
        token_hash: &str,
        role: Role,
        created_by: Option<UserId>,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<i64> {
        let row = sqlx::query(
            "INSERT INTO invitations (token_hash, role, created_by, created_ms, expires_ms) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(token_hash)
        .bind(role.as_str())
        .bind(created_by)
        .bind(now_ms)
        .bind(expires_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// What the invitation with this token hash is at `now_ms`.
    pub async fn invitation(&self, token_hash: &str, now_ms: i64) -> Result<InvitationState> {
        let row = sqlx::query(&format!(
            "SELECT {INVITATION_COLUMNS} FROM invitations i LEFT JOIN users u ON u.id = i.used_by \
             WHERE i.token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(InvitationState::Unknown) };
        let invitation = invitation_from_row(&row)?;
        Ok(match invitation.state_at(now_ms) {
            InvitationStatus::Open => InvitationState::Usable(invitation),
            InvitationStatus::Used => InvitationState::Used(invitation),
            InvitationStatus::Revoked => InvitationState::Revoked(invitation),
            InvitationStatus::Expired => InvitationState::Expired(invitation),
        })
    }

    /// Ends an open invitation now (a link sent to the wrong person): closed
    /// by nobody (see `invitation_from_row`). False when there was nothing
    /// to end: unknown, used, revoked or expired.
    pub async fn revoke_invitation(&self, id: i64, now_ms: i64) -> Result<bool> {
        let changed =
            sqlx::query("UPDATE invitations SET used_ms = $1 WHERE id = $2 AND used_ms IS NULL AND expires_ms > $1")
                .bind(now_ms)
                .bind(id)
                .execute(&self.pool)
                .await?
                .rows_affected();
        Ok(changed > 0)
    }

    /// Every invitation, newest first.
    pub async fn invitations(&self) -> Result<Vec<Invitation>> {
        let rows = sqlx::query(&format!(
            "SELECT {INVITATION_COLUMNS} FROM invitations i LEFT JOIN users u ON u.id = i.used_by \
             ORDER BY i.id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(invitation_from_row).collect()
    }

    /// Uses an invitation: makes the account `name` with the invitation's
    /// role, and marks the invitation used, in one transaction. A used or
    /// expired invitation is [`Error::Conflict`], an unknown one
    /// [`Error::NotFound`], a taken name [`Error::Conflict`] (and the
    /// invitation stays usable).
    pub async fn join(&self, token_hash: &str, name: &str, password_hash: &str, now_ms: i64) -> Result<Account> {
        let role = match self.invitation(token_hash, now_ms).await? {
            InvitationState::Usable(invitation) => invitation.role,
            InvitationState::Used(_) => {
                return Err(Error::Conflict("this invitation has been used already".to_string()));
            }
            InvitationState::Revoked(_) => return Err(Error::Conflict("this invitation was revoked".to_string())),
            InvitationState::Expired(_) => return Err(Error::Conflict("this invitation has expired".to_string())),
            InvitationState::Unknown => return Err(Error::NotFound("no invitation has this link".to_string())),
        };
        let mut tx = self.pool.begin().await?;
        let Some(id) = Store::create_user_on(&mut tx, name, role, Some(password_hash), now_ms).await? else {
            tx.rollback().await?;
            return Err(Error::Conflict(format!("the user name {name:?} is taken; choose another")));
        };
        // The condition is checked again inside the transaction: two people
        // racing with one link cannot both join.
        let used = sqlx::query(
            "UPDATE invitations SET used_ms = $1, used_by = $2 \
             WHERE token_hash = $3 AND used_ms IS NULL AND expires_ms > $1",
        )
        .bind(now_ms)
        .bind(id)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if used == 0 {
            // Used, revoked or expired since it was read above.
            tx.rollback().await?;
            return Err(Error::Conflict("this invitation is no longer open".to_string()));
        }
        tx.commit().await?;
        Ok(Account { id, name: name.to_string(), role })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("alice", Some("alice")),
            ("  Alice ", Some("alice")),
            ("bob.smith-2_x", Some("bob.smith-2_x")),
            ("9lives", Some("9lives")),
            ("", None),
            ("   ", None),
            ("-dash", None),
            ("a b", None),
            ("ünï", None),
            ("a/../b", None),
            (&"x".repeat(33), None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_user_name(input).ok().as_deref(), *expected, "{input:?}");
        }
    }

    #[test]
    fn passwords_hash_and_verify() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password(&"x".repeat(MAX_PASSWORD_BYTES + 1)).is_err());
        assert!(check_new_password("long enough").is_ok());
        let hash = hash_password("correct horse").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password(&hash, "correct horse"));
        assert!(!verify_password(&hash, "correct horsE"));
        assert!(!verify_password("not a phc string", "correct horse"));
        assert_ne!(hash, hash_password("correct horse").expect("hash"), "salts differ");
    }

    /// `join` makes its account inside its transaction: an insert there is
    /// undone with the transaction, and sees the names taken inside it.
    #[tokio::test]
    async fn a_user_made_inside_a_rolled_back_transaction_is_not_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).await.expect("store");
        let mut tx = store.pool.begin().await.expect("begin");
        let made = Store::create_user_on(&mut tx, "ann", Role::Member, None, 0).await.expect("insert");
        assert!(made.is_some());
        let again = Store::create_user_on(&mut tx, "ann", Role::Admin, None, 0).await.expect("insert");
        assert_eq!(again, None, "the name is taken inside the transaction");
        tx.rollback().await.expect("rollback");
        assert!(store.account_by_name("ann").await.expect("read").is_none(), "rolled back with the transaction");
        store.create_user("ann", Role::Member, None, 0).await.expect("the name is free again");
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
    }
}
