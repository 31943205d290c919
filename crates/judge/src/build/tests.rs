//! Tests of the compile cache.

use super::*;

#[test]
fn compiler_messages_lose_sandbox_paths_and_are_cut() {
    let work = Path::new("/var/cache/oaj/builds/.building-x");
    let text = "/var/cache/oaj/builds/.building-x/main.cpp:3:5: error: x\n/box/main.cpp:4:1: note";
    assert_eq!(tidy_compiler_message(text, work), "main.cpp:3:5: error: x\nmain.cpp:4:1: note");
    let long = "error line\n".repeat(500);
    let tidy = tidy_compiler_message(&long, work);
    assert!(tidy.lines().count() <= MAX_MESSAGE_LINES + 1);
    assert!(tidy.ends_with("(compiler output cut)"));
}

fn fake_build(builds: &Path, name: &str, bytes: usize, age_secs: u64) -> PathBuf {
    let dir = builds.join(name);
    fs::create_dir_all(&dir).expect("build dir");
    fs::write(dir.join("main"), vec![0u8; bytes]).expect("artifact");
    let record = BuildRecord { ok: true, message: String::new(), time_ms: 1, bytes: Some(bytes as u64) };
    fs::write(dir.join(BUILD_RECORD), serde_json::to_vec(&record).expect("json")).expect("record");
    let used = std::time::SystemTime::now() - Duration::from_secs(age_secs);
    fs::File::options()
        .append(true)
        .open(dir.join(BUILD_RECORD))
        .and_then(|f| f.set_modified(used))
        .expect("set last use");
    dir
}

fn names(builds: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(builds).expect("builds").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn eviction_takes_the_least_recently_used_and_spares_builds_in_use() {
    let cache = tempfile::tempdir().expect("tempdir");
    let builds = cache.path().join("builds");
    for (name, age) in [("c-old", 500), ("c-older", 600), ("c-oldest", 700), ("c-new", 10), ("c-newer", 5)] {
        fake_build(&builds, name, 100, age);
    }
    // A cache hit makes a build recent again.
    touch(&builds.join("c-older"));
    let limits = CacheLimits { max_bytes: u64::MAX, max_entries: 3, max_build_bytes: u64::MAX };
    evict(&builds, &limits);
    assert_eq!(names(&builds), ["c-new", "c-newer", "c-older"]);

    // In use by this process: passed by, the next oldest goes instead.
    let hold = pin(&builds.join("c-new"));
    let limits = CacheLimits { max_bytes: 150, max_entries: 100, max_build_bytes: u64::MAX };
    evict(&builds, &limits);
    assert_eq!(names(&builds), ["c-new"]);
    drop(hold);
    let limits = CacheLimits { max_bytes: 50, max_entries: 100, max_build_bytes: u64::MAX };
    evict(&builds, &limits);
    assert!(names(&builds).is_empty());
}

#[test]
fn a_build_over_the_limit_is_judged_but_not_cached() {
    let cache = tempfile::tempdir().expect("tempdir");
    let builds = cache.path().join("builds");
    fs::create_dir_all(&builds).expect("builds");
    let limits = CacheLimits { max_bytes: u64::MAX, max_entries: 100, max_build_bytes: 1000 };
    let record = || BuildRecord { ok: true, message: String::new(), time_ms: 1, bytes: None };

    let work = tempfile::Builder::new().prefix(".building-").tempdir_in(&builds).expect("work");
    fs::write(work.path().join("main"), vec![1u8; 2000]).expect("artifact");
    let final_dir = builds.join("c-big");
    let build = store(work, &final_dir, record(), pin(&final_dir), &limits).expect("store");
    assert!(!build.is_cached());
    assert!(!final_dir.exists(), "published a build over the limit");
    assert_eq!(fs::read(build.dir.join("main")).expect("artifact to judge with").len(), 2000);
    let temporary = build.dir.clone();
    let copy = build.clone();
    drop(build);
    assert!(temporary.exists(), "removed while a clone is in use");
    drop(copy);
    assert!(!temporary.exists(), "the uncached build is left behind");

    let work = tempfile::Builder::new().prefix(".building-").tempdir_in(&builds).expect("work");
    fs::write(work.path().join("main"), vec![1u8; 500]).expect("artifact");
    let final_dir = builds.join("c-small");
    let build = store(work, &final_dir, record(), pin(&final_dir), &limits).expect("store");
    assert!(build.is_cached() && build.dir == final_dir);
    assert_eq!(read_record(&final_dir).map(|r| r.ok), Some(true));
    assert_eq!(names(&builds), ["c-small"]);
}

#[test]
fn stale_work_dirs_of_dead_judges_are_swept() {
    let cache = tempfile::tempdir().expect("tempdir");
    // No process has pid 0 in /proc; ours is alive.
    let dead = [("builds", ".building-0-abc"), ("builds", ".evicted-0-c-x"), ("scratch", "run-0-xyz")];
    let mine = format!("run-{}-xyz", std::process::id());
    let keep = [("builds", "c-cached"), ("scratch", mine.as_str()), ("scratch", "run-notapid")];
    for (sub, name) in dead.iter().chain(&keep) {
        fs::create_dir_all(cache.path().join(sub).join(name)).expect("dir");
    }
    sweep_stale_work_dirs(cache.path());
    for (sub, name) in dead {
        assert!(!cache.path().join(sub).join(name).exists(), "{name} left");
    }
    for (sub, name) in keep {
        assert!(cache.path().join(sub).join(name).exists(), "{name} swept");
    }
}

#[test]
fn artifact_patterns() {
    assert!(matches_artifact("*.class", "Main.class"));
    assert!(!matches_artifact("*.class", "Main.java"));
    assert!(matches_artifact("main", "main"));
    assert!(!matches_artifact("main", "main.o"));
}

#[test]
fn cache_entries_are_told_apart_by_language() {
    let languages = crate::language::Languages::parse(crate::language::BUNDLED_LANGUAGES_TOML, "languages.toml")
        .expect("the bundled languages parse");
    let cpp = languages.get("cpp").expect("cpp");
    let key = "0123456789abcdef0123456789abcdef";
    // (cache entry name, whether it is C++'s)
    let table = [
        (format!("cpp-{key}"), true),
        (format!("cpp-{key}.lock"), true),
        (format!("cpp-{key}.failed"), true),
        (format!("cpp-20-{key}"), false),
        (format!("c-{key}"), false),
        ("cpp-short".to_string(), false),
        (format!(".building-1-cpp-{key}"), false),
    ];
    for (name, wanted) in table {
        assert_eq!(shared::belongs_to(&name, cpp), wanted, "{name}");
    }
}
