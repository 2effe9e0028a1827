//! The page: editor, Run/Stop, status, console, timeline and process table.
//!
//! The component holds no run state of its own: everything shown is read from the [`Host`] (and
//! its kernel) at each render, and the host asks for a render at most once per animation frame.

mod catalog;
pub(crate) mod chart;
mod controls;
mod editor;
mod icons;
mod memory;
mod objects;
mod timeline;

use std::cell::RefCell;
use std::rc::Rc;

use proclab_abi::Stream;
use proclab_kernel::{Policy, ProcInfo};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::host::{Host, Line, Status};
use crate::i18n::{self, tr, trf};

pub const DEFAULT_PROGRAM: &str = r#"from multiprocessing import Process
import os, time

def work(n):
    print(f"child {n}: pid={os.getpid()} parent={os.getppid()}")
    time.sleep(0.2)
    print("child", n, "done")

if __name__ == "__main__":
    procs = []
    for i in range(5):
        p = Process(target=work, args=(i,))
        p.start()
        procs.append(p)
    for p in procs:
        p.join()
    print("main done")
"#;

/// Process colours, by creation order; the timeline's labels and the console's tags use them.
pub const PALETTE: [&str; 8] = [
    "#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626",
];

pub fn colour_of(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

pub enum Msg {
    Run,
    Stop,
    Edit(String),
    Refresh,
    /// The exercise catalog, language, share links, embedding (`catalog.rs`).
    Ex(catalog::Msg),
    /// Mode, machine, theme, exports and Step mode's controls (`controls.rs`).
    Views(controls::Action),
    /// The reader scrolled the console: is its end in view?
    ConsoleScrolled(bool),
}

/// The console shows at most this many lines (the last ones): a runaway `print` loop must not
/// make every frame diff an ever-growing DOM.
const MAX_LINES_SHOWN: usize = 2000;

pub struct App {
    host: Rc<RefCell<Host>>,
    source: String,
    canvas: NodeRef,
    console: NodeRef,
    /// The host's version the DOM shows.
    shown: Option<u64>,
    /// The console keeps its end in view, like a terminal, until the reader scrolls up.
    follow: bool,
    /// Exercises, language, URL parameters and the embedding page (`catalog.rs`).
    ex: catalog::State,
    /// Real / Step mode and what every view shows (`controls.rs`).
    views: controls::Views,
    /// When the last DOM update started and ended (`perf_now`, ms): while a run goes on, the DOM
    /// is updated at most every [`DOM_COST_FACTOR`] times what the last update cost, so that the
    /// page's thread (which also carries every message between the processes) stays mostly free.
    render_started: f64,
    render_ended: f64,
    /// The console was empty at the last DOM update.
    shown_no_lines: bool,
    /// When the timeline was last drawn, and what that cost (ms).
    chart_cost: std::cell::Cell<(f64, f64)>,
}

/// See `App::render_started`: the DOM takes at most about 1/5 of the page's time during a run...
const DOM_COST_FACTOR: f64 = 5.0;
/// ...but one costly update (the page's first, cold, ~150 ms) holds the next back this long at
/// most; and the run's first console line never waits.
const DOM_MAX_WAIT_MS: f64 = 250.0;
/// ...and, during a run, neither the DOM nor the timeline is redone more often than this (ms):
/// ten pictures a second are enough to watch, and the page's thread shares the machine's cores
/// with the processes' workers.
const RUN_MIN_INTERVAL_MS: f64 = 100.0;

impl App {
    fn draw_timeline(&self) {
        let host = self.host.borrow();
        let Some(canvas) = self.canvas.cast::<web_sys::HtmlCanvasElement>() else {
            return;
        };
        // During a run, a costly drawing (thousands of spans and arrows) is redone less often,
        // as the DOM is: the page's thread also carries every message between the processes.
        let now = crate::js::perf_now();
        let (at, cost) = self.chart_cost.get();
        let running = *host.status() == Status::Running;
        if running && now - at < (cost * DOM_COST_FACTOR).max(RUN_MIN_INTERVAL_MS) {
            return;
        }
        if !running {
            chart::forget_width();
        }
        self.views.draw_chart(&canvas, &host);
        self.chart_cost.set((now, crate::js::perf_now() - now));
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link().clone();
        let host = Host::new(Rc::new(move || link.send_message(Msg::Refresh)));
        // The timeline is drawn at the canvas's size: redraw it when the window resizes.
        let link = ctx.link().clone();
        let onresize = Closure::<dyn FnMut()>::new(move || link.send_message(Msg::Refresh));
        if let Some(w) = web_sys::window() {
            w.set_onresize(Some(onresize.as_ref().unchecked_ref()));
        }
        // The page lives as long as the window.
        onresize.forget();
        let (ex, source) = catalog::State::new(ctx.link(), &host);
        let mut views = controls::Views::new(ctx.link().callback(Msg::Views));
        views.set_step(ex.mode() == Some(crate::embed::Mode::Step));
        // `autorun=1`: the run starts now, not after the first render (a message sent now would
        // be handled after it): its process computes in its worker while this thread renders
        // the page (~150 ms cold), which took a third of the time to its first output.
        if ex.autorun() {
            views.run(&source, &host);
        }
        App {
            views,
            ex,
            host,
            source,
            canvas: NodeRef::default(),
            console: NodeRef::default(),
            shown: None,
            follow: true,
            render_started: 0.0,
            render_ended: 0.0,
            shown_no_lines: true,
            chart_cost: Default::default(),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Ex(m) => return self.ex_update(ctx, m),
            Msg::Views(a) => return self.views.update(a, &self.host),
            Msg::Run => {
                self.ex.before_run();
                self.follow = true;
                self.views.run(&self.source, &self.host);
            }
            Msg::ConsoleScrolled(at_end) => {
                self.follow = at_end;
                return false;
            }
            Msg::Stop => self.views.stop(&self.host),
            Msg::Edit(text) => {
                self.source = text;
                return false;
            }
            Msg::Refresh => {
                let host = self.host.borrow();
                let graded = self.ex.after_refresh(&host);
                // Only the clock moved, or the DOM was updated too recently during a run: redraw
                // the timeline, leave the DOM alone (the next frame looks again).
                let wait = ((self.render_ended - self.render_started) * DOM_COST_FACTOR)
                    .clamp(RUN_MIN_INTERVAL_MS, DOM_MAX_WAIT_MS);
                let first_line = self.shown_no_lines && !host.lines().is_empty();
                let too_soon = *host.status() == Status::Running
                    && !first_line
                    && crate::js::perf_now() - self.render_ended < wait;
                if !graded && (self.shown == Some(host.version()) || too_soon) {
                    drop(host);
                    self.draw_timeline();
                    return false;
                }
            }
        }
        self.render_started = crate::js::perf_now();
        true
    }

    fn rendered(&mut self, _ctx: &Context<Self>, first: bool) {
        if let (true, Some(c)) = (first, self.canvas.cast::<web_sys::HtmlCanvasElement>()) {
            chart::install(&c);
        }
        self.shown = Some(self.host.borrow().version());
        self.shown_no_lines = self.host.borrow().lines().is_empty();
        // Not at the first render: sizing the canvas (or reading the console's height) would
        // force the page's first layout now (~40-120 ms cold), while an `autorun=1` run waits
        // for this thread to pass its fork on; the next render draws it. That next frame is
        // asked for here only without a run: a run that started with the page asks for its
        // frames once its processes report (a frame first, ~60 ms cold, would delay its fork).
        if !first {
            self.draw_timeline();
        } else if *self.host.borrow().status() != Status::Running {
            self.host.borrow_mut().touch();
        }
        if self.follow && !self.shown_no_lines {
            if let Some(el) = self.console.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        }
        self.render_ended = crate::js::perf_now();
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let host = self.host.borrow();
        let link = ctx.link();
        let running = self.views.can_stop(&host);
        let (status_text, status_class) = match host.status() {
            Status::Idle => (tr("status.ready").to_owned(), "idle"),
            Status::Running => (tr("status.running").to_owned(), "running"),
            Status::Finished(code) => (
                trf("status.finished", &[("code", &code.to_string())]),
                "finished",
            ),
            Status::Stopped => (tr("status.stopped").to_owned(), "stopped"),
            Status::SyntaxError => (tr("status.syntax_error").to_owned(), "error"),
        };
        let (status_text, status_class) =
            match (self.views.status(), self.views.deadlock_message(&host)) {
                (Some(s), _) => s,
                (None, Some(d)) => (d, "error"),
                (None, None) => (status_text, status_class),
            };
        let procs: &[ProcInfo] = self.views.procs(&host);
        let index_of = |pid| procs.iter().position(|p| p.pid == pid).unwrap_or(0);
        let on_console_scroll = link.callback(|e: Event| {
            let el = e.target_unchecked_into::<web_sys::Element>();
            Msg::ConsoleScrolled(el.scroll_height() - el.client_height() - el.scroll_top() < 30)
        });
        let all = host.lines();
        let hidden = all.len().saturating_sub(MAX_LINES_SHOWN);
        let mut lines: Vec<Line> = all[hidden..].to_vec();
        lines.extend(host.partial_lines());
        let (hidden, lines) = self
            .views
            .console(MAX_LINES_SHOWN)
            .unwrap_or((hidden, lines));
        let spans = self.views.spans(&host);
        let canvas_events = controls::canvas_events();
        let machine = host.kernel().map(|k| {
            let c = k.config();
            let policy = match c.policy {
                Policy::Fcfs => tr("policy.fcfs"),
                Policy::RoundRobin => tr("policy.round_robin"),
                Policy::Priority => tr("policy.priority"),
            };
            html! { <span class="machine">{trf("app.machine", &[("cpus", &c.cpus.to_string()), ("policy", policy)])}</span> }
        });

        let (table_rows, hidden_procs) = self.views.step_rows().unwrap_or_else(|| {
            match host
                .kernel()
                .filter(|_| self.views.mode == controls::Mode::Real)
            {
                Some(k) => process_rows(procs, |p| k.state_label(&p.state), 1),
                None => (Html::default(), 0),
            }
        });

        // With autorun=1, the program's first output before the editor (editor.rs).
        let hold_editor = self.ex.autorun()
            && all.is_empty()
            && matches!(host.status(), Status::Idle | Status::Running);

        html! {
          <div class={classes!("app", if self.ex.compact() { "embed" } else { "with-side" })}
               data-busy-workers={host.busy_workers().to_string()}
               data-idle-workers={host.idle_workers().to_string()}>
            <header>
              <h1>{"proclab"}</h1>
              <span class="tagline">{tr("app.tagline")}</span>
              <div class="controls">
                <button data-testid="run" class="run" onclick={link.callback(|_| Msg::Run)}
                        title={tr("app.run_title")}>{icons::icon(icons::Icon::Play)}{tr("app.run")}</button>
                <button data-testid="stop" class="stop" disabled={!running}
                        onclick={link.callback(|_| Msg::Stop)}>{icons::icon(icons::Icon::Stop)}{tr("app.stop")}</button>
                <span data-testid="status" class={classes!("status", status_class)}
                      title={status_text.clone()}>{status_text}</span>
              </div>
              { self.ex_header(ctx) }
              { self.views.toolbar(&host) }
            </header>
            { self.ex_side(ctx) }
            <main>
              <section class="pane editor-pane">
                <h2>{tr("app.program")}</h2>
                <editor::Editor text={self.source.clone()} on_change={link.callback(Msg::Edit)}
                                on_run={link.callback(|_| Msg::Run)} marks={self.views.marks()}
                                hold={hold_editor} label={tr("editor.label")} />
              </section>
              <section class="pane console-pane">
                <h2>{tr("app.console")}</h2>
                <div data-testid="console" class="console" ref={self.console.clone()}
                     onscroll={on_console_scroll}>
                  if hidden > 0 {
                    <div class="hidden-lines">{trf("app.hidden_lines", &[("n", &hidden.to_string())])}</div>
                  }
                  { for lines.iter().map(|l| console_line(l, procs, index_of(l.pid))) }
                </div>
              </section>
              <section class="pane timeline-pane">
                <h2>{tr("app.timeline")}{machine}{controls::zoom_buttons()}</h2>
                { self.views.stepbar() }
                <canvas ref={self.canvas.clone()} data-testid="timeline" tabindex="0"
                        onmousedown={canvas_events.down} onmousemove={canvas_events.moved}
                        onmouseup={canvas_events.up} onmouseleave={canvas_events.leave}
                        onkeydown={canvas_events.key}
                        data-rows={procs.len().to_string()}
                        data-spans={timeline::spans_json(&spans)} />
                <div class="legend">
                  { for timeline::LEGEND.iter().map(|(name, colour)| html! {
                      <span class="key"><span class="swatch" style={format!("background:{colour}")} />{i18n::state_label(name)}</span>
                  }) }
                </div>
              </section>
              <section class="pane table-pane">
                <h2>{tr("app.processes")}</h2>
                <table data-testid="process-table">
                  <thead><tr>
                    <th>{tr("table.pid")}</th><th>{tr("table.ppid")}</th><th>{tr("table.name")}</th>
                    <th>{tr("table.state")}</th><th>{tr("table.daemon")}</th>
                    <th>{tr("table.exitcode")}</th><th>{tr("table.cpu_time")}</th>
                  </tr></thead>
                  <tbody>{table_rows}</tbody>
                </table>
                if hidden_procs > 0 {
                  <div class="hidden-procs">{trf("app.hidden_procs", &[("n", &hidden_procs.to_string())])}</div>
                }
              </section>
              { self.views.panes(&host) }
              { limits() }
            </main>
          </div>
        }
    }
}

/// What a run may do in the page (ARCHITECTURE.md, "Limits"), under the panes.
fn limits() -> Html {
    const ITEMS: [&str; 6] = [
        "limits.processes",
        "limits.memory",
        "limits.output",
        "limits.recursion",
        "limits.step",
        "limits.views",
    ];
    html! {
      <section class="pane limits-pane">
        <details data-testid="limits">
          <summary>{tr("limits.title")}</summary>
          <ul>{ for ITEMS.iter().map(|k| html! { <li>{tr(k)}</li> }) }</ul>
        </details>
      </section>
    }
}

fn console_line(line: &Line, procs: &[ProcInfo], index: usize) -> Html {
    let name = procs
        .iter()
        .find(|p| p.pid == line.pid)
        .map(|p| p.name.as_str())
        .unwrap_or("");
    let colour = colour_of(index);
    let class = match line.stream {
        Stream::Stdout => "line",
        Stream::Stderr => "line stderr",
    };
    html! {
      <div {class} data-pid={line.pid.to_string()} style={format!("--proc:{colour}")}>
        <span class="tag" title={format!("{name} {}", line.pid)}>{line.pid}</span>
        <span class="text">{&line.text}</span>
      </div>
    }
}

/// The process table shows at most this many rows: with thousands of processes (a tutorial's
/// one process per number), a row each made every frame cost more than the run itself.
const MAX_TABLE_ROWS: usize = 200;

/// The process table's rows, in Real mode (from the kernel) and in Step mode (from the recorded
/// frame), and how many processes they leave out (past [`MAX_TABLE_ROWS`]: [`first_and_newest`]).
/// `state` gives a process's state label in English (`Kernel::state_label`,
/// `chart::state_label`), shown in the page's language; CPU time with `cpu_digits` decimals of ms.
pub(crate) fn process_rows(
    procs: &[ProcInfo],
    state: impl Fn(&ProcInfo) -> String,
    cpu_digits: usize,
) -> (Html, usize) {
    let (keep, hidden) = first_and_newest(procs.len(), MAX_TABLE_ROWS);
    let shown = procs.iter().enumerate().filter(|(i, _)| keep(*i));
    let rows = html! {
      { for shown.map(|(i, p)| process_row(i, p, &state(p), cpu_digits)) }
    };
    (rows, hidden)
}

/// Which of `n` processes (in order of creation) a view that shows at most `max` shows: the
/// main process and the newest others (the ones still running are among them); and how many it
/// leaves out.
pub(crate) fn first_and_newest(n: usize, max: usize) -> (impl Fn(usize) -> bool, usize) {
    let hidden = n.saturating_sub(max);
    (move |i| i == 0 || i > hidden, hidden)
}

fn process_row(index: usize, p: &ProcInfo, state: &str, cpu_digits: usize) -> Html {
    let exitcode = p.exitcode.map(|c| c.to_string()).unwrap_or_default();
    html! {
      <tr data-pid={p.pid.to_string()}>
        <td class="pid" style={format!("color:{}", colour_of(index))}>{p.pid}</td>
        <td>{p.ppid}</td>
        <td>{&p.name}</td>
        <td class={classes!("state", timeline::state_key(&p.state))}>{i18n::state_label(state)}</td>
        <td>{tr(if p.daemon { "table.yes" } else { "table.no" })}</td>
        <td>{exitcode}</td>
        <td class="num">{format!("{:.*} ms", cpu_digits, p.cpu_us as f64 / 1000.0)}</td>
      </tr>
    }
}
