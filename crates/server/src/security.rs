//! Browser-facing protections: response headers, and a same-origin check on
//! every state-changing request (CSRF).

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::Failure;

/// No inline script or style anywhere: pages load `/static/editor.js` and
/// `/static/style.css` only, and data for the script travels in an inert
/// `application/json` block.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Headers every response gets unless it set its own. Pages and API
/// answers are never cached: a draft, a clock or a score must always come
/// fresh from the server (static assets set their own `Cache-Control`).
pub fn security_headers() -> [(header::HeaderName, HeaderValue); 6] {
    [
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("same-origin")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (header::HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")),
    ]
}

/// Refuses a state-changing request that a browser says comes from another
/// site. Browsers mark every request with `Sec-Fetch-Site` (current ones) or
/// at least `Origin` on a POST; a request with neither does not come from a
/// browser page (curl, tests, the terminal), so it cannot be a forged
/// cross-site request and is let through.
pub async fn same_origin(request: Request, next: Next) -> Result<Response, Failure> {
    let method = request.method();
    if method == Method::GET || method == Method::HEAD || method == Method::OPTIONS {
        // `GET /practice/{slug}` starts a practice attempt (so that a plain
        // link can start one). Another site's <img> or fetch, or a browser's
        // prefetch of the link, must not fill the history with attempts.
        if method != Method::OPTIONS && request.uri().path().starts_with("/practice/") {
            if let Err(why) = check_practice_link(request.headers()) {
                return Err(Failure::forbidden(format!("this request was refused: {why}")).back("/"));
            }
        }
        return Ok(next.run(request).await);
    }
    if let Err(why) = check_same_origin(request.headers()) {
        let api = request.uri().path().starts_with("/api/");
        return Err(Failure::forbidden(format!("this request was refused: {why}")).api(api));
    }
    Ok(next.run(request).await)
}

/// A practice link may be followed (a navigation, from any page) but not
/// loaded as a resource by another site, nor prefetched.
fn check_practice_link(headers: &HeaderMap) -> Result<(), String> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    if text("sec-purpose").contains("prefetch") || text("purpose").contains("prefetch") {
        return Err("a prefetch does not start a practice session; open the link to start one".to_string());
    }
    let site = text("sec-fetch-site");
    let mode = text("sec-fetch-mode");
    if (site == "cross-site" || site == "same-site") && mode != "navigate" {
        return Err(format!(
            "another site loaded this practice link as a resource (Sec-Fetch-Site: {site}, Sec-Fetch-Mode: {mode})"
        ));
    }
    Ok(())
}

fn check_same_origin(headers: &HeaderMap) -> Result<(), String> {
    if let Some(site) = headers.get("sec-fetch-site") {
        return match site.to_str().unwrap_or("") {
            "same-origin" => Ok(()),
            // The user typed or bookmarked it; no other site is involved.
            "none" => Ok(()),
            other => Err(format!("it came from another site (Sec-Fetch-Site: {other})")),
        };
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("");
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let origin_host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"));
    match origin_host {
        Some(origin_host) if !host.is_empty() && origin_host.eq_ignore_ascii_case(host) => Ok(()),
        _ => Err(format!("its origin {origin:?} is not this server ({host})")),
    }
}

#[cfg(test)]
mod tests {
    use super::check_same_origin;
    use axum::http::HeaderMap;

    #[test]
    fn same_origin_rules() {
        // (Sec-Fetch-Site, Origin, Host, allowed)
        let cases: &[(Option<&str>, Option<&str>, &str, bool)] = &[
            (Some("same-origin"), None, "127.0.0.1:8080", true),
            (Some("none"), None, "127.0.0.1:8080", true),
            (Some("cross-site"), Some("http://127.0.0.1:8080"), "127.0.0.1:8080", false),
            (Some("same-site"), None, "127.0.0.1:8080", false),
            (None, Some("http://127.0.0.1:8080"), "127.0.0.1:8080", true),
            (None, Some("http://evil.example"), "127.0.0.1:8080", false),
            (None, Some("null"), "127.0.0.1:8080", false),
            (None, Some("http://127.0.0.1:9999"), "127.0.0.1:8080", false),
            (None, None, "127.0.0.1:8080", true),
        ];
        for &(site, origin, host, allowed) in cases {
            let mut headers = HeaderMap::new();
            if let Some(site) = site {
                headers.insert("sec-fetch-site", site.parse().expect("header value"));
            }
            if let Some(origin) = origin {
                headers.insert("origin", origin.parse().expect("header value"));
            }
            headers.insert("host", host.parse().expect("header value"));
            assert_eq!(check_same_origin(&headers).is_ok(), allowed, "{site:?} {origin:?} {host}");
        }
    }
}
