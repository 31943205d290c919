#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test

use super::*;

const ROOMY: CacheLimits = CacheLimits { max_bytes: u64::MAX, max_entries: usize::MAX };

/// Publishes `name` holding one file of `bytes` bytes; returns it held.
fn put(cache: &EntryCache, name: &str, bytes: usize) -> Entry {
    let staged = cache.stage().unwrap();
    fs::write(staged.path().join("data"), vec![b'x'; bytes]).unwrap();
    cache.publish(staged, name).unwrap().unwrap()
}

/// Makes `name` look last used `seconds_ago`.
fn age(cache: &EntryCache, name: &str, seconds_ago: u64) {
    let file = File::options().append(true).open(cache.root().join(name).join(MARKER)).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(seconds_ago)).unwrap();
}

fn names(cache: &EntryCache) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(cache.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn eviction_keeps_the_most_recently_used_within_both_limits() {
    // (limits, the entries' sizes oldest first, what is left)
    let table: &[(CacheLimits, &[usize], &[&str])] = &[
        (CacheLimits { max_bytes: u64::MAX, max_entries: 2 }, &[10, 10, 10, 10], &["c", "d"]),
        (CacheLimits { max_bytes: 25, max_entries: 100 }, &[10, 10, 10, 10], &["c", "d"]),
        (CacheLimits { max_bytes: 1000, max_entries: 100 }, &[10, 10, 10, 10], &["a", "b", "c", "d"]),
        // A large old entry goes first and makes room for all the others.
        (CacheLimits { max_bytes: 40, max_entries: 100 }, &[100, 10, 10, 10], &["b", "c", "d"]),
        (CacheLimits { max_bytes: 0, max_entries: 0 }, &[1, 1], &[]),
    ];
    for (limits, sizes, left) in table {
        let root = tempfile::tempdir().unwrap();
        let cache = EntryCache::new(root.path().join("cache"), *limits).unwrap();
        for (i, size) in sizes.iter().enumerate() {
            let name = ["a", "b", "c", "d"][i];
            drop(put(&cache, name, *size));
            age(&cache, name, 100 - i as u64);
        }
        let before = names(&cache);
        let evicted = cache.evict();
        assert_eq!(names(&cache), *left, "{limits:?}");
        assert_eq!(evicted.entries, before.len() - left.len(), "{limits:?}");
    }
}

#[test]
fn opening_an_entry_makes_it_the_most_recently_used() {
    let root = tempfile::tempdir().unwrap();
    let cache = EntryCache::new(root.path(), CacheLimits { max_bytes: u64::MAX, max_entries: 2 }).unwrap();
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        drop(put(&cache, name, 1));
        age(&cache, name, 100 - i as u64);
    }
    // a is the oldest, but used now.
    drop(cache.open("a").unwrap().expect("a is there"));
    cache.evict();
    assert_eq!(names(&cache), ["a", "c"]);
    assert!(cache.open("b").unwrap().is_none());
}

#[test]
fn an_entry_in_use_is_never_evicted_by_this_or_another_cache_handle() {
    let root = tempfile::tempdir().unwrap();
    let limits = CacheLimits { max_bytes: u64::MAX, max_entries: 1 };
    let cache = EntryCache::new(root.path(), limits).unwrap();
    let held_old = put(&cache, "old", 5);
    age(&cache, "old", 1000);
    let held_new = put(&cache, "new", 5);
    // A second handle on the same dir stands for a second worker in this
    // process (the locks belong to open files, not to processes).
    let other = EntryCache::new(root.path(), limits).unwrap();
    assert_eq!(other.evict(), Evicted::default(), "both are in use");
    assert_eq!(names(&cache), ["new", "old"]);
    // The least recently used is still in use: the next one goes.
    drop(held_new);
    assert_eq!(other.evict(), Evicted { entries: 1, bytes: 5 });
    assert_eq!(names(&cache), ["old"]);
    assert!(!other.remove("old").unwrap(), "removing an entry in use is refused");
    assert_eq!(fs::read(held_old.dir().join("data")).unwrap().len(), 5);
    drop(held_old);
    drop(put(&cache, "third", 1));
    assert_eq!(other.evict(), Evicted { entries: 1, bytes: 5 });
    assert_eq!(names(&cache), ["third"]);
}

#[test]
fn an_entry_held_by_another_process_is_not_evicted() {
    let root = tempfile::tempdir().unwrap();
    let cache = EntryCache::new(root.path(), CacheLimits { max_bytes: u64::MAX, max_entries: 1 }).unwrap();
    drop(put(&cache, "old", 1));
    age(&cache, "old", 1000);
    // util-linux flock(1) holds a shared lock on the marker, as a judge
    // in another process does while it uses the entry.
    let marker = root.path().join("old").join(MARKER);
    let mut holder = match std::process::Command::new("flock")
        .arg("--shared")
        .arg(&marker)
        // Holds it until its stdin closes.
        .args(["sh", "-c", "echo locked; read line; exit 0"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => panic!("flock(1) (util-linux) is needed for this test: {e}"),
    };
    let mut line = String::new();
    io::BufRead::read_line(&mut io::BufReader::new(holder.stdout.take().unwrap()), &mut line).unwrap();
    assert_eq!(line.trim(), "locked");
    let new = put(&cache, "new", 1);
    assert_eq!(cache.evict().entries, 0);
    assert_eq!(names(&cache), ["new", "old"]);
    drop(holder.stdin.take());
    assert!(holder.wait().unwrap().success());
    assert_eq!(cache.evict().entries, 1);
    assert_eq!(names(&cache), ["new"]);
    drop(new);
}

#[test]
fn the_second_publisher_of_a_name_gets_the_first_ones_entry() {
    let root = tempfile::tempdir().unwrap();
    let cache = EntryCache::new(root.path(), ROOMY).unwrap();
    let first = put(&cache, "p", 3);
    let second = put(&cache, "p", 7);
    assert_eq!(second.dir(), first.dir());
    assert_eq!(second.id().unwrap(), first.id().unwrap());
    assert_eq!(fs::read(second.dir().join("data")).unwrap().len(), 3);
    assert_eq!(names(&cache), ["p"], "the second staging dir is removed");
}

#[test]
fn a_directory_that_is_no_entry_is_replaced_and_counted() {
    let root = tempfile::tempdir().unwrap();
    let cache = EntryCache::new(root.path(), CacheLimits { max_bytes: u64::MAX, max_entries: 1 }).unwrap();
    // As an older layout left it: files, no marker.
    fs::create_dir_all(root.path().join("p/inner")).unwrap();
    fs::write(root.path().join("p/inner/file"), "old").unwrap();
    assert!(cache.open("p").unwrap().is_none());
    let entry = put(&cache, "p", 2);
    assert!(!entry.dir().join("inner").exists());
    drop(entry);
    fs::create_dir_all(root.path().join("q/inner")).unwrap();
    let file = File::create(root.path().join("q/inner/file")).unwrap();
    drop(file);
    let dir = File::open(root.path().join("q")).unwrap();
    dir.set_modified(SystemTime::now() - Duration::from_secs(1000)).unwrap();
    cache.evict();
    assert_eq!(names(&cache), ["p"], "the unmarked directory counts and is the oldest");
}

#[test]
fn a_sweep_removes_what_dead_processes_left_and_spares_live_stagers() {
    let root = tempfile::tempdir().unwrap();
    let cache = EntryCache::new(root.path(), ROOMY).unwrap();
    let live = cache.stage().unwrap();
    fs::write(live.path().join("data"), "x").unwrap();
    // A dead stager's dir: marked, nobody holds the lock.
    fs::create_dir(root.path().join(".staging-dead")).unwrap();
    fs::write(root.path().join(".staging-dead").join(MARKER), "").unwrap();
    // Unmarked: a stager may be between making the dir and the marker.
    fs::create_dir(root.path().join(".staging-young")).unwrap();
    fs::create_dir_all(root.path().join(".evicted-1-2-3/x")).unwrap();
    drop(put(&cache, "kept", 1));
    cache.sweep();
    let left = names(&cache);
    assert!(left.contains(&".staging-young".to_string()), "{left:?}");
    assert!(left.contains(&"kept".to_string()), "{left:?}");
    assert!(!left.iter().any(|n| n == ".staging-dead" || n.starts_with(".evicted-")), "{left:?}");
    assert!(live.path().join("data").is_file(), "a live stager's dir is kept");
    drop(live);
    assert_eq!(names(&cache), [".staging-young", "kept"], "an unpublished staging dir goes when dropped");
}

#[test]
fn names_cannot_leave_the_cache() {
    let root = tempfile::tempdir().unwrap();
    let cache = EntryCache::new(root.path(), ROOMY).unwrap();
    for bad in ["", "..", ".entry", ".staging-x", "a/b", "../x"] {
        assert!(cache.open(bad).is_err(), "{bad:?}");
        let staged = cache.stage().unwrap();
        assert!(cache.publish(staged, bad).is_err(), "{bad:?}");
    }
    assert!(names(&cache).is_empty(), "{:?}", names(&cache));
}

/// Threads stand for judges sharing a cache dir far too small for what they
/// use: each opens or makes entries and, while holding one, checks that
/// every file of it is there and whole. A reader that ever sees a
/// half-removed or half-written entry fails.
#[test]
fn concurrent_users_never_see_a_partial_entry() {
    const FILES: usize = 20;
    let root = tempfile::tempdir().unwrap();
    let limits = CacheLimits { max_bytes: u64::MAX, max_entries: 2 };
    let threads: Vec<_> = (0..6)
        .map(|t| {
            // Each thread its own handle, as each worker process has.
            let cache = EntryCache::new(root.path(), limits).unwrap();
            std::thread::spawn(move || {
                let (mut made, mut reused) = (0, 0);
                for round in 0..150 {
                    let name = format!("e{}", (round * 7 + t * 3) % 5);
                    let entry = match cache.open(&name).unwrap() {
                        Some(entry) => {
                            reused += 1;
                            entry
                        }
                        None => {
                            let staged = cache.stage().unwrap();
                            for f in 0..FILES {
                                fs::write(staged.path().join(format!("{f}")), format!("{name}:{f}")).unwrap();
                            }
                            let Some(entry) = cache.publish(staged, &name).unwrap() else { continue };
                            made += 1;
                            entry
                        }
                    };
                    for f in 0..FILES {
                        let text = fs::read_to_string(entry.dir().join(format!("{f}")))
                            .unwrap_or_else(|e| panic!("{name}/{f} while held: {e}"));
                        assert_eq!(text, format!("{name}:{f}"));
                    }
                    cache.evict();
                }
                (made, reused)
            })
        })
        .collect();
    let (mut made, mut reused) = (0, 0);
    for thread in threads {
        let (m, r) = thread.join().unwrap();
        made += m;
        reused += r;
    }
    // Both paths ran: entries were evicted and made again, and reused.
    assert!(made > 5 && reused > 0, "made {made}, reused {reused}");
    let cache = EntryCache::new(root.path(), limits).unwrap();
    cache.evict();
    cache.sweep();
    let left = names(&cache);
    assert!(left.len() <= 2 && left.iter().all(|n| !n.starts_with('.')), "{left:?}");
}
