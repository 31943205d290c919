//! Group OA pages for members: the list, one group OA with its leaderboard,
//! starting one, the overall leaderboard and the history.

use axum::extract::State;
use axum::response::Redirect;
use maud::Markup;
use oaj_oa::GroupOaId;

use crate::auth::CurrentUser;
use crate::error::Failure;
use crate::extract::Params;
use crate::pages;
use crate::AppState;

/// GET /groups: upcoming, live and past group OAs.
pub async fn list(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    let groups = state.engine().group_oas(&me).await?;
    Ok(pages::groups::render_list(&groups, me.is_admin()))
}

/// GET /groups/{id}: one group OA and its leaderboard.
pub async fn show(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<GroupOaId>,
) -> Result<Markup, Failure> {
    let board = state.engine().group_leaderboard(&me, id).await.map_err(|e| Failure::from(e).back("/groups"))?;
    Ok(pages::groups::render_group(&board, me.is_admin()))
}

/// POST /groups/{id}/start: the member's one attempt, straight to its editor.
pub async fn start(
    State(state): State<AppState>,
    CurrentUser(me): CurrentUser,
    Params(id): Params<GroupOaId>,
) -> Result<Redirect, Failure> {
    let attempt =
        state.engine().start_group_oa(me.id, id).await.map_err(|e| Failure::from(e).back(format!("/groups/{id}")))?;
    Ok(Redirect::to(&format!("/oa/{attempt}/1")))
}

/// GET /leaderboard: the overall leaderboard.
pub async fn leaderboard(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    let entries = state.engine().overall_leaderboard().await?;
    Ok(pages::groups::render_overall(&entries, me.id))
}

/// GET /history: the member's attempts with links to their reports.
pub async fn history(State(state): State<AppState>, CurrentUser(me): CurrentUser) -> Result<Markup, Failure> {
    let engine = state.engine();
    let history = engine.history(me.id).await?;
    let groups = engine.group_oas(&me).await?;
    Ok(pages::groups::render_history(&history, &groups))
}
