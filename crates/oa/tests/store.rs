#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Store-level behaviour that no engine call covers on its own.

use oaj_oa::{Account, Backend, Error, Role, Store, LOCAL_USER};

#[macro_use]
mod support;
use support::TestStore;

on_both_backends!(async: users_have_unique_names_and_the_local_user_is_admin);

async fn users_have_unique_names_and_the_local_user_is_admin(store: TestStore) {
    let postgres = store.is_postgres();
    let store = store.open().await;
    assert_eq!(store.backend(), if postgres { Backend::Postgres } else { Backend::Sqlite });
    assert_eq!(store.account(LOCAL_USER).await.unwrap(), Some(Account::local()));
    let ada = store.create_user("ada", Role::Member, Some("$argon2id$placeholder"), 5).await.unwrap();
    assert_ne!(ada, LOCAL_USER);
    let found = store.account_by_name("ada").await.unwrap().unwrap();
    assert_eq!((found.id, found.role), (ada, Role::Member));
    match store.create_user("ada", Role::Admin, None, 6).await {
        Err(Error::Conflict(message)) => assert!(message.contains("ada"), "{message}"),
        other => panic!("a taken name must be a conflict, got {other:?}"),
    }
    assert_eq!(store.account_by_name("nobody").await.unwrap(), None);
}

/// `--database` takes Postgres URLs only, and says where SQLite lives.
#[tokio::test]
async fn connect_refuses_what_is_not_a_postgres_url() {
    for url in ["sqlite:///tmp/x.db", "mysql://root:pw@db/oaj", "/var/lib/oaj"] {
        match Store::connect(url).await {
            Err(Error::Invalid(message)) => {
                assert!(message.contains("not a postgres:// URL") && message.contains("--data"), "{message}");
                assert!(!message.contains(":pw@"), "the password is hidden: {message}");
            }
            other => panic!("{url}: expected Invalid, got {other:?}"),
        }
    }
}

on_both_backends!(async: sessions_are_valid_until_idle_or_absolute_expiry_or_a_disabled_user);

async fn sessions_are_valid_until_idle_or_absolute_expiry_or_a_disabled_user(store: TestStore) {
    let store = store.open().await;
    let ada = store.create_user("ada", Role::Member, Some("$argon2id$placeholder"), 0).await.unwrap();
    store.create_session("h1", ada, 1_000, 10_000).await.unwrap();
    // (now, idle ms, valid)
    let cases =
        [(1_000, 500, true), (1_499, 500, true), (1_500, 500, false), (9_999, 100_000, true), (10_000, 100_000, false)];
    for (now, idle, valid) in cases {
        assert_eq!(store.session("h1", now, idle).await.unwrap().is_some(), valid, "now {now}, idle {idle}");
    }
    store.touch_session("h1", 5_000).await.unwrap();
    assert!(store.session("h1", 5_400, 500).await.unwrap().is_some(), "touched: idle counts from the last use");
    assert!(store.session("nope", 5_000, 500).await.unwrap().is_none());
    store.create_session("h2", ada, 1_000, 10_000).await.unwrap();
    assert_eq!(store.end_sessions_of(ada, Some("h2")).await.unwrap(), 1);
    assert!(store.session("h2", 2_000, 100_000).await.unwrap().is_some(), "the kept one");
    store.set_user_disabled(ada, Some(3_000)).await.unwrap();
    assert!(store.session("h2", 3_000, 100_000).await.unwrap().is_none());
    assert!(matches!(store.set_user_disabled(999, None).await, Err(Error::NotFound(_))));
    assert!(matches!(store.set_password(999, "x").await, Err(Error::NotFound(_))));
}

on_both_backends!(async: an_invitation_makes_one_account_and_a_taken_name_leaves_it_usable);

async fn an_invitation_makes_one_account_and_a_taken_name_leaves_it_usable(store: TestStore) {
    use oaj_oa::accounts::InvitationState;
    let store = store.open().await;
    store.create_user("ada", Role::Member, Some("$argon2id$placeholder"), 0).await.unwrap();
    store.create_invitation("t1", Role::Admin, None, 0, 1_000).await.unwrap();
    assert!(matches!(store.join("t1", "ada", "$argon2id$x", 10).await, Err(Error::Conflict(m)) if m.contains("taken")));
    assert!(matches!(store.invitation("t1", 10).await.unwrap(), InvitationState::Usable(_)));
    let bea = store.join("t1", "bea", "$argon2id$x", 20).await.unwrap();
    assert_eq!((bea.name.as_str(), bea.role), ("bea", Role::Admin));
    match store.invitation("t1", 30).await.unwrap() {
        InvitationState::Used(invitation) => assert_eq!(invitation.used_by.as_deref(), Some("bea")),
        other => panic!("used, not {other:?}"),
    }
    assert!(matches!(store.join("t1", "cid", "$argon2id$x", 30).await, Err(Error::Conflict(m)) if m.contains("used")));
    store.create_invitation("t2", Role::Member, None, 0, 1_000).await.unwrap();
    assert!(matches!(store.invitation("t2", 1_000).await.unwrap(), InvitationState::Expired(_)));
    assert!(
        matches!(store.join("t2", "cid", "$argon2id$x", 1_000).await, Err(Error::Conflict(m)) if m.contains("expired"))
    );
    assert!(matches!(store.invitation("t3", 0).await.unwrap(), InvitationState::Unknown));
    assert!(matches!(store.join("t3", "cid", "$argon2id$x", 0).await, Err(Error::NotFound(_))));
    assert!(store.account_by_name("cid").await.unwrap().is_none());
}

on_both_backends!(async: problem_archives_keep_their_bytes_and_are_never_overwritten);

/// Archives are binary (BLOB on SQLite, BYTEA on Postgres): every byte value
/// comes back as stored; a second archive under a hash keeps the first.
async fn problem_archives_keep_their_bytes_and_are_never_overwritten(store: TestStore) {
    let store = store.open().await;
    let hash = "ab".repeat(32);
    let bytes: Vec<u8> = (0..=255u8).chain([0, 0, 255]).collect();
    assert!(store.problem_archive(&hash).await.unwrap().is_none());
    assert!(store.problem_archive_hashes().await.unwrap().is_empty());
    assert!(store.put_problem_archive(&hash, "double", &bytes, 7).await.unwrap(), "inserted");
    assert!(!store.put_problem_archive(&hash, "other", b"other bytes", 8).await.unwrap(), "kept");
    let other = "cd".repeat(32);
    assert!(store.put_problem_archive(&other, "triple", b"PK", 9).await.unwrap());
    let archive = store.problem_archive(&hash).await.unwrap().expect("stored");
    assert_eq!(
        archive,
        oaj_oa::ProblemArchive { hash: hash.clone(), slug: "double".into(), bytes: bytes.clone(), created_ms: 7 }
    );
    let hashes = store.problem_archive_hashes().await.unwrap();
    assert_eq!(hashes, [hash, other].into_iter().collect());
}

on_both_backends!(async: a_revoked_invitation_says_revoked_and_a_used_one_stays_used);

/// The invitation states: open, then exactly one of used, revoked or
/// expired; used and revoked stay so after the expiry time passes.
async fn a_revoked_invitation_says_revoked_and_a_used_one_stays_used(store: TestStore) {
    use oaj_oa::accounts::{InvitationState, InvitationStatus};
    let store = store.open().await;
    let id = store.create_invitation("r1", Role::Member, None, 0, 1_000).await.unwrap();
    assert!(store.revoke_invitation(id, 100).await.unwrap());
    assert!(!store.revoke_invitation(id, 200).await.unwrap(), "revoking twice changes nothing");
    for now in [100, 999, 1_000, 5_000] {
        match store.invitation("r1", now).await.unwrap() {
            InvitationState::Revoked(invitation) => {
                assert_eq!((invitation.revoked_ms, invitation.used_ms, invitation.used_by), (Some(100), None, None));
                assert_eq!(invitation.expires_ms, 1_000, "the expiry it was made with is kept");
            }
            other => panic!("at {now}: revoked, not {other:?}"),
        }
    }
    assert!(
        matches!(store.join("r1", "cid", "$argon2id$x", 150).await, Err(Error::Conflict(m)) if m.contains("revoked"))
    );
    assert!(store.account_by_name("cid").await.unwrap().is_none());

    let used = store.create_invitation("u1", Role::Member, None, 0, 1_000).await.unwrap();
    store.join("u1", "dan", "$argon2id$x", 10).await.unwrap();
    assert!(!store.revoke_invitation(used, 20).await.unwrap(), "a used invitation cannot be revoked");
    assert!(matches!(store.invitation("u1", 5_000).await.unwrap(), InvitationState::Used(_)));
    store.create_invitation("e1", Role::Member, None, 0, 1_000).await.unwrap();

    let list = store.invitations().await.unwrap();
    let states: Vec<InvitationStatus> = list.iter().map(|i| i.state_at(500)).collect();
    assert_eq!(states, [InvitationStatus::Open, InvitationStatus::Used, InvitationStatus::Revoked], "newest first");
    let states: Vec<InvitationStatus> = list.iter().map(|i| i.state_at(1_000)).collect();
    assert_eq!(states, [InvitationStatus::Expired, InvitationStatus::Used, InvitationStatus::Revoked]);
}
