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
