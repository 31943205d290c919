//! The STAR story bank (`/stories`): each user's stories, each mapped to
//! two or three principles, with the coverage table and the advice.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use oaj_oa::phone::StoryInput;

use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::extract::{FormFields, Params};
use crate::pages;
use crate::AppState;

fn input_of(form: &FormFields) -> StoryInput {
    let text = |key: &str| form.get(key).unwrap_or("").replace("\r\n", "\n");
    StoryInput {
        title: text("title"),
        situation: text("situation"),
        task: text("task"),
        action: text("action"),
        result: text("result"),
        principles: form.all("principles").map(String::from).collect(),
    }
}

/// GET /stories
pub async fn list(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    let (stories, table, advice) = state.engine().story_coverage(me.id).await?;
    let principles = oaj_oa::phone::behavioural()?.principles.clone();
    Ok(pages::stories::list(&stories, &table, &advice, &principles))
}

/// POST /stories
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    form: FormFields,
) -> Result<Response, Failure> {
    state.engine().create_story(me.id, &input_of(&form)).await.map_err(|e| Failure::from(e).back("/stories"))?;
    Ok(Redirect::to("/stories").into_response())
}

/// GET /stories/{id}: the edit form.
pub async fn edit(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<i64>,
) -> Result<Markup, Failure> {
    let story = state.engine().story(me.id, id).await?;
    let principles = oaj_oa::phone::behavioural()?.principles.clone();
    Ok(pages::stories::edit(&story, &principles))
}

/// POST /stories/{id}
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<i64>,
    form: FormFields,
) -> Result<Response, Failure> {
    let back = format!("/stories/{id}");
    state.engine().update_story(me.id, id, &input_of(&form)).await.map_err(|e| Failure::from(e).back(back))?;
    Ok(Redirect::to("/stories").into_response())
}

/// POST /stories/{id}/delete
pub async fn delete(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<i64>,
) -> Result<Response, Failure> {
    state.engine().delete_story(me.id, id).await?;
    Ok(Redirect::to("/stories").into_response())
}
