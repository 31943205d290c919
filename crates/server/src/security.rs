//! Browser-facing protections: response headers, and a same-origin check on
//! every state-changing request (CSRF).

use std::net::{Ipv4Addr, Ipv6Addr};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::Failure;
use crate::AppState;

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

/// Refuses, on a server without accounts, a request whose `Host` is not a
/// loopback name. Such a server acts as its one local user for every
/// request and listens on loopback only, but a page of any site can still
/// reach it by DNS rebinding: its own host name, re-resolved to 127.0.0.1,
/// makes the page and this server the same origin for the browser, so the
/// same-origin check above lets its requests through and it could read
/// every attempt and submit code. Those requests carry the page's host name
/// in `Host`, which is what this check refuses. A request without `Host`
/// (HTTP/1.0, tests) does not come from a browser page and is let through.
pub async fn loopback_host(State(state): State<AppState>, request: Request, next: Next) -> Result<Response, Failure> {
    if state.has_accounts() {
        return Ok(next.run(request).await);
    }
    if let Some(host) = request.headers().get(header::HOST) {
        let host = host.to_str().unwrap_or("");
        if !is_loopback_host(host) {
            let api = request.uri().path().starts_with("/api/");
            return Err(Failure::forbidden(format!(
                "this request was refused: it names the host {host:?}, and this server has no accounts, so it \
                 answers only to this machine's own names (localhost, 127.0.0.1, [::1]). To reach it by \
                 another name, run `oaj serve --accounts`"
            ))
            .api(api));
        }
    }
    Ok(next.run(request).await)
}

/// Whether a `Host` header value names this machine whatever the DNS says:
/// a loopback IP address, `localhost` or a name under `.localhost` (which
/// browsers resolve to loopback themselves), with or without a port.
fn is_loopback_host(host: &str) -> bool {
    if let Some(rest) = host.strip_prefix('[') {
        let Some((address, port)) = rest.split_once(']') else { return false };
        if !(port.is_empty() || port.strip_prefix(':').is_some_and(is_port)) {
            return false;
        }
        return address
            .parse::<Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()));
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if is_port(port) => name,
        Some(_) => return false,
        None => host,
    };
    if let Ok(ip) = name.parse::<Ipv4Addr>() {
        return ip.is_loopback();
    }
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
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
    use super::{check_same_origin, is_loopback_host};
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

    #[test]
    fn loopback_host_names() {
        let cases = [
            ("127.0.0.1:8080", true),
            ("127.0.0.1", true),
            ("127.1.2.3:9000", true),
            ("localhost:8080", true),
            ("LocalHost", true),
            ("localhost.:8080", true),
            ("oaj.localhost:8080", true),
            ("[::1]:8080", true),
            ("[::1]", true),
            ("[::ffff:127.0.0.1]:8080", true),
            // Names a rebinding page would carry, and malformed values.
            ("attacker.example:8080", false),
            ("localhost.attacker.example:8080", false),
            ("127.0.0.1.nip.io:8080", false),
            ("10.0.0.1:8080", false),
            ("[::2]:8080", false),
            ("[::1]junk", false),
            ("[::1", false),
            ("localhost:80a", false),
            ("localhost:", false),
            ("", false),
        ];
        for (host, loopback) in cases {
            assert_eq!(is_loopback_host(host), loopback, "{host:?}");
        }
    }
}
