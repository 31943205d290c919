//! Extractors whose rejections are pages or JSON messages like every other
//! failure (axum's own answer with plain text).

use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::Json;
use serde::de::DeserializeOwned;

use crate::error::Failure;

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Path parameters; a segment that does not parse (`/oa/abc/1`) names
/// nothing that exists, so it is a 404.
pub struct Params<T>(pub T);

impl<S, T> FromRequestParts<S> for Params<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Failure> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Params(value)),
            Err(_) => {
                Err(Failure::not_found(format!("there is nothing at {}", parts.uri.path()))
                    .api(is_api(parts.uri.path())))
            }
        }
    }
}

/// A JSON body; a malformed one is a 400 that says what was wrong, a body
/// over the limit a 413.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Failure> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => {
                let status = rejection.status();
                let message = match status {
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE => crate::too_large_message(),
                    axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE => {
                        "send the body as JSON (Content-Type: application/json)".to_string()
                    }
                    _ => format!("the JSON body could not be used: {}", rejection.body_text()),
                };
                Err(Failure::new(status, message).api(true))
            }
        }
    }
}

/// An URL-encoded form as its list of fields (keys may repeat: checkboxes).
pub struct FormFields(pub Vec<(String, String)>);

impl FormFields {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

impl<S> FromRequest<S> for FormFields
where
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Failure> {
        match axum::Form::<Vec<(String, String)>>::from_request(request, state).await {
            Ok(axum::Form(fields)) => Ok(FormFields(fields)),
            Err(rejection) => {
                let status = rejection.status();
                let message = match status {
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE => crate::too_large_message(),
                    _ => format!("the form could not be read: {}", rejection.body_text()),
                };
                Err(Failure::new(status, message).back("/"))
            }
        }
    }
}
