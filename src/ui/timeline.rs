//! The timeline: one row per process ("name pid"), time on x, its states as coloured spans.
//!
//! Drawn on a `<canvas>` from `Kernel::spans()`. The same spans go into the canvas's
//! `data-spans` attribute as JSON, so that tests can check what is drawn without reading pixels.

use std::fmt::Write;

use proclab_abi::Micros;
use proclab_kernel::{BlockReason, Kernel, ProcState, Span};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::colour_of;

const LABEL_W: f64 = 150.0;
const ROW_H: f64 = 24.0;
const BAR_H: f64 = 14.0;
const AXIS_H: f64 = 22.0;
const PAD_R: f64 = 16.0;

/// The legend, in the order a process usually goes through the states. Blocked states are
/// grouped by what they wait for: a child (join), time (sleep), data (queue, pipe) or another
/// process's signal (lock, event, condition, barrier).
pub const LEGEND: [(&str, &str); 8] = [
    ("new", "#cbd5e1"),
    ("ready", "#fbbf24"),
    ("running", "#16a34a"),
    ("blocked: join", "#3b82f6"),
    ("blocked: sleep", "#a78bfa"),
    ("blocked: queue, pipe", "#06b6d4"),
    ("blocked: lock, event", "#f97316"),
    ("terminated", "#64748b"),
];

/// A short, stable name for a state (JSON, CSS classes).
pub fn state_key(state: &ProcState) -> &'static str {
    match state {
        ProcState::New => "new",
        ProcState::Ready => "ready",
        ProcState::Running => "running",
        ProcState::Blocked(r) => match r {
            BlockReason::Join(_) => "join",
            BlockReason::Sleep => "sleep",
            BlockReason::Queue { put: false, .. } => "get",
            BlockReason::Queue { put: true, .. } => "put",
            BlockReason::Channel(_) => "recv",
            BlockReason::QueueJoin(_) => "queue-join",
            BlockReason::Lock(_) => "lock",
            BlockReason::Event(_) => "event",
            BlockReason::Condition(_) => "condition",
            BlockReason::Barrier(_) => "barrier",
        },
        ProcState::Terminated => "terminated",
    }
}

fn colour(state: &ProcState) -> &'static str {
    let i = match state {
        ProcState::New => 0,
        ProcState::Ready => 1,
        ProcState::Running => 2,
        ProcState::Blocked(r) => match r {
            BlockReason::Join(_) | BlockReason::QueueJoin(_) => 3,
            BlockReason::Sleep => 4,
            BlockReason::Queue { .. } | BlockReason::Channel(_) => 5,
            BlockReason::Lock(_)
            | BlockReason::Event(_)
            | BlockReason::Condition(_)
            | BlockReason::Barrier(_) => 6,
        },
        ProcState::Terminated => 7,
    };
    LEGEND[i].1
}

/// `[{"pid":..,"state":"running","start":us,"end":us,"on":pid?},...]`, written by hand: a JSON
/// library would cost more of the page's size budget than this whole module.
pub fn spans_json(spans: &[Span]) -> String {
    let mut s = String::from("[");
    for (i, span) in spans.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(
            s,
            r#"{{"pid":{},"state":"{}","start":{},"end":{}"#,
            span.pid,
            state_key(&span.state),
            span.start,
            span.end
        );
        if let ProcState::Blocked(BlockReason::Join(on)) = span.state {
            let _ = write!(s, r#","on":{on}"#);
        }
        s.push('}');
    }
    s.push(']');
    s
}

/// A round tick step (1, 2 or 5 times a power of ten) giving at most ~`max_ticks` ticks.
fn tick_step(range_us: f64, max_ticks: f64) -> f64 {
    let raw = (range_us / max_ticks).max(1.0);
    let pow = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * pow)
}

fn tick_label(t_us: f64, step_us: f64) -> String {
    if step_us >= 1_000_000.0 {
        format!("{:.0} s", t_us / 1e6)
    } else if step_us >= 100_000.0 {
        format!("{:.1} s", t_us / 1e6)
    } else if step_us >= 1000.0 {
        format!("{:.0} ms", t_us / 1e3)
    } else {
        format!("{:.2} ms", t_us / 1e3)
    }
}

pub fn draw(canvas: &HtmlCanvasElement, kernel: Option<&Kernel>, now: Micros) {
    let procs = kernel.map(|k| k.procs()).unwrap_or(&[]);
    let rows = procs.len().max(1) as f64;
    let css_w = (canvas.client_width() as f64).max(300.0);
    let css_h = AXIS_H + rows * ROW_H + 8.0;
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0);
    let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let _ = canvas.style().set_property("height", &format!("{css_h}px"));
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, css_w, css_h);
    ctx.set_font("12px ui-monospace, SFMono-Regular, Menlo, monospace");
    ctx.set_text_baseline("middle");

    let Some(kernel) = kernel else {
        ctx.set_fill_style_str("#64748b");
        ctx.fill_text(
            "Press Run: each process gets a row here.",
            8.0,
            AXIS_H + ROW_H / 2.0,
        )
        .ok();
        return;
    };
    // States still current stretch to `now`: the picture grows while a process sleeps or runs.
    let spans = kernel.spans_until(now);
    let t_end = spans
        .iter()
        .map(|s| s.end)
        .max()
        .unwrap_or(0)
        .max(now)
        .max(1) as f64;
    let plot_w = (css_w - LABEL_W - PAD_R).max(10.0);
    let x_of = |t: Micros| LABEL_W + (t as f64 / t_end) * plot_w;

    // Axis: ticks and grid lines.
    let step = tick_step(t_end, (plot_w / 90.0).max(2.0));
    ctx.set_text_align("center");
    let mut t = 0.0;
    while t <= t_end + 0.5 {
        let x = LABEL_W + t / t_end * plot_w;
        ctx.set_fill_style_str("#e2e8f0");
        ctx.fill_rect(x, AXIS_H - 4.0, 1.0, rows * ROW_H + 4.0);
        ctx.set_fill_style_str("#475569");
        ctx.fill_text(&tick_label(t, step), x, AXIS_H / 2.0).ok();
        t += step;
    }

    ctx.set_text_align("left");
    for (i, p) in procs.iter().enumerate() {
        let y = AXIS_H + i as f64 * ROW_H;
        if i % 2 == 1 {
            ctx.set_fill_style_str("rgba(148,163,184,0.08)");
            ctx.fill_rect(0.0, y, css_w, ROW_H);
        }
        ctx.set_fill_style_str(colour_of(i));
        ctx.fill_text(&format!("{} {}", p.name, p.pid), 6.0, y + ROW_H / 2.0)
            .ok();
        let bar_y = y + (ROW_H - BAR_H) / 2.0;
        for s in spans.iter().filter(|s| s.pid == p.pid) {
            let x0 = x_of(s.start);
            let x1 = x_of(s.end).max(x0 + 1.0);
            ctx.set_fill_style_str(colour(&s.state));
            ctx.fill_rect(x0, bar_y, x1 - x0, BAR_H);
        }
        // After the end: a thin line in the terminated colour.
        if let Some(ended) = p.ended {
            let x0 = x_of(ended);
            ctx.set_fill_style_str(colour(&ProcState::Terminated));
            ctx.fill_rect(
                x0,
                y + ROW_H / 2.0 - 1.0,
                (LABEL_W + plot_w - x0).max(0.0),
                2.0,
            );
            ctx.fill_rect(x0, bar_y, 2.0, BAR_H);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn ticks_are_round() {
        assert_eq!(tick_step(1_000_000.0, 5.0), 200_000.0);
        assert_eq!(tick_step(230_000.0, 6.0), 50_000.0);
        assert_eq!(tick_label(200_000.0, 200_000.0), "0.2 s");
        assert_eq!(tick_label(50_000.0, 50_000.0), "50 ms");
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn spans_as_json() {
        let spans = vec![
            Span {
                pid: 3,
                state: ProcState::Running,
                start: 0,
                end: 10,
            },
            Span {
                pid: 3,
                state: ProcState::Blocked(BlockReason::Join(4)),
                start: 10,
                end: 25,
            },
        ];
        assert_eq!(
            spans_json(&spans),
            r#"[{"pid":3,"state":"running","start":0,"end":10},{"pid":3,"state":"join","start":10,"end":25,"on":4}]"#
        );
        assert_eq!(spans_json(&[]), "[]");
    }
}
