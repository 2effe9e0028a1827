//! The page's controls and the state behind the views: Real / Step mode, the machine (CPUs,
//! scheduling policy), the theme, exports, and Step mode's recording with its cursor (step, play,
//! pause, scrubber).
//!
//! [`Views`] is what the page asks "what to show": in Real mode it reads the browser host's
//! kernel, in Step mode the frame of the recording under the cursor (see `crate::step`), so that
//! every view (console, timeline, process table, memory, objects, editor marks) shows the same
//! moment.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use proclab_abi::Stream;
use proclab_kernel::{Micros, Output, Pid, Policy, ProcInfo, Span, TraceEvent};
use yew::prelude::*;

use super::chart;
use super::colour_of;
use super::editor::LineMark;
use super::icons::{icon, Icon};
use super::memory::{self, Globals};
use super::objects;
use crate::export;
use crate::host::{Host, Line, Status};
use crate::i18n::{tr, trf};
use crate::js::Timeout;
use crate::step::page::SimWorker;
use crate::step::{Frame, Recording, Request};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mode {
    /// The browser host: real Web Workers, real time.
    Real,
    /// The simulation host: deterministic, seeded, one event at a time.
    Step,
}

pub enum Action {
    Mode(String),
    Cpus(String),
    Policy(String),
    Theme,
    ExportTrace,
    ExportConsole,
    Step,
    Play,
    Pause,
    Scrub(usize),
    /// A play tick: the cursor moves on.
    Tick,
    Recorded(Result<Recording, String>),
}

/// Frames per second while playing, and how long a whole play lasts at most: long recordings
/// skip frames rather than play for minutes.
const PLAY_MS: f64 = 60.0;
const PLAY_TICKS_MAX: usize = 250;
/// The seed of Step mode's runs (the same program and machine replay the same).
const SEED: u64 = 1;

pub struct Views {
    pub mode: Mode,
    cb: Callback<Action>,
    sim: SimWorker,
    simulating: bool,
    /// Stop ended a simulation before it produced a recording.
    cancelled: bool,
    sim_error: Option<String>,
    pub rec: Option<Rc<Recording>>,
    pub cursor: usize,
    playing: Option<Timeout>,
}

/// The browser's CPU count, for "auto".
pub fn auto_cpus() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(2)
        .clamp(1, 64)
}

/// Whether the page is in the dark theme (`<html class="dark">`).
pub fn is_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.class_list().contains("dark"))
}

fn set_dark(dark: bool) {
    if let Some(e) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if dark {
            e.class_list().add_1("dark")
        } else {
            e.class_list().remove_1("dark")
        };
    }
    if let Some(Ok(Some(s))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = s.set_item("proclab-theme", if dark { "dark" } else { "light" });
    }
}

/// The theme at start: the one chosen last time, else the system's.
fn initial_theme() {
    let Some(w) = web_sys::window() else { return };
    let saved = w
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("proclab-theme").ok().flatten());
    let dark = match saved.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => w
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    };
    if dark {
        set_dark(true);
    }
}

fn policy_key(p: Policy) -> &'static str {
    match p {
        Policy::Fcfs => "fcfs",
        Policy::RoundRobin => "rr",
        Policy::Priority => "priority",
    }
}

fn policy_name(p: Policy) -> &'static str {
    tr(match p {
        Policy::Fcfs => "policy.fcfs",
        Policy::RoundRobin => "policy.round_robin",
        Policy::Priority => "policy.priority",
    })
}

/// Reads `.value` of an event's target (select, input) without more web-sys features.
fn target_value(e: &Event) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Splits printed text into console lines, per process and stream (what the Real mode host
/// does as output arrives); text without a final newline ends the list.
pub fn console_lines(console: &[(Pid, Micros, Output)]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut partial: HashMap<(Pid, bool), String> = HashMap::new();
    for (pid, _, out) in console {
        let err = out.stream == Stream::Stderr;
        let buf = partial.entry((*pid, err)).or_default();
        let mut rest = out.text.as_str();
        while let Some(nl) = rest.find('\n') {
            buf.push_str(&rest[..nl]);
            lines.push(Line {
                pid: *pid,
                stream: out.stream,
                text: std::mem::take(buf),
            });
            rest = &rest[nl + 1..];
        }
        buf.push_str(rest);
    }
    let mut rest: Vec<_> = partial.into_iter().filter(|(_, t)| !t.is_empty()).collect();
    proclab_abi::sort_by_key(&mut rest, |(k, _)| *k);
    for ((pid, err), text) in rest {
        let stream = if err { Stream::Stderr } else { Stream::Stdout };
        lines.push(Line { pid, stream, text });
    }
    lines
}

impl Views {
    pub fn new(cb: Callback<Action>) -> Views {
        initial_theme();
        let done = cb.clone();
        Views {
            mode: Mode::Real,
            sim: SimWorker::new(Rc::new(move |r| done.emit(Action::Recorded(r)))),
            cb,
            simulating: false,
            cancelled: false,
            sim_error: None,
            rec: None,
            cursor: 0,
            playing: None,
        }
    }

    /// Starts in Step mode (the URL's `mode=step`).
    pub fn set_step(&mut self, step: bool) {
        self.mode = if step { Mode::Step } else { Mode::Real };
    }

    /// The Run button / Ctrl-Enter.
    pub fn run(&mut self, source: &str, host: &Rc<RefCell<Host>>) {
        match self.mode {
            Mode::Real => host.borrow_mut().run(source),
            Mode::Step => {
                // The machine is the host's (set by these controls, an exercise or the URL).
                let (cpus, policy) = host.borrow().machine();
                self.playing = None;
                self.simulating = true;
                self.cancelled = false;
                self.sim_error = None;
                self.rec = None;
                self.cursor = 0;
                self.sim.simulate(&Request {
                    source: source.to_owned(),
                    cpus: cpus.unwrap_or_else(auto_cpus),
                    policy: policy.unwrap_or(Policy::RoundRobin),
                    seed: SEED,
                });
            }
        }
    }

    /// The Stop button.
    pub fn stop(&mut self, host: &Rc<RefCell<Host>>) {
        match self.mode {
            Mode::Real => host.borrow_mut().stop(),
            Mode::Step => {
                self.playing = None;
                if self.simulating {
                    self.sim.cancel();
                    self.simulating = false;
                    self.cancelled = true;
                }
            }
        }
    }

    /// Whether Stop has something to stop.
    pub fn can_stop(&self, host: &Host) -> bool {
        match self.mode {
            Mode::Real => *host.status() == Status::Running,
            Mode::Step => self.simulating || self.playing.is_some(),
        }
    }

    fn frame(&self) -> Option<(&Recording, &Frame)> {
        if self.mode != Mode::Step {
            return None;
        }
        let rec = self.rec.as_deref()?;
        let f = rec
            .frames
            .get(self.cursor.min(rec.frames.len().checked_sub(1)?))?;
        Some((rec, f))
    }

    fn last_frame(&self) -> usize {
        self.rec
            .as_ref()
            .map_or(0, |r| r.frames.len().saturating_sub(1))
    }

    fn schedule_tick(&mut self) {
        let cb = self.cb.clone();
        self.playing = Timeout::new(PLAY_MS, move || cb.emit(Action::Tick));
    }

    /// Handles a control; true when the page must re-render.
    pub fn update(&mut self, a: Action, host: &Rc<RefCell<Host>>) -> bool {
        match a {
            Action::Mode(m) => {
                let mode = if m == "step" { Mode::Step } else { Mode::Real };
                if mode != self.mode {
                    self.stop(host);
                    self.mode = mode;
                }
            }
            Action::Cpus(v) => {
                let mut h = host.borrow_mut();
                let (_, policy) = h.machine();
                // "auto": the browser's count, said explicitly (the host's own default differs).
                h.set_machine(Some(v.parse().unwrap_or_else(|_| auto_cpus())), policy);
            }
            Action::Policy(v) => {
                let policy = match v.as_str() {
                    "fcfs" => Policy::Fcfs,
                    "priority" => Policy::Priority,
                    _ => Policy::RoundRobin,
                };
                let mut h = host.borrow_mut();
                let (cpus, _) = h.machine();
                h.set_machine(cpus, Some(policy));
            }
            Action::Theme => set_dark(!is_dark()),
            Action::ExportTrace => {
                let json = match self.mode {
                    Mode::Step => self.rec.as_ref().map(|r| r.chrome_trace.clone()),
                    Mode::Real => host.borrow().kernel().map(|k| k.chrome_trace_json()),
                };
                let json = json.unwrap_or_else(|| r#"{"traceEvents":[]}"#.to_owned());
                export::download(export::TRACE_FILE, "application/json", &json);
                return false;
            }
            Action::ExportConsole => {
                let lines = match self.mode {
                    Mode::Step => self
                        .rec
                        .as_ref()
                        .map(|r| console_lines(&r.console))
                        .unwrap_or_default(),
                    Mode::Real => {
                        let h = host.borrow();
                        let mut l = h.lines().to_vec();
                        l.extend(h.partial_lines());
                        l
                    }
                };
                let text: String = lines.iter().map(|l| format!("{}\n", l.text)).collect();
                export::download(export::CONSOLE_FILE, "text/plain", &text);
                return false;
            }
            Action::Step => {
                self.playing = None;
                self.cursor = (self.cursor + 1).min(self.last_frame());
            }
            Action::Play => {
                if self.cursor >= self.last_frame() {
                    self.cursor = 0;
                }
                self.schedule_tick();
            }
            Action::Pause => self.playing = None,
            Action::Scrub(i) => {
                self.playing = None;
                self.cursor = i.min(self.last_frame());
            }
            Action::Tick => {
                if self.playing.is_none() {
                    return false;
                }
                let n = self.last_frame();
                self.cursor = (self.cursor + n.div_ceil(PLAY_TICKS_MAX).max(1)).min(n);
                if self.cursor < n {
                    self.schedule_tick();
                } else {
                    self.playing = None;
                }
            }
            Action::Recorded(r) => {
                self.simulating = false;
                match r {
                    Ok(rec) => {
                        self.rec = Some(Rc::new(rec));
                        self.cursor = 0;
                    }
                    Err(e) => self.sim_error = Some(e),
                }
            }
        }
        true
    }

    /// The status line in Step mode (Real mode's is the host's).
    pub fn status(&self) -> Option<(String, &'static str)> {
        if self.mode != Mode::Step {
            return None;
        }
        if self.simulating {
            return Some((tr("status.simulating").to_owned(), "running"));
        }
        if let Some(e) = &self.sim_error {
            return Some((e.clone(), "error"));
        }
        let Some(rec) = self.rec.as_deref() else {
            let key = if self.cancelled {
                "status.stopped"
            } else {
                "status.ready"
            };
            return Some((
                tr(key).to_owned(),
                if self.cancelled { "stopped" } else { "idle" },
            ));
        };
        if rec.compile_error.is_some() {
            return Some((tr("status.syntax_error").to_owned(), "error"));
        }
        let n = self.last_frame();
        if self.cursor < n {
            let key = if self.playing.is_some() {
                return Some((tr("status.playing").to_owned(), "running"));
            } else {
                "status.step"
            };
            let (i, n) = (self.cursor.to_string(), n.to_string());
            return Some((trf(key, &[("i", &i), ("n", &n)]), "paused"));
        }
        Some(match &rec.stop_reason {
            // The simulation's message already starts with "deadlock: ".
            Some(r) if r.starts_with("deadlock") => (r.clone(), "error"),
            Some(_) => (tr("status.stopped").to_owned(), "stopped"),
            None => (
                trf(
                    "status.finished",
                    &[("code", &rec.exit_code.unwrap_or(0).to_string())],
                ),
                "finished",
            ),
        })
    }

    /// Real mode's deadlock message (the kernel's), for the status line.
    pub fn deadlock_message(&self, host: &Host) -> Option<String> {
        match self.mode {
            Mode::Real => host.kernel().and_then(|k| k.deadlock()).map(str::to_owned),
            Mode::Step => None,
        }
    }

    /// The process table at the moment shown.
    pub fn procs<'a>(&'a self, host: &'a Host) -> &'a [ProcInfo] {
        match self.frame() {
            Some((_, f)) => &f.procs,
            None if self.mode == Mode::Step => &[],
            None => host.kernel().map(|k| k.procs()).unwrap_or(&[]),
        }
    }

    fn trace<'a>(&'a self, host: &'a Host) -> &'a [TraceEvent] {
        match self.frame() {
            Some((r, f)) => &r.trace[..f.trace_len.min(r.trace.len())],
            None if self.mode == Mode::Step => &[],
            None => host.kernel().map(|k| k.trace()).unwrap_or(&[]),
        }
    }

    /// Step mode's console up to the moment shown: `(hidden, lines)`.
    pub fn console(&self, max: usize) -> Option<(usize, Vec<Line>)> {
        if self.mode != Mode::Step {
            return None;
        }
        let Some((rec, f)) = self.frame() else {
            let lines = match self.rec.as_ref().and_then(|r| r.compile_error.clone()) {
                Some(text) => console_lines(&[(
                    0,
                    0,
                    Output {
                        stream: Stream::Stderr,
                        text,
                    },
                )]),
                None => Vec::new(),
            };
            return Some((0, lines));
        };
        let mut lines = console_lines(&rec.console[..f.console_len.min(rec.console.len())]);
        let hidden = lines.len().saturating_sub(max);
        lines.drain(..hidden);
        Some((hidden, lines))
    }

    /// The spans for the timeline's `data-spans` (what tests read).
    pub fn spans(&self, host: &Host) -> Vec<Span> {
        match self.frame() {
            Some((r, f)) => chart::spans_of(&f.procs, &r.trace[..f.trace_len], f.t),
            None if self.mode == Mode::Step => Vec::new(),
            None => host.kernel().map(|k| k.spans()).unwrap_or_default(),
        }
    }

    /// Draws the timeline of the moment shown.
    pub fn draw_chart(&self, canvas: &web_sys::HtmlCanvasElement, host: &Host) {
        let (now, end, cursor) = match self.frame() {
            // The axis grows with the cursor, as Real mode's grows with the clock: the moment
            // shown fills the width however small the virtual times are (microseconds of
            // computing between sleeps of a tenth of a second).
            Some((_, f)) => (f.t, f.t, Some(f.t)),
            None if self.mode == Mode::Step => (0, 0, None),
            None => (host.now(), host.now(), None),
        };
        chart::draw(
            canvas,
            chart::Input {
                procs: self.procs(host),
                trace: self.trace(host),
                now,
                end,
                cursor,
            },
        );
    }

    /// The editor's marks: each live process's current line (Step mode).
    pub fn marks(&self) -> Vec<LineMark> {
        let Some((_, f)) = self.frame() else {
            return Vec::new();
        };
        f.lines
            .iter()
            .map(|(pid, line)| {
                let i = f.procs.iter().position(|p| p.pid == *pid).unwrap_or(0);
                LineMark {
                    line: *line,
                    colour: colour_of(i),
                    label: pid.to_string(),
                }
            })
            .collect()
    }

    /// The process table's rows in Step mode, and how many it leaves out (Real mode's are the
    /// page's own).
    pub fn step_rows(&self) -> Option<(Html, usize)> {
        let (rec, f) = self.frame()?;
        let names = chart::names_of(&rec.trace[..f.trace_len]);
        Some(super::process_rows(
            &f.procs,
            |p| chart::state_label(&p.state, &names),
            3,
        ))
    }

    /// The memory and shared objects panes.
    pub fn panes(&self, host: &Host) -> Html {
        let procs = self.procs(host);
        let trace = self.trace(host);
        let globals: Vec<Globals> = match self.frame() {
            Some((r, f)) => f
                .globals
                .iter()
                .filter_map(|(pid, i)| Some((*pid, r.globals.get(*i)?.as_slice())))
                .collect(),
            None if self.mode == Mode::Step => Vec::new(),
            None => {
                let g = host.globals();
                procs
                    .iter()
                    .filter_map(|p| Some((p.pid, g.get(&p.pid)?.as_slice())))
                    .collect()
            }
        };
        let objs = objects::objects_of(trace, procs);
        html! {
          <>
            { memory::view(procs, &globals, &objs) }
            { objects::view(&objs, procs, trace) }
          </>
        }
    }

    /// The header's controls: mode, CPUs, policy, theme, exports.
    pub fn toolbar(&self, host: &Host) -> Html {
        let cb = &self.cb;
        let mode = if self.mode == Mode::Step {
            "step"
        } else {
            "real"
        };
        let (cpus, policy) = host.machine();
        let cpus = match cpus {
            Some(n) if n != auto_cpus() || [1, 2, 4, 8].contains(&n) => n.to_string(),
            _ => "auto".to_owned(),
        };
        let policy = policy_key(policy.unwrap_or(Policy::RoundRobin));
        let auto = format!("{} ({})", tr("ctl.cpus_auto"), auto_cpus());
        let dark = is_dark();
        html! {
          <div class="toolbar">
            <label title={tr(if self.mode == Mode::Step { "ctl.mode_step_title" } else { "ctl.mode_real_title" })}>
              <span>{tr("ctl.mode")}</span>
              <select data-testid="mode" onchange={cb.reform(|e: Event| Action::Mode(target_value(&e)))}>
                <option value="real" selected={mode == "real"}>{tr("ctl.mode_real")}</option>
                <option value="step" selected={mode == "step"}>{tr("ctl.mode_step")}</option>
              </select>
            </label>
            <label>
              <span>{tr("ctl.cpus")}</span>
              <select data-testid="cpus" onchange={cb.reform(|e: Event| Action::Cpus(target_value(&e)))}>
                { for ["1", "2", "4", "8"].iter().map(|n| html! {
                    <option value={*n} selected={cpus == *n}>{*n}</option>
                }) }
                <option value="auto" selected={cpus == "auto"}>{auto}</option>
              </select>
            </label>
            <label>
              <span>{tr("ctl.policy")}</span>
              <select data-testid="policy" onchange={cb.reform(|e: Event| Action::Policy(target_value(&e)))}>
                { for [Policy::Fcfs, Policy::RoundRobin, Policy::Priority].iter().map(|p| html! {
                    <option value={policy_key(*p)} selected={policy == policy_key(*p)}>{policy_name(*p)}</option>
                }) }
              </select>
            </label>
            <button data-testid="theme" class="ghost" aria-pressed={dark.to_string()}
                    title={tr("ctl.theme")} onclick={cb.reform(|_| Action::Theme)}>
              {icon(if dark { Icon::Sun } else { Icon::Moon })}{tr(if dark { "ctl.theme_light" } else { "ctl.theme_dark" })}
            </button>
            <button data-testid="export-trace" class="ghost" title={tr("ctl.export_trace")}
                    onclick={cb.reform(|_| Action::ExportTrace)}>{icon(Icon::Download)}{tr("ctl.trace_short")}</button>
            <button data-testid="export-console" class="ghost" title={tr("ctl.export_console")}
                    onclick={cb.reform(|_| Action::ExportConsole)}>{icon(Icon::Download)}{tr("ctl.console_short")}</button>
          </div>
        }
    }

    /// Step mode's bar: step, play, pause and the scrubber, over the timeline.
    pub fn stepbar(&self) -> Html {
        if self.mode != Mode::Step {
            return html! {};
        }
        let cb = &self.cb;
        let n = self.last_frame();
        let have = self.rec.as_ref().is_some_and(|r| !r.frames.is_empty());
        let t = self
            .frame()
            .map(|(_, f)| format!("{:.3} ms", f.t as f64 / 1000.0))
            .unwrap_or_default();
        html! {
          <div class="stepbar">
            <button data-testid="step" disabled={!have || self.cursor >= n}
                    onclick={cb.reform(|_| Action::Step)}>{tr("ctl.step")}{" +1"}</button>
            if self.playing.is_some() {
              <button data-testid="pause" onclick={cb.reform(|_| Action::Pause)}>{tr("ctl.pause")}</button>
              <button data-testid="play" disabled=true>{icon(Icon::Play)}{tr("ctl.play")}</button>
            } else {
              <button data-testid="pause" disabled=true>{tr("ctl.pause")}</button>
              <button data-testid="play" disabled={!have} onclick={cb.reform(|_| Action::Play)}>{icon(Icon::Play)}{tr("ctl.play")}</button>
            }
            <input type="range" data-testid="scrubber" min="0" max={n.to_string()}
                   value={self.cursor.to_string()} disabled={!have} aria-label={tr("ctl.scrubber")}
                   oninput={cb.reform(|e: InputEvent| {
                       let v = e.target().and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
                           .and_then(|v| v.as_string()).unwrap_or_default();
                       Action::Scrub(v.parse().unwrap_or(0))
                   })} />
            <span class="moment">{format!("{} / {n}", self.cursor)}{"  "}{t}</span>
          </div>
        }
    }
}

/// Zoom buttons for the timeline.
pub fn zoom_buttons() -> Html {
    let b = |dir: i32, label: Html, key: &'static str, id: &'static str| {
        html! {
          <button class="ghost small" data-testid={id} title={tr(key)} aria-label={tr(key)}
                  onclick={Callback::from(move |_: MouseEvent| chart::zoom(dir))}>{label}</button>
        }
    };
    html! {
      <span class="zoom">
        { b(1, html! {"+"}, "ctl.zoom_in", "zoom-in") }
        { b(-1, html! {"−"}, "ctl.zoom_out", "zoom-out") }
        { b(0, icon(Icon::Fit), "ctl.zoom_fit", "zoom-fit") }
      </span>
    }
}

/// The timeline canvas's mouse and keyboard handlers, as attributes (the wheel's is native: see
/// `chart::install`).
pub struct CanvasEvents {
    pub down: Callback<MouseEvent>,
    pub moved: Callback<MouseEvent>,
    pub up: Callback<MouseEvent>,
    pub leave: Callback<MouseEvent>,
    pub key: Callback<KeyboardEvent>,
}

pub fn canvas_events() -> CanvasEvents {
    CanvasEvents {
        down: Callback::from(chart::on_mouse_down),
        moved: Callback::from(chart::on_mouse_move),
        up: Callback::from(chart::on_mouse_up),
        leave: Callback::from(chart::on_mouse_leave),
        key: Callback::from(chart::on_key),
    }
}
