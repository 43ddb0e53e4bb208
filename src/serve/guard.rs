//! The guard in front of every route: the token, and the origin and host checks that keep a loopback server loopback.

use super::api::{request_error, S};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;

/// Compares without an early exit, so the time taken does not tell how much of a guess matched.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i).copied().unwrap_or(!x));
    }
    diff == 0
}

fn presented_token(req: &Request) -> Option<String> {
    if let Some(v) = req.headers().get(header::AUTHORIZATION) {
        let v = v.to_str().ok()?;
        let (scheme, token) = v.split_once(' ')?;
        return scheme
            .eq_ignore_ascii_case("bearer")
            .then(|| token.trim().to_string());
    }
    let q: Query<HashMap<String, String>> = Query::try_from_uri(req.uri()).ok()?;
    q.0.get("token").cloned()
}

/// The host part of a `Host` header or origin (`localhost:7878` → `localhost`, `[::1]:80` → `[::1]`).
fn host_name(host_port: &str) -> &str {
    if host_port.starts_with('[') {
        return host_port.find(']').map_or(host_port, |i| &host_port[..=i]);
    }
    host_port.split(':').next().unwrap_or(host_port)
}

fn is_loopback_name(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Token check (when configured); without a token (loopback only), a `Host` that is not a
/// loopback name is refused (DNS rebinding). A `POST` from a page of another origin is refused
/// (cross-site request forgery).
pub(super) async fn guard(State(s): State<S>, req: Request, next: Next) -> Response {
    match &s.config.token {
        Some(token) => {
            if !presented_token(&req).is_some_and(|t| same_secret(&t, token)) {
                let mut r = request_error(
                    StatusCode::UNAUTHORIZED,
                    "RequestError",
                    "Unauthorized",
                    "this server needs its token: `Authorization: Bearer TOKEN` or `?token=TOKEN`",
                );
                r.headers_mut()
                    .insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("header"));
                return r;
            }
        }
        None => {
            let host = header_str(req.headers(), header::HOST).unwrap_or("");
            if !host.is_empty() && !is_loopback_name(host_name(host)) {
                return request_error(
                    StatusCode::FORBIDDEN,
                    "RequestError",
                    "ForbiddenHost",
                    "this server answers only requests addressed to a loopback name",
                );
            }
        }
    }
    if req.method() == Method::POST {
        if let Some(origin) = header_str(req.headers(), header::ORIGIN) {
            let host = header_str(req.headers(), header::HOST).unwrap_or("");
            let origin_host = origin.split_once("://").map_or(origin, |(_, h)| h);
            if origin != "null" && origin_host != host {
                return request_error(
                    StatusCode::FORBIDDEN,
                    "RequestError",
                    "ForbiddenOrigin",
                    "requests from pages of another origin are refused",
                );
            }
        }
    }
    next.run(req).await
}

fn header_str(h: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "ab"));
        assert!(!same_secret("ab", "abc"));
        assert!(!same_secret("", "a"));
    }

    #[test]
    fn host_names() {
        assert_eq!(host_name("localhost:7878"), "localhost");
        assert_eq!(host_name("[::1]:80"), "[::1]");
        assert!(is_loopback_name("127.0.0.1"));
        assert!(is_loopback_name("[::1]"));
        assert!(is_loopback_name("LOCALHOST"));
        assert!(!is_loopback_name("evil.example"));
        assert!(!is_loopback_name("10.0.0.1"));
    }
}
