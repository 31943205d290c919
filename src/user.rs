//! `oaj user`: accounts of a server with `oaj serve --accounts`, managed on
//! its data directory (safe while the server runs: the store is SQLite in
//! WAL mode).

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use oaj_oa::accounts::{self, check_new_password, hash_password, normalize_user_name};
use oaj_oa::{Clock, Role, Store, SystemClock};

#[derive(Args)]
pub struct UserArgs {
    /// The server's data directory (default: $XDG_DATA_HOME/oaj, else
    /// ~/.local/share/oaj), as given to `oaj serve --data`.
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user. The password is asked twice on a terminal, or read as
    /// one line from standard input otherwise.
    Add {
        /// Make the user an admin (invites, schedules group OAs...).
        #[arg(long)]
        admin: bool,
        /// User name: letters a-z, digits, '.', '_' and '-'.
        name: String,
    },
    /// List the users.
    List,
    /// Set a user's password (asked like for `add`); their sessions end.
    Passwd { name: String },
    /// Disable a user: they cannot log in, and their sessions end now.
    Disable { name: String },
    /// Enable a disabled user again.
    Enable { name: String },
    /// Make an invitation link: whoever opens it first picks a user name
    /// and a password.
    Invite {
        /// The new account is an admin.
        #[arg(long)]
        admin: bool,
        /// Hours until the link expires (1 to 720).
        #[arg(long, value_name = "N", default_value_t = 72)]
        hours: u32,
        /// The server's address as others reach it, to print a whole link.
        #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
        url: String,
    },
}

pub fn user(args: &UserArgs) -> anyhow::Result<ExitCode> {
    let data = args.data.clone().unwrap_or_else(oaj_oa::default_data_dir);
    crate::runtime()?.block_on(async {
        let store = Store::open(&data).await.with_context(|| format!("cannot open the store in {}", data.display()))?;
        let now = SystemClock.now_ms();
        match &args.command {
            UserCommand::Add { admin, name } => {
                let name = normalize_user_name(name)?;
                let password = read_new_password(&format!("Password for {name}"))?;
                let hash = hash_blocking(password).await?;
                let role = if *admin { Role::Admin } else { Role::Member };
                store.create_user(&name, role, Some(&hash), now).await?;
                println!("added {} {name}", role.as_str());
            }
            UserCommand::List => list(&store).await?,
            UserCommand::Passwd { name } => {
                let account = find(&store, name).await?;
                let password = read_new_password(&format!("New password for {}", account.name))?;
                let hash = hash_blocking(password).await?;
                store.set_password(account.id, &hash).await?;
                let ended = store.end_sessions_of(account.id, None).await?;
                println!("password of {} changed; {ended} session(s) ended", account.name);
            }
            UserCommand::Disable { name } => {
                let account = find(&store, name).await?;
                store.set_user_disabled(account.id, Some(now)).await?;
                println!("{} is disabled: they cannot log in, and their sessions have ended", account.name);
            }
            UserCommand::Enable { name } => {
                let account = find(&store, name).await?;
                store.set_user_disabled(account.id, None).await?;
                println!("{} is enabled", account.name);
            }
            UserCommand::Invite { admin, hours, url } => invite(&store, &data, *admin, *hours, url, now).await?,
        }
        Ok(ExitCode::SUCCESS)
    })
}

async fn find(store: &Store, name: &str) -> anyhow::Result<oaj_oa::Account> {
    let name = normalize_user_name(name)?;
    match store.account_by_name(&name).await? {
        Some(account) => Ok(account),
        None => bail!("there is no user {name:?} (see `oaj user list`)"),
    }
}

async fn hash_blocking(password: String) -> anyhow::Result<String> {
    Ok(tokio::task::spawn_blocking(move || hash_password(&password)).await.context("the hashing task failed")??)
}

/// A new password: asked twice without echo on a terminal; otherwise the
/// first line of standard input (for scripts: `echo PASS | oaj user add`).
fn read_new_password(prompt: &str) -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("{prompt}: ")).context("cannot read the password")?;
        let again = rpassword::prompt_password("Repeat it: ").context("cannot read the password")?;
        if first != again {
            bail!("the two passwords differ; nothing was changed");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
        if line.is_empty() {
            bail!("no password on standard input: give it as one line (or run this on a terminal to be asked)");
        }
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    check_new_password(&password)?;
    Ok(password)
}

async fn list(store: &Store) -> anyhow::Result<()> {
    let users = store.users().await?;
    println!("{:<5} {:<24} {:<7} {:<9} created", "id", "name", "role", "state");
    for user in users {
        let state = if user.disabled_ms.is_some() {
            "disabled"
        } else if user.account.id == oaj_oa::LOCAL_USER {
            // The local user of a server without accounts has no password.
            "no login"
        } else {
            "active"
        };
        println!(
            "{:<5} {:<24} {:<7} {:<9} {}",
            user.account.id,
            user.account.name,
            user.account.role.as_str(),
            state,
            if user.created_ms == 0 { "-".to_string() } else { utc(user.created_ms) }
        );
    }
    Ok(())
}

async fn invite(store: &Store, data: &Path, admin: bool, hours: u32, url: &str, now: i64) -> anyhow::Result<()> {
    let max = oaj_server::accounts::MAX_INVITATION_HOURS;
    if !(1..=max).contains(&hours) {
        bail!("--hours must be 1 to {max}, not {hours}");
    }
    let role = if admin { Role::Admin } else { Role::Member };
    let token = accounts::new_token();
    let expires = now + i64::from(hours) * 3_600_000;
    store.create_invitation(&accounts::token_hash(&token), role, None, now, expires).await?;
    println!("Invitation for one {} account, valid for {hours} h (until {}):", role.as_str(), utc(expires));
    println!("  {}/join/{token}", url.trim_end_matches('/'));
    eprintln!("(for the server using {}; it works once)", data.display());
    Ok(())
}

fn utc(ms: i64) -> String {
    oaj_server::utc_text(ms)
}
