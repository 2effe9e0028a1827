//! The interactive timeline: one row per process, time on x, its states as coloured spans, and
//! arrows for what one process did to another (start, join, queue hand-over, lock hand-over).
//!
//! Zoom with Ctrl+wheel or the buttons, pan by dragging (or Shift+wheel), hover for a span's
//! details; past 40 processes, the wheel (or the up and down keys) scrolls the rows. It stays
//! smooth with 100 000 spans: per row, only the spans in the visible window are visited (binary
//! search: each row's spans are in time order), and spans narrower than a pixel are merged, so a
//! frame draws at most about one rectangle per pixel column per row.
//!
//! The canvas is redrawn every animation frame while a run goes on, without Yew: the view state
//! (zoom window, drag, hover) and the last data live in a thread-local, so that mouse events can
//! redraw at once from the data last drawn.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};

use proclab_abi::Micros;
use proclab_kernel::{BlockReason, Pid, ProcInfo, ProcState, Span, TraceEvent, TraceKind};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, MouseEvent, WheelEvent};

use super::colour_of;

const LABEL_W: f64 = 150.0;
const ROW_H: f64 = 24.0;
const BAR_H: f64 = 14.0;
const AXIS_H: f64 = 22.0;
const PAD_R: f64 = 16.0;
/// Arrows drawn at most per frame (the newest in view win; see `render`).
const MAX_ARROWS: usize = 3000;
/// Rows the canvas shows at once; the wheel (or the up and down keys) scrolls through more. With
/// thousands of processes, a row each made a canvas tens of thousands of pixels high: slow to
/// draw and to lay out, and past what the browser allocates for one.
const MAX_ROWS_SHOWN: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ArrowKind {
    /// Parent -> child, at the fork.
    Start,
    /// The child's end -> the parent's wake-up in `join`.
    Join,
    /// `put` -> the `get` that took that item.
    Queue,
    /// `release` -> the next `acquire` of that lock.
    Lock,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub kind: ArrowKind,
    pub from: (Pid, Micros),
    pub to: (Pid, Micros),
}

/// What one frame draws: borrowed from the kernel (Real mode) or a recording's frame (Step).
pub struct Input<'a> {
    pub procs: &'a [ProcInfo],
    pub trace: &'a [TraceEvent],
    /// Current states are drawn up to here.
    pub now: Micros,
    /// The time axis ends here.
    pub end: Micros,
    /// Step mode: the moment shown (later time is dimmed).
    pub cursor: Option<Micros>,
}

/// The drawing's data, built incrementally from the trace: a frame while a run goes on only
/// reads the trace events that are new since the last frame.
#[derive(Clone, Debug, Default)]
struct ChartData {
    /// (pid, "name pid", exit code if ended, end time).
    rows: Vec<(Pid, String, Option<i32>, Option<Micros>)>,
    /// Ended state intervals.
    spans: Vec<Span>,
    /// Each row's current state, up to `now`.
    open: Vec<Option<Span>>,
    arrows: Vec<Arrow>,
    /// Shared objects' names by handle, for blocked spans' labels.
    names: HashMap<u32, String>,
    end: Micros,
    cursor: Option<Micros>,
}

/// What the incremental build remembers between frames.
#[derive(Default)]
struct Builder {
    /// Trace events consumed, and the last of them (to notice a different trace: a new run, or
    /// Step mode's cursor moved back).
    seen: usize,
    last: Option<(u64, Micros, Pid)>,
    row_of: HashMap<Pid, usize>,
    current: HashMap<Pid, (ProcState, Micros)>,
    ended: HashMap<Pid, Micros>,
    /// Per queue: the puts not yet taken, (pid, t), in order.
    puts: HashMap<u32, VecDeque<(Pid, Micros)>>,
    released: HashMap<u32, (Pid, Micros)>,
}

#[derive(Default)]
struct State {
    canvas: Option<HtmlCanvasElement>,
    data: ChartData,
    build: Builder,
    /// Per row: indices into `data.spans`, in time order.
    by_row: Vec<Vec<usize>>,
    /// The visible window (µs); `None`: the whole run.
    view: Option<(f64, f64)>,
    /// Drag start: (x in CSS px, the window then).
    drag: Option<(f64, (f64, f64))>,
    hover: Option<(f64, f64)>,
    /// The first row shown (when there are more than [`MAX_ROWS_SHOWN`]).
    top: usize,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// The spans of every process from the trace, up to `until` (states still current end there).
/// Like `Kernel::spans_until`, but over any prefix of a trace, which is what Step mode shows.
pub fn spans_of(procs: &[ProcInfo], trace: &[TraceEvent], until: Micros) -> Vec<Span> {
    let mut open: BTreeMap<Pid, (ProcState, Micros)> = BTreeMap::new();
    let mut per_proc: BTreeMap<Pid, Vec<Span>> = BTreeMap::new();
    let mut push = |pid: Pid, state: ProcState, start: Micros, end: Micros| {
        if end > start && state != ProcState::Terminated {
            per_proc.entry(pid).or_default().push(Span {
                pid,
                state,
                start,
                end,
            });
        }
    };
    for e in trace {
        if let TraceKind::State(s) = &e.kind {
            if let Some((prev, start)) = open.insert(e.pid, (s.clone(), e.t)) {
                push(e.pid, prev, start, e.t);
            }
        }
    }
    for (pid, (state, start)) in open {
        push(pid, state, start, until.max(start));
    }
    procs
        .iter()
        .flat_map(|p| per_proc.remove(&p.pid).unwrap_or_default())
        .collect()
}

/// Shared objects' labels ("Queue-1") by handle, from the trace's `Create` events.
pub fn names_of(trace: &[TraceEvent]) -> HashMap<u32, String> {
    trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Create { h, label, .. } => Some((*h, label.clone())),
            _ => None,
        })
        .collect()
}

/// The state's label with object names: "blocked: get Queue-1".
pub fn state_label(state: &ProcState, names: &HashMap<u32, String>) -> String {
    match state {
        ProcState::Blocked(r) => format!(
            "blocked: {}",
            r.label(|h| names.get(&h).cloned().unwrap_or_else(|| format!("#{h}")))
        ),
        s => s.label(),
    }
}

/// The same colours as the legend (`timeline::LEGEND`).
fn colour(state: &ProcState) -> &'static str {
    match state {
        ProcState::New => "#cbd5e1",
        ProcState::Ready => "#fbbf24",
        ProcState::Running => "#16a34a",
        ProcState::Blocked(r) => match r {
            BlockReason::Join(_) | BlockReason::QueueJoin(_) => "#3b82f6",
            BlockReason::Sleep => "#a78bfa",
            BlockReason::Queue { .. } | BlockReason::Channel(_) => "#06b6d4",
            _ => "#f97316",
        },
        ProcState::Terminated => "#64748b",
    }
}

fn arrow_colour(kind: ArrowKind) -> &'static str {
    match kind {
        ArrowKind::Start => "#64748b",
        ArrowKind::Join => "#1d4ed8",
        ArrowKind::Queue => "#0e7490",
        ArrowKind::Lock => "#c2410c",
    }
}

/// Draws `input` on `canvas`, and keeps what it needs for the mouse handlers.
pub fn draw(canvas: &HtmlCanvasElement, input: Input) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        feed(&mut s, input.procs, input.trace);
        let s = &mut *s;
        s.data.rows = input
            .procs
            .iter()
            .map(|p| (p.pid, format!("{} {}", p.name, p.pid), p.exitcode, p.ended))
            .collect();
        s.data.open = input
            .procs
            .iter()
            .map(|p| {
                let (state, start) = s.build.current.get(&p.pid)?;
                let end = input.now.max(*start);
                (end > *start && *state != ProcState::Terminated).then(|| Span {
                    pid: p.pid,
                    state: state.clone(),
                    start: *start,
                    end,
                })
            })
            .collect();
        s.data.end = input.end;
        s.data.cursor = input.cursor;
        s.canvas = Some(canvas.clone());
        render(s);
    });
}

/// Takes in the trace events not seen yet (all of them if the trace is not the one seen).
fn feed(s: &mut State, procs: &[ProcInfo], trace: &[TraceEvent]) {
    let b = &mut s.build;
    let same = b.seen <= trace.len()
        && match (b.seen.checked_sub(1), b.last) {
            (Some(i), Some(last)) => {
                let e = &trace[i];
                (e.seq, e.t, e.pid) == last
            }
            _ => b.seen == 0,
        };
    if !same {
        *b = Builder::default();
        s.data = ChartData::default();
        s.by_row.clear();
    }
    let b = &mut s.build;
    if b.row_of.len() != procs.len() {
        b.row_of = procs.iter().enumerate().map(|(i, p)| (p.pid, i)).collect();
    }
    s.by_row.resize(procs.len(), Vec::new());
    let data = &mut s.data;
    for e in &trace[b.seen..] {
        match &e.kind {
            TraceKind::State(st) => {
                if *st == ProcState::Terminated {
                    b.ended.insert(e.pid, e.t);
                }
                if let Some((prev, start)) = b.current.insert(e.pid, (st.clone(), e.t)) {
                    if e.t > start && prev != ProcState::Terminated {
                        if let Some(&r) = b.row_of.get(&e.pid) {
                            s.by_row[r].push(data.spans.len());
                        }
                        data.spans.push(Span {
                            pid: e.pid,
                            state: prev,
                            start,
                            end: e.t,
                        });
                    }
                }
            }
            TraceKind::Spawn { child } => data.arrows.push(Arrow {
                kind: ArrowKind::Start,
                from: (e.pid, e.t),
                to: (*child, e.t),
            }),
            TraceKind::JoinWake { child } => data.arrows.push(Arrow {
                kind: ArrowKind::Join,
                from: (*child, b.ended.get(child).copied().unwrap_or(e.t)),
                to: (e.pid, e.t),
            }),
            TraceKind::Create { h, label, .. } => {
                data.names.insert(*h, label.clone());
            }
            TraceKind::Put { h, .. } => b.puts.entry(*h).or_default().push_back((e.pid, e.t)),
            TraceKind::Get { h, from, .. } => {
                let put = b.puts.get_mut(h).and_then(|q| q.pop_front());
                if let Some((p, t)) = put.filter(|(p, _)| Some(*p) == *from || from.is_none()) {
                    data.arrows.push(Arrow {
                        kind: ArrowKind::Queue,
                        from: (p, t),
                        to: (e.pid, e.t),
                    });
                }
            }
            TraceKind::Release { h } => {
                b.released.insert(*h, (e.pid, e.t));
            }
            TraceKind::Acquire { h, from: Some(p) } => {
                if let Some(&(rp, t)) = b.released.get(h).filter(|(rp, _)| rp == p) {
                    if rp != e.pid {
                        data.arrows.push(Arrow {
                            kind: ArrowKind::Lock,
                            from: (rp, t),
                            to: (e.pid, e.t),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    b.seen = trace.len();
    b.last = trace.last().map(|e| (e.seq, e.t, e.pid));
}

fn redraw() {
    STATE.with(|s| render(&s.borrow()));
}

/// The window shown: the zoomed one, or the whole run with a little room after its end (for
/// the "exit 0" labels).
fn window(s: &State) -> (f64, f64) {
    s.view.unwrap_or((0.0, full_end(s)))
}

/// Where the whole run's window ends.
fn full_end(s: &State) -> f64 {
    (s.data.end.max(s.data.cursor.unwrap_or(0)) as f64 * 1.06).max(20.0)
}

/// Canvas geometry: (CSS width, plot width). The width is read from the page at most every
/// [`WIDTH_EVERY_MS`]: reading it after the DOM changed forces a layout in the middle of a frame.
fn plot_width(canvas: &HtmlCanvasElement) -> (f64, f64) {
    let now = crate::js::perf_now();
    let css_w = WIDTH.with(|w| {
        let (at, width) = w.get();
        if now - at < WIDTH_EVERY_MS && width > 0.0 {
            return width;
        }
        let width = (canvas.client_width() as f64).max(300.0);
        w.set((now, width));
        width
    });
    (css_w, (css_w - LABEL_W - PAD_R).max(50.0))
}

const WIDTH_EVERY_MS: f64 = 250.0;

/// The next drawing reads the canvas's width from the page (the page's layout may have changed).
pub fn forget_width() {
    WIDTH.with(|w| w.set((f64::NEG_INFINITY, 0.0)));
}

thread_local! {
    /// When the canvas's width was last read, and what it was.
    static WIDTH: std::cell::Cell<(f64, f64)> = const { std::cell::Cell::new((f64::NEG_INFINITY, 0.0)) };
}

fn render(s: &State) {
    let Some(canvas) = s.canvas.as_ref() else {
        return;
    };
    let data = &s.data;
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (css_w, plot_w) = plot_width(canvas);
    let (top, shown) = rows_shown(s);
    let css_h = AXIS_H + shown.max(1) as f64 * ROW_H + 8.0;
    // Resizing a canvas reallocates it and its height restyles the page: only when it changed.
    let (w, h) = ((css_w * dpr) as u32, (css_h * dpr) as u32);
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
        let _ = canvas.style().set_property("height", &format!("{css_h}px"));
    }
    let Ok(Some(ctx)) = canvas.get_context("2d") else {
        return;
    };
    let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    let dark = super::controls::is_dark();
    let (ink, muted, grid) = if dark {
        ("#e2e8f0", "#94a3b8", "#334155")
    } else {
        ("#0f172a", "#64748b", "#e2e8f0")
    };
    ctx.clear_rect(0.0, 0.0, css_w, css_h);
    let (t0, t1) = window(s);
    let span_us = (t1 - t0).max(1.0);
    let x_of = |t: f64| LABEL_W + (t - t0) / span_us * plot_w;

    // Axis and grid.
    let step = tick_step(span_us, (plot_w / 90.0).max(2.0));
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_line_width(1.0);
    let mut t = (t0 / step).ceil() * step;
    while t <= t1 {
        let x = x_of(t).round() + 0.5;
        ctx.set_stroke_style_str(grid);
        ctx.begin_path();
        ctx.move_to(x, AXIS_H - 4.0);
        ctx.line_to(x, css_h);
        ctx.stroke();
        ctx.set_fill_style_str(muted);
        let _ = ctx.fill_text(&tick_label(t, step), x + 3.0, AXIS_H - 8.0);
        t += step;
    }

    // Rows.
    ctx.save();
    ctx.begin_path();
    ctx.rect(LABEL_W, 0.0, plot_w, css_h);
    ctx.clip();
    ctx.set_font("10px system-ui, sans-serif");
    for (r, idx) in s.by_row.iter().enumerate().skip(top).take(shown) {
        let y = AXIS_H + (r - top) as f64 * ROW_H + (ROW_H - BAR_H) / 2.0;
        // The first span that ends after t0, then the current state's.
        let first = idx.partition_point(|&i| (data.spans[i].end as f64) < t0);
        let open = data.open.get(r).and_then(|o| o.as_ref());
        let mut last_col = f64::NEG_INFINITY;
        for sp in idx[first..].iter().map(|&i| &data.spans[i]).chain(open) {
            if sp.start as f64 > t1 {
                break;
            }
            let x0 = x_of(sp.start as f64).max(LABEL_W - 1.0);
            let x1 = x_of(sp.end as f64).min(LABEL_W + plot_w + 1.0);
            if x1 - x0 < 1.0 {
                // Sub-pixel: one pixel per column, the first span that reaches it.
                let col = x0.floor();
                if col <= last_col {
                    continue;
                }
                last_col = col;
                ctx.set_fill_style_str(colour(&sp.state));
                ctx.fill_rect(col, y, 1.0, BAR_H);
                continue;
            }
            last_col = x1.floor();
            ctx.set_fill_style_str(colour(&sp.state));
            ctx.fill_rect(x0, y, x1 - x0, BAR_H);
            if let ProcState::Blocked(_) = sp.state {
                let label = state_label(&sp.state, &data.names);
                let label = label.trim_start_matches("blocked: ");
                let w = ctx.measure_text(label).map(|m| m.width()).unwrap_or(1e9);
                if w + 6.0 < x1 - x0 {
                    ctx.set_fill_style_str("#ffffff");
                    let _ = ctx.fill_text(label, x0.max(LABEL_W) + 3.0, y + BAR_H - 3.5);
                }
            }
        }
        // Terminated: the exit code right after the end.
        if let (Some(code), Some(end)) = (data.rows[r].2, data.rows[r].3) {
            let x = x_of(end as f64);
            if x >= LABEL_W && x < LABEL_W + plot_w {
                ctx.set_fill_style_str(colour(&ProcState::Terminated));
                ctx.fill_rect(x, y, 2.0, BAR_H);
                ctx.set_fill_style_str(muted);
                let _ = ctx.fill_text(&format!("exit {code}"), x + 4.0, y + BAR_H - 3.5);
            }
        }
    }

    // Arrows: one path per kind (one stroke for the lines, one fill for the heads), and at
    // most one arrow per kind, pair of rows and pair of 2-pixel columns: thousands of queue
    // hand-overs between two processes cost what a few hundred do.
    let row_of: HashMap<Pid, usize> = data
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.0, i))
        .collect();
    // Only arrows between rows in view are drawn.
    let in_view = top..top + shown;
    let mid = |r: usize| AXIS_H + (r as f64 - top as f64) * ROW_H + ROW_H / 2.0;
    ctx.save();
    ctx.begin_path();
    ctx.rect(LABEL_W, AXIS_H - 2.0, plot_w, css_h - AXIS_H + 2.0);
    ctx.clip();
    let mut seen = std::collections::HashSet::new();
    let mut by_kind: [Vec<(f64, f64, f64, f64)>; 4] = Default::default();
    for a in data.arrows.iter().rev() {
        if seen.len() >= MAX_ARROWS {
            break;
        }
        let (Some(&ra), Some(&rb)) = (row_of.get(&a.from.0), row_of.get(&a.to.0)) else {
            continue;
        };
        if !in_view.contains(&ra) || !in_view.contains(&rb) {
            continue;
        }
        let (ta, tb) = (a.from.1 as f64, a.to.1 as f64);
        if ta.max(tb) < t0 || ta.min(tb) > t1 {
            continue;
        }
        let (xa, xb) = (x_of(ta), x_of(tb));
        let cell = (a.kind as u8, ra, rb, (xa / 2.0) as i64, (xb / 2.0) as i64);
        if seen.insert(cell) {
            by_kind[a.kind as usize].push((xa, mid(ra), xb, mid(rb)));
        }
    }
    ctx.set_line_width(1.25);
    for kind in [
        ArrowKind::Start,
        ArrowKind::Join,
        ArrowKind::Queue,
        ArrowKind::Lock,
    ] {
        let arrows = &by_kind[kind as usize];
        if arrows.is_empty() {
            continue;
        }
        let c = arrow_colour(kind);
        ctx.set_stroke_style_str(c);
        ctx.set_fill_style_str(c);
        if kind == ArrowKind::Start {
            let _ = ctx.set_line_dash(&js_sys::Array::of2(&3.0.into(), &2.0.into()));
        }
        ctx.begin_path();
        for &(xa, ya, xb, yb) in arrows {
            ctx.move_to(xa, ya);
            ctx.line_to(xb, yb);
        }
        ctx.stroke();
        if kind == ArrowKind::Start {
            let _ = ctx.set_line_dash(&js_sys::Array::new());
        }
        // The heads.
        ctx.begin_path();
        for &(xa, ya, xb, yb) in arrows {
            let ang = (yb - ya).atan2(xb - xa);
            ctx.move_to(xb, yb);
            ctx.line_to(xb - 7.0 * (ang - 0.45).cos(), yb - 7.0 * (ang - 0.45).sin());
            ctx.line_to(xb - 7.0 * (ang + 0.45).cos(), yb - 7.0 * (ang + 0.45).sin());
            ctx.close_path();
        }
        ctx.fill();
    }
    ctx.restore();

    // Step mode: the moment shown.
    if let Some(c) = data.cursor {
        let x = x_of(c as f64);
        ctx.set_fill_style_str(if dark {
            "rgba(15,23,42,0.55)"
        } else {
            "rgba(248,250,252,0.6)"
        });
        ctx.fill_rect(x, AXIS_H, LABEL_W + plot_w - x, css_h - AXIS_H);
        ctx.set_stroke_style_str("#dc2626");
        ctx.set_line_width(2.0);
        ctx.begin_path();
        ctx.move_to(x, 2.0);
        ctx.line_to(x, css_h);
        ctx.stroke();
    }
    ctx.restore();

    // Row labels (over the clip, in the left column).
    ctx.set_font("12px ui-monospace, monospace");
    for (r, row) in data.rows.iter().enumerate().skip(top).take(shown) {
        ctx.set_fill_style_str(colour_of(r));
        let _ = ctx.fill_text(&row.1, 6.0, mid(r) + 4.0);
    }
    // More rows than shown: where these are among them, as a scroll bar at the right edge.
    let total = data.rows.len();
    if total > shown {
        let track = css_h - AXIS_H - 4.0;
        let thumb_h = (track * shown as f64 / total as f64).max(12.0);
        let thumb_y = AXIS_H + (track - thumb_h) * top as f64 / (total - shown) as f64;
        ctx.set_fill_style_str(grid);
        ctx.fill_rect(css_w - 6.0, AXIS_H, 4.0, track);
        ctx.set_fill_style_str(muted);
        ctx.fill_rect(css_w - 6.0, thumb_y, 4.0, thumb_h);
        ctx.set_font("11px system-ui, sans-serif");
        let label = crate::i18n::trf(
            "chart.rows",
            &[
                ("a", &(top + 1).to_string()),
                ("b", &(top + shown).to_string()),
                ("n", &total.to_string()),
            ],
        );
        let _ = ctx.fill_text(&label, 6.0, AXIS_H - 8.0);
    }
    ctx.set_fill_style_str(ink);

    // Tooltip.
    let mut hover_text = String::new();
    if let Some((hx, hy)) = s.hover {
        if let Some((r, sp)) = span_at(s, hx, hy, plot_w) {
            let lines = [
                data.rows[r].1.clone(),
                state_label(&sp.state, &data.names),
                format!("start {}", fmt_us(sp.start)),
                format!("duration {}", fmt_us(sp.end - sp.start)),
            ];
            hover_text = lines.join("\n");
            ctx.set_font("12px system-ui, sans-serif");
            let w = lines
                .iter()
                .filter_map(|l| ctx.measure_text(l).ok().map(|m| m.width()))
                .fold(0.0, f64::max)
                + 16.0;
            let h = lines.len() as f64 * 16.0 + 8.0;
            let bx = if hx + 14.0 + w > css_w {
                hx - w - 10.0
            } else {
                hx + 14.0
            };
            let by = (hy + 10.0).min(css_h - h).max(0.0);
            ctx.set_fill_style_str(if dark { "#1e293b" } else { "#0f172a" });
            ctx.fill_rect(bx, by, w, h);
            ctx.set_fill_style_str("#f8fafc");
            for (i, l) in lines.iter().enumerate() {
                let _ = ctx.fill_text(l, bx + 8.0, by + 18.0 + i as f64 * 16.0);
            }
        }
    }
    let _ = canvas.set_attribute("data-hover", &hover_text);
    let _ = canvas.set_attribute("data-window", &format!("{t0:.0},{t1:.0}"));
    let _ = canvas.set_attribute("data-top", &top.to_string());
}

/// (first row shown, rows shown): at most [`MAX_ROWS_SHOWN`], scrolled to `State::top`.
fn rows_shown(s: &State) -> (usize, usize) {
    let total = s.data.rows.len();
    let shown = total.min(MAX_ROWS_SHOWN);
    (s.top.min(total - shown), shown)
}

/// Scrolls the rows by `by` (negative: up); whether they moved.
fn scroll_rows(s: &mut State, by: isize) -> bool {
    let (top, shown) = rows_shown(s);
    let max = s.data.rows.len() - shown;
    let to = top.saturating_add_signed(by).min(max);
    s.top = to;
    to != top
}

/// The span under the mouse, with its row.
fn span_at(s: &State, x: f64, y: f64, plot_w: f64) -> Option<(usize, &Span)> {
    if x < LABEL_W || y < AXIS_H {
        return None;
    }
    let (top, shown) = rows_shown(s);
    let r = ((y - AXIS_H) / ROW_H).floor() as usize;
    if r >= shown {
        return None;
    }
    let r = top + r;
    let idx = s.by_row.get(r)?;
    let (t0, t1) = window(s);
    let t = t0 + (x - LABEL_W) / plot_w * (t1 - t0);
    // A pixel's worth of slack, so that thin spans can be hovered.
    let slack = (t1 - t0) / plot_w;
    let i = idx.partition_point(|&i| (s.data.spans[i].end as f64) < t - slack);
    let sp = match idx.get(i) {
        Some(&i) => &s.data.spans[i],
        None => s.data.open.get(r)?.as_ref()?,
    };
    (sp.start as f64 <= t + slack).then_some((r, sp))
}

fn fmt_us(us: Micros) -> String {
    if us >= 1_000_000 {
        format!("{:.3} s", us as f64 / 1e6)
    } else if us >= 1000 {
        format!("{:.2} ms", us as f64 / 1e3)
    } else {
        format!("{us} µs")
    }
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
    } else if step_us >= 10.0 {
        format!("{:.2} ms", t_us / 1e3)
    } else {
        format!("{t_us:.0} µs")
    }
}

/// Zooms by `factor` (< 1: in) around the plot x position `at` (CSS px from the canvas's left).
fn zoom_at(s: &mut State, factor: f64, at: Option<f64>) {
    let Some(canvas) = s.canvas.as_ref() else {
        return;
    };
    let (_, plot_w) = plot_width(canvas);
    let (t0, t1) = window(s);
    let frac = at.map_or(0.5, |x| ((x - LABEL_W) / plot_w).clamp(0.0, 1.0));
    let pivot = t0 + frac * (t1 - t0);
    let width = ((t1 - t0) * factor).max(10.0);
    let full = full_end(s);
    if width >= full {
        s.view = None;
        return;
    }
    let mut a = pivot - frac * width;
    a = a.clamp(0.0, (full - width).max(0.0));
    s.view = Some((a, a + width));
}

/// The zoom buttons: `+1` in, `-1` out, `0` the whole run.
pub fn zoom(dir: i32) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        match dir {
            0 => s.view = None,
            d if d > 0 => zoom_at(&mut s, 0.5, None),
            _ => zoom_at(&mut s, 2.0, None),
        }
    });
    redraw();
}

fn local_x(e: &MouseEvent) -> (f64, f64) {
    (e.offset_x() as f64, e.offset_y() as f64)
}

/// Listens to the wheel on `canvas` natively, not passively: Ctrl+wheel must be able to stop the
/// browser's own page zoom (`preventDefault`), which a passive listener cannot.
pub fn install(canvas: &HtmlCanvasElement) {
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(WheelEvent)>::new(on_wheel);
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_passive(false);
    let _ = canvas.add_event_listener_with_callback_and_add_event_listener_options(
        "wheel",
        cb.as_ref().unchecked_ref(),
        &opts,
    );
    // The canvas lives as long as the page.
    cb.forget();
}

pub fn on_wheel(e: WheelEvent) {
    let (x, _) = local_x(&e);
    if e.ctrl_key() || e.meta_key() {
        e.prevent_default();
        let factor = 1.0015f64.powf(e.delta_y().clamp(-300.0, 300.0));
        STATE.with(|s| zoom_at(&mut s.borrow_mut(), factor, Some(x)));
        redraw();
    } else if e.shift_key() || e.delta_x().abs() > e.delta_y().abs() {
        e.prevent_default();
        let d = if e.delta_x() != 0.0 {
            e.delta_x()
        } else {
            e.delta_y()
        };
        STATE.with(|s| pan_by(&mut s.borrow_mut(), d));
        redraw();
    } else {
        // More rows than shown: the wheel scrolls them (at either end, the page scrolls).
        if e.delta_y() == 0.0 {
            // Neither way (only `deltaZ`): `signum` below would scroll down a row.
            return;
        }
        let rows = (e.delta_y() / ROW_H).round().clamp(-10.0, 10.0) as isize;
        let rows = if rows == 0 {
            e.delta_y().signum() as isize
        } else {
            rows
        };
        if STATE.with(|s| scroll_rows(&mut s.borrow_mut(), rows)) {
            e.prevent_default();
            redraw();
        }
    }
}

/// Pans by `dx` CSS pixels.
fn pan_by(s: &mut State, dx: f64) {
    let Some(canvas) = s.canvas.as_ref() else {
        return;
    };
    let (_, plot_w) = plot_width(canvas);
    let Some((t0, t1)) = s.view else { return };
    let full = full_end(s);
    let dt = dx / plot_w * (t1 - t0);
    let a = (t0 + dt).clamp(0.0, (full - (t1 - t0)).max(0.0));
    s.view = Some((a, a + (t1 - t0)));
}

pub fn on_mouse_down(e: MouseEvent) {
    let (x, _) = local_x(&e);
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let w = window(&s);
        s.drag = Some((x, w));
    });
}

pub fn on_mouse_move(e: MouseEvent) {
    let (x, y) = local_x(&e);
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.hover = Some((x, y));
        if let Some((x0, (a, b))) = s.drag {
            if e.buttons() & 1 == 0 {
                s.drag = None;
            } else if (x - x0).abs() > 2.0 {
                if let Some(canvas) = s.canvas.as_ref() {
                    let (_, plot_w) = plot_width(canvas);
                    let full = full_end(&s);
                    let dt = (x0 - x) / plot_w * (b - a);
                    let start = (a + dt).clamp(0.0, (full - (b - a)).max(0.0));
                    if b - a < full {
                        s.view = Some((start, start + (b - a)));
                    }
                }
            }
        }
    });
    redraw();
}

pub fn on_mouse_up(_e: MouseEvent) {
    STATE.with(|s| s.borrow_mut().drag = None);
}

pub fn on_mouse_leave(_e: MouseEvent) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.hover = None;
        s.drag = None;
    });
    redraw();
}

/// Keyboard: + / - zoom, 0 fits, arrows pan (the canvas is focusable).
pub fn on_key(e: web_sys::KeyboardEvent) {
    match e.key().as_str() {
        "+" | "=" => zoom(1),
        "-" => zoom(-1),
        "0" => zoom(0),
        "ArrowLeft" | "ArrowRight" => {
            let d = if e.key() == "ArrowLeft" { -60.0 } else { 60.0 };
            STATE.with(|s| pan_by(&mut s.borrow_mut(), d));
            redraw();
        }
        "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown" => {
            let by = match e.key().as_str() {
                "ArrowUp" => -1,
                "ArrowDown" => 1,
                "PageUp" => -(MAX_ROWS_SHOWN as isize),
                _ => MAX_ROWS_SHOWN as isize,
            };
            if !STATE.with(|s| scroll_rows(&mut s.borrow_mut(), by)) {
                return;
            }
            redraw();
        }
        _ => return,
    }
    e.prevent_default();
}

/// For `bench/page.mjs`: a round robin run of 8 busy processes on 1 CPU, made directly with the
/// kernel until its trace has `spans` spans, drawn on a detached 1200-px canvas. Returns
/// `[first draw ms (reads the whole trace), later draw ms (average of 20), zoomed-in draw ms,
/// spans]`. The page's own timeline state is put back afterwards. Exported by the binary
/// (src/bin/web.rs) as `proclabChartBench`.
pub fn chart_bench(spans: u32) -> Vec<f64> {
    use proclab_kernel::{Config, Effect, Kernel, Policy, Step, Syscall};
    let mut k = Kernel::new(Config::new(1, Policy::RoundRobin, 1, 0));
    let mut now: Micros = 0;
    k.start(now);
    let mut forks = 7;
    let mut n_spans = 0u64;
    while n_spans < spans as u64 {
        let effects = k.take_effects();
        if effects.is_empty() {
            break;
        }
        for e in effects {
            if let Effect::Run { pid, .. } = e {
                now += 10;
                let step = if forks > 0 && Some(pid) == k.main_pid() {
                    forks -= 1;
                    Step::Syscall(Syscall::Fork {
                        name: format!("Process-{}", 7 - forks),
                        daemon: false,
                    })
                } else {
                    Step::Yield
                };
                k.on_step(now, pid, step, Vec::new(), 400);
                // A preemption ends two spans: the running one's and the next one's ready.
                n_spans += 2;
            }
        }
    }
    let Some(canvas) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return Vec::new();
    };
    // In the document (off screen), so that it has a layout width like the page's timeline.
    let _ = canvas.set_attribute("style", "position:absolute;left:-5000px;width:1200px");
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body());
    if let Some(b) = &body {
        let _ = b.append_child(&canvas);
    }
    let saved = STATE.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let input = || Input {
        procs: k.procs(),
        trace: k.trace(),
        now,
        end: now,
        cursor: None,
    };
    let t = crate::js::perf_now;
    let a = t();
    draw(&canvas, input());
    let first = t() - a;
    let a = t();
    for _ in 0..20 {
        draw(&canvas, input());
    }
    let later = (t() - a) / 20.0;
    zoom(1);
    zoom(1);
    let a = t();
    draw(&canvas, input());
    let zoomed = t() - a;
    let drawn = STATE.with(|s| s.borrow().data.spans.len() as f64);
    STATE.with(|s| *s.borrow_mut() = saved);
    canvas.remove();
    vec![first, later, zoomed, drawn]
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
}
