//! The stylesheet and the one script, compiled into the binary so `oaj
//! serve` needs no files beside it.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

pub const STYLE: &str = include_str!("../static/style.css");
pub const SCRIPT: &str = include_str!("../static/editor.js");

pub const STYLE_URL: &str = "/static/style.css";
pub const SCRIPT_URL: &str = "/static/editor.js";

fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            // Short: a new binary must not be shadowed by a stale script for long.
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")),
        ],
        body,
    )
        .into_response()
}

pub async fn style() -> Response {
    asset(STYLE, "text/css; charset=utf-8")
}

pub async fn script() -> Response {
    asset(SCRIPT, "text/javascript; charset=utf-8")
}
