#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! Adding problems to a running server and hiding problems from drawing,
//! through `app(state)` and `oneshot`: a member is refused, a good upload
//! ends in the catalog, a broken one is refused with its validation log, a
//! hostile zip or an oversized body is a clear 4xx.

mod support;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use oaj_oa::{Account, Engine, Role};
use oaj_server::AppState;
use serde_json::Value;
use support::{python_available, EngineBuilder, Problem, Reply};

const DOUBLE: &str = "print(2 * int(input()))\n";
const BOUNDARY: &str = "----oajtestboundary";

struct Harness {
    dir: tempfile::TempDir,
    engine: Engine,
    member: Account,
}

/// A native stdio problem "print twice the number", solved by `solution`.
fn double_problem(title: &str, solution: &str) -> Problem {
    Problem::double("")
        .title(title)
        .time_limit_ms(3000)
        .case("hidden", "b", "5\n", "10\n")
        .file("solutions/accepted/double.py", solution)
}

/// [`double_problem`]'s files as (path, bytes) pairs, each path after `prefix`.
fn native_problem(prefix: &str, title: &str, solution: &str) -> Vec<(String, Vec<u8>)> {
    double_problem(title, solution).files().into_iter().map(|(p, t)| (format!("{prefix}{p}"), t.into_bytes())).collect()
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A multipart form body with the zip and an optional slug.
fn multipart(file_name: &str, zip: &[u8], slug: Option<&str>) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(slug) = slug {
        write!(body, "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"slug\"\r\n\r\n{slug}\r\n").unwrap();
    }
    write!(
        body,
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/zip\r\n\r\n"
    )
    .unwrap();
    body.extend_from_slice(zip);
    write!(body, "\r\n--{BOUNDARY}--\r\n").unwrap();
    body
}

impl Harness {
    async fn new() -> Harness {
        let mut builder = EngineBuilder::new();
        for (slug, difficulty) in [("bank-e", "easy"), ("bank-m", "medium")] {
            let mut problem = double_problem(&format!("Bank {slug}"), DOUBLE).difficulty(difficulty);
            problem.slug = slug.into();
            builder = builder.problem(problem);
        }
        let t = builder.build().await;
        let member = support::account(&t.engine, "mia", Role::Member).await;
        Harness { dir: t.dir, engine: t.engine, member }
    }

    async fn send_as(&self, account: &Account, request: Request<Body>) -> Reply {
        support::send_as(AppState::for_account(self.engine.clone(), account.clone()), request).await
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        self.send_as(&Account::local(), request).await
    }

    async fn get(&self, path: &str) -> Reply {
        self.send(support::get(path)).await
    }

    fn form(path: &str, form: &str) -> Request<Body> {
        support::form(path, form)
    }

    fn upload_request(body: Vec<u8>) -> Request<Body> {
        Request::post("/admin/problems/upload")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"))
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap()
    }

    async fn upload(&self, file_name: &str, zip: &[u8], slug: Option<&str>) -> Reply {
        self.send(Harness::upload_request(multipart(file_name, zip, slug))).await
    }

    /// Follows an import to its end through the JSON route.
    async fn wait_import(&self, location: &str) -> Value {
        let id = location.strip_prefix("/admin/problems/imports/").expect("an import page");
        for _ in 0..1200 {
            let reply = self.get(&format!("/api/admin/problems/imports/{id}")).await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            let json: Value = serde_json::from_str(&reply.body).unwrap();
            if json["status"] != "validating" {
                return json;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("import {id} still validating after 60 s");
    }
}

#[tokio::test]
async fn a_member_is_refused_every_problem_admin_route() {
    let h = Harness::new().await;
    let zip = zip_of(&native_problem("", "Double", DOUBLE));
    let requests = vec![
        Request::get("/admin/problems").body(Body::empty()).unwrap(),
        Request::get("/admin/problems/imports/1").body(Body::empty()).unwrap(),
        Request::get("/api/admin/problems/imports/1").body(Body::empty()).unwrap(),
        Harness::form("/admin/problems/bank-e/draw", "hidden=true"),
        Harness::form("/admin/problems/import-dir", "path=/tmp"),
        Harness::upload_request(multipart("double.zip", &zip, None)),
    ];
    for request in requests {
        let what = format!("{} {}", request.method(), request.uri());
        let reply = h.send_as(&h.member, request).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{what}: {}", reply.body);
    }
    assert!(h.engine.catalog().get("double").is_none());
    assert!(!h.engine.catalog().is_hidden_from_draw("bank-e"));
}

#[tokio::test]
async fn a_good_upload_ends_in_the_catalog_and_a_broken_one_is_refused_with_its_log() {
    if !python_available() {
        return;
    }
    let h = Harness::new().await;
    let page = h.get("/admin/problems").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(&["id=\"upload-form\"", "enctype=\"multipart/form-data\"", "bank-e", "Not enabled"]);

    // A zip made by "compress folder": the problem inside one folder.
    let good = zip_of(&native_problem("double/", "Double it", DOUBLE));
    let reply = h.upload("whatever.zip", &good, None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let import = h.wait_import(&reply.location()).await;
    assert_eq!(import["status"], "ready", "{}", import["log"]);
    assert_eq!(import["slug"], "double");
    assert!(import["log"].as_str().unwrap().contains("solutions/accepted/double.py"), "{import}");
    let entry = h.engine.catalog().get("double").cloned().expect("in the catalog");
    assert_eq!(entry.title, "Double it");
    assert!(h.dir.path().join("data/problems/double/problem.toml").is_file());
    let page = h.get(&reply.location()).await;
    page.assert_contains(&["Validation log", "in the bank", "/practice/double"]);
    // A member can practise it right away.
    let practice = h.send_as(&h.member, Request::get("/practice/double").body(Body::empty()).unwrap()).await;
    assert_eq!(practice.status, StatusCode::SEE_OTHER, "{}", practice.body);

    // The same slug again: 409, the problem in use never changes.
    let again = h.upload("double.zip", &good, None).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body.contains("already in the bank"), "{}", again.body);

    // A reference solution that is wrong: refused, with the reason.
    let broken = zip_of(&native_problem("", "Broken", "print(3 * int(input()))\n"));
    let reply = h.upload("broken.zip", &broken, Some("broken")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let import = h.wait_import(&reply.location()).await;
    assert_eq!(import["status"], "failed");
    let log = import["log"].as_str().unwrap();
    assert!(log.contains("WA on") && log.contains("FAIL") && log.contains("not added"), "{log}");
    assert!(h.engine.catalog().get("broken").is_none());
    assert!(!h.dir.path().join("data/problems/broken").exists());
    let page = h.get(&reply.location()).await;
    page.assert_contains(&["failed", "WA on", "It was not added"]);
    // A failed slug is free to be uploaded again (fixed).
    let fixed = zip_of(&native_problem("", "Fixed", DOUBLE));
    let reply = h.upload("broken.zip", &fixed, None).await;
    let import = h.wait_import(&reply.location()).await;
    assert_eq!(import["status"], "ready", "{}", import["log"]);

    // No accepted solution at all: nothing has checked the answers.
    let mut unchecked = native_problem("", "Unchecked", DOUBLE);
    unchecked.retain(|(path, _)| !path.starts_with("solutions/"));
    let reply = h.upload("unchecked.zip", &zip_of(&unchecked), None).await;
    let import = h.wait_import(&reply.location()).await;
    assert_eq!(import["status"], "failed");
    assert!(import["log"].as_str().unwrap().contains("no accepted solution"), "{import}");

    let page = h.get("/admin/problems").await;
    page.assert_contains(&["id=\"imports\"", "broken", "unchecked", "double", ">added<"]);
}

#[tokio::test]
async fn a_kattis_package_is_converted_with_its_computed_time_limit() {
    if !python_available() {
        return;
    }
    let h = Harness::new().await;
    let files: Vec<(String, Vec<u8>)> = [
        ("problem.yaml", "name: Doubling\n"),
        ("problem_statement/problem.en.md", "Print twice the number.\n"),
        ("data/sample/1.in", "3\n"),
        ("data/sample/1.ans", "6\n"),
        ("data/secret/a.in", "1\n"),
        ("data/secret/a.ans", "2\n"),
        ("submissions/accepted/double.py", DOUBLE),
        ("submissions/wrong_answer/triple.py", "print(3 * int(input()))\n"),
    ]
    .into_iter()
    .map(|(p, t)| (format!("doubling/{p}"), t.as_bytes().to_vec()))
    .collect();
    let reply = h.upload("doubling.zip", &zip_of(&files), None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let import = h.wait_import(&reply.location()).await;
    assert_eq!(import["status"], "ready", "{}", import["log"]);
    assert_eq!(import["format"], "kattis");
    let log = import["log"].as_str().unwrap();
    assert!(log.contains("computed from the accepted submissions") && log.contains("wrong_answer"), "{log}");
    let entry = h.engine.catalog().get("doubling").cloned().expect("in the catalog");
    // Written out as a native problem, its limit kept in problem.toml.
    let toml = std::fs::read_to_string(h.dir.path().join("data/problems/doubling/problem.toml")).unwrap();
    assert!(toml.contains(&format!("time_limit_ms = {}", entry.problem.limits.time_limit_ms)), "{toml}");
    assert_ne!(entry.problem.limits.time_limit_ms, oaj_spec::kattis::PROVISIONAL_TIME_LIMIT_MS);
}

#[tokio::test]
async fn hostile_and_oversized_uploads_are_clear_4xx_and_write_nothing() {
    let h = Harness::new().await;
    let data = h.dir.path().join("data");
    // (what, zip bytes, status, words of the message)
    let slip = zip_of(&[("../../evil.txt".to_string(), b"x".to_vec())]);
    let absolute = zip_of(&[("/tmp/oaj-evil.txt".to_string(), b"x".to_vec())]);
    let symlink = {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        writer.add_symlink("p/link", "/etc/passwd", options).unwrap();
        writer.finish().unwrap().into_inner()
    };
    let no_problem = zip_of(&[("readme.txt".to_string(), b"hello".to_vec())]);
    let table: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        ("zip slip", slip, StatusCode::BAD_REQUEST, "leaves the problem directory"),
        ("absolute path", absolute, StatusCode::BAD_REQUEST, "absolute path"),
        ("symlink", symlink, StatusCode::BAD_REQUEST, "symbolic link"),
        ("not a zip", b"this is not a zip".to_vec(), StatusCode::BAD_REQUEST, "not a zip"),
        ("no problem inside", no_problem, StatusCode::BAD_REQUEST, "no problem here"),
    ];
    for (what, zip, status, words) in table {
        let reply = h.upload("evil.zip", &zip, None).await;
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert!(reply.body.contains(words), "{what}: {words:?} missing from {}", reply.body);
    }
    assert!(!h.dir.path().join("evil.txt").exists() && !Path::new("/tmp/oaj-evil.txt").exists());
    // Nothing is left behind but the empty staging directory.
    let staged: Vec<_> = std::fs::read_dir(data.join("problems/.staging")).unwrap().flatten().collect();
    assert!(staged.is_empty(), "{staged:?}");

    // A bad slug is refused before anything is recorded.
    let good = zip_of(&native_problem("", "Double", DOUBLE));
    let reply = h.upload("double.zip", &good, Some("../etc")).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(reply.body.contains("cannot be a problem"), "{}", reply.body);

    // Over the upload limit: 413, with a Content-Length (refused before
    // the handler runs) or without one (cut while it streams).
    let huge = multipart("huge.zip", &vec![0u8; oaj_server_upload_limit() + 1024], None);
    let mut with_length = Harness::upload_request(huge.clone());
    with_length.headers_mut().insert(header::CONTENT_LENGTH, huge.len().into());
    for request in [with_length, Harness::upload_request(huge)] {
        let reply = h.send(request).await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", reply.body);
        assert!(reply.body.contains("32 MiB"), "{}", reply.body);
    }
    // Between the global limit and the upload limit: accepted as a body
    // (and refused as a zip), so the override works.
    let mid = vec![0u8; 3 * 1024 * 1024];
    let reply = h.upload("mid.zip", &mid, None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    // Other routes keep the global limit.
    let big_form = format!("hidden=true&pad={}", "x".repeat(3 * 1024 * 1024));
    let reply = h.send(Harness::form("/admin/problems/bank-e/draw", &big_form)).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", reply.body);
    assert!(!h.engine.catalog().is_hidden_from_draw("bank-e"));
}

fn oaj_server_upload_limit() -> usize {
    32 * 1024 * 1024
}

#[tokio::test]
async fn hiding_from_drawing_and_directory_imports_from_the_page() {
    let h = Harness::new().await;
    let reply = h.send(Harness::form("/admin/problems/bank-e/draw", "hidden=true")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    assert!(h.engine.catalog().is_hidden_from_draw("bank-e"));
    h.get("/admin/problems").await.assert_contains(&["Show in drawing", "hidden"]);
    // A member's home page no longer lists it; an admin's still does.
    let home = h.send_as(&h.member, Request::get("/").body(Body::empty()).unwrap()).await;
    assert!(!home.body.contains("/practice/bank-e") && home.body.contains("/practice/bank-m"), "{}", home.body);
    assert!(h.get("/").await.body.contains("/practice/bank-e"));
    let practice = h.send_as(&h.member, Request::get("/practice/bank-e").body(Body::empty()).unwrap()).await;
    assert_eq!(practice.status, StatusCode::NOT_FOUND);
    let bad = h.send(Harness::form("/admin/problems/bank-e/draw", "hidden=maybe")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let unknown = h.send(Harness::form("/admin/problems/nope/draw", "hidden=true")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let reply = h.send(Harness::form("/admin/problems/bank-e/draw", "hidden=false")).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(!h.engine.catalog().is_hidden_from_draw("bank-e"));

    // Directory imports: refused without a root, and outside the roots.
    let root = h.dir.path().join("root");
    std::fs::create_dir_all(root.join("p")).unwrap();
    let form = format!("path={}", root.join("p").display());
    let reply = h.send(Harness::form("/admin/problems/import-dir", &form)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert!(reply.body.contains("--problem-import-root"), "{}", reply.body);
    h.engine.set_import_roots(std::slice::from_ref(&root)).unwrap();
    let reply = h.send(Harness::form("/admin/problems/import-dir", "path=/etc")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    h.get("/admin/problems").await.assert_contains(&["id=\"import-dir-form\"", &root.display().to_string()]);
}
