//! The suggestions pane: the pattern engine's plans for the selected node, best first. The
//! plan under the cursor is previewed: what stays, what moves where, and the predicted band of
//! each piece; Enter shows its patch instead, `p` writes it to a file the user names.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{clean, fit, metric_short, pane_block};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::style::band_label;
use crate::tui::suggest::{PieceView, PlanView};

/// Draws the suggestions pane.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(app, Pane::Suggestions, "suggestions".into());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let p = &app.palette;
    let width = usize::from(inner.width);
    let dim = |s: String| Line::from(Span::styled(s, p.dim));
    let lines: Vec<Line> = match (&app.suggest.result, &app.suggest.pending) {
        _ if !app.view.complete => vec![dim("suggestions come once the model is complete".into())],
        (Some(r), _) if r.key == app.tree.selected => match &r.outcome {
            Err(why) => vec![dim(clean(why).into_owned())],
            Ok(plans) if plans.is_empty() => {
                let mut v = vec![dim("no plan for this node: nothing to extract".into())];
                v.extend(r.notes.iter().map(|n| dim(clean(n).into_owned())));
                v
            }
            Ok(plans) if app.suggest.show_patch => patch_lines(app, plans),
            Ok(plans) => plan_lines(app, plans, width),
        },
        (_, Some(_)) => vec![dim("planning…".into())],
        _ => vec![dim("select a node to see what to extract".into())],
    };
    let scroll = if app.suggest.show_patch {
        app.suggest.scroll
    } else {
        0
    };
    f.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).style(p.text),
        inner,
    );
}

fn plan_lines<'a>(app: &App, plans: &[PlanView], width: usize) -> Vec<Line<'a>> {
    let p = &app.palette;
    let mut out = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        let sel = i == app.suggest.cursor;
        let style = if sel { p.selection } else { p.text };
        let head = format!(
            "{}. {} (score {:.2})",
            i + 1,
            clean(&plan.title),
            plan.score
        );
        out.push(Line::from(Span::styled(
            fit(&head, width, app.glyphs.ellipsis),
            style,
        )));
        if sel {
            plan_detail(app, plan, width, &mut out);
        }
    }
    out
}

/// The selected plan's details: where it stands now, its pieces, its patch.
fn plan_detail<'a>(app: &App, plan: &PlanView, width: usize, out: &mut Vec<Line<'a>>) {
    let p = &app.palette;
    if let Some((m, v, l, b)) = plan.before {
        out.push(Line::from(Span::styled(
            format!("   now: {} {v}/{l} {}", metric_short(m), band_label(b)),
            p.band(b),
        )));
    }
    for piece in &plan.pieces {
        piece_lines(app, piece, width, out);
    }
    let patch = match plan.patch {
        Some(_) => format!(
            "   patch: {} · Enter shows it, p writes it to a file",
            plan.patch_status
        ),
        None => format!("   patch: {}", plan.patch_status),
    };
    out.push(Line::from(Span::styled(patch, p.accent)));
}

/// One piece of a plan: where it goes with its predicted band, then its first items.
fn piece_lines<'a>(app: &App, piece: &PieceView, width: usize, out: &mut Vec<Line<'a>>) {
    let p = &app.palette;
    let verb = if piece.stays { "stays" } else { "moves to" };
    let place = piece.file.as_deref().unwrap_or(&piece.name);
    let text = format!(
        "   {verb} {} {} {}",
        clean(place),
        app.glyphs.arrow,
        band_label(piece.band)
    );
    out.push(Line::from(vec![
        Span::raw(fit(&text, width.saturating_sub(16), app.glyphs.ellipsis)),
        Span::styled(
            format!(" {} {}", metric_short(piece.metric), piece.predicted),
            p.band(piece.band),
        ),
    ]));
    for item in piece.items.iter().take(6) {
        out.push(Line::from(Span::styled(
            fit(
                &format!("      {}", clean(item)),
                width,
                app.glyphs.ellipsis,
            ),
            p.dim,
        )));
    }
    if piece.items.len() > 6 {
        out.push(Line::from(Span::styled(
            format!("      … {} more", piece.items.len() - 6),
            p.dim,
        )));
    }
}

fn patch_lines<'a>(app: &App, plans: &[PlanView]) -> Vec<Line<'a>> {
    let p = &app.palette;
    let Some(text) = plans
        .get(app.suggest.cursor)
        .and_then(|pl| pl.patch.as_ref())
    else {
        return vec![Line::from(Span::styled("this plan has no patch", p.dim))];
    };
    text.lines()
        .map(|l| {
            let style = if l.starts_with('+') && !l.starts_with("+++") {
                p.band(crate::bands::Band::Ok)
            } else if l.starts_with('-') && !l.starts_with("---") {
                p.error
            } else {
                p.text
            };
            Line::from(Span::styled(clean(l).into_owned(), style))
        })
        .collect()
}
