//! Every failure a request can meet, as a page or a JSON message with the
//! right status. Bad input is a 4xx that says what was wrong; only a fault
//! of the server itself (the store, the judge) is a 500.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::pages::layout;

#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
    /// Seconds until a retry may work (queue full); sent as `Retry-After`.
    pub retry_after: Option<u32>,
    /// Answer with JSON (the `/api` routes) instead of an HTML page.
    pub api: bool,
    /// Where the HTML page's "go on" link points.
    pub back: Option<String>,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Failure { status, message: message.into(), retry_after: None, api: false, back: None }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::NOT_FOUND, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::FORBIDDEN, message)
    }
    pub fn too_large(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::PAYLOAD_TOO_LARGE, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
    pub fn api(mut self, api: bool) -> Self {
        self.api = api;
        self
    }
    pub fn back(mut self, href: impl Into<String>) -> Self {
        self.back = Some(href.into());
        self
    }

    fn title(&self) -> &'static str {
        match self.status {
            StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "That request could not be used",
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::UNAUTHORIZED => "Please log in",
            StatusCode::GONE => "This link no longer works",
            StatusCode::TOO_MANY_REQUESTS => "Too many requests",
            StatusCode::FORBIDDEN => "Refused",
            StatusCode::CONFLICT => "Not possible now",
            StatusCode::PAYLOAD_TOO_LARGE => "Too large",
            StatusCode::SERVICE_UNAVAILABLE => "The judge is busy",
            StatusCode::METHOD_NOT_ALLOWED => "Method not allowed",
            StatusCode::REQUEST_TIMEOUT => "The request took too long",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "Unsupported content type",
            _ => "Something went wrong",
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        if self.status.is_server_error() && self.status != StatusCode::SERVICE_UNAVAILABLE {
            tracing::error!(status = %self.status, message = %self.message, "request failed");
        }
        let mut response = if self.api {
            let body = serde_json::json!({
                "error": self.message,
                "status": self.status.as_u16(),
                "retry_after": self.retry_after,
            });
            (self.status, Json(body)).into_response()
        } else {
            let page = layout::error_page(self.status, self.title(), &self.message, self.back.as_deref());
            (self.status, page).into_response()
        };
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

impl From<oaj_oa::Error> for Failure {
    fn from(error: oaj_oa::Error) -> Failure {
        use oaj_oa::Error;
        let message = error.to_string();
        match error {
            Error::NotFound(what) => Failure::not_found(what),
            Error::TimeUp | Error::Conflict(_) => Failure::new(StatusCode::CONFLICT, message),
            Error::Forbidden(_) => Failure::new(StatusCode::FORBIDDEN, message),
            Error::Invalid(what) => Failure::bad_request(what),
            Error::QueueFull { retry_after_s, .. } => Failure {
                retry_after: Some(retry_after_s.max(1)),
                ..Failure::new(StatusCode::SERVICE_UNAVAILABLE, message)
            },
            Error::Judge(_) | Error::Store(_) => Failure::internal(message),
        }
    }
}

/// `Result<_, oaj_oa::Error>` to a JSON failure.
pub trait ApiResult<T> {
    fn api(self) -> Result<T, Failure>;
}

impl<T> ApiResult<T> for Result<T, oaj_oa::Error> {
    fn api(self) -> Result<T, Failure> {
        self.map_err(|e| Failure::from(e).api(true))
    }
}
