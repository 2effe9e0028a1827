//! The page: editor, Run/Stop, status, console, timeline and process table.
//!
//! The component holds no run state of its own: everything shown is read from the [`Host`] (and
//! its kernel) at each render, and the host asks for a render at most once per animation frame.

mod timeline;

use std::cell::RefCell;
use std::rc::Rc;

use proclab_abi::Stream;
use proclab_kernel::{BlockReason, Policy, ProcInfo, ProcState};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::host::{Host, Line, Status};

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
}

impl App {
    fn draw_timeline(&self) {
        let host = self.host.borrow();
        if let Some(canvas) = self.canvas.cast::<web_sys::HtmlCanvasElement>() {
            timeline::draw(&canvas, host.kernel(), host.now());
        }
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
        App {
            host,
            source: DEFAULT_PROGRAM.to_owned(),
            canvas: NodeRef::default(),
            console: NodeRef::default(),
            shown: None,
        }
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Run => self.host.borrow_mut().run(&self.source),
            Msg::Stop => self.host.borrow_mut().stop(),
            Msg::Edit(text) => {
                self.source = text;
                return false;
            }
            Msg::Refresh => {
                // Only the clock moved: redraw the timeline, leave the DOM alone.
                if self.shown == Some(self.host.borrow().version()) {
                    self.draw_timeline();
                    return false;
                }
            }
        }
        true
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first: bool) {
        self.shown = Some(self.host.borrow().version());
        self.draw_timeline();
        // Follow the output, like a terminal, unless the reader scrolled up.
        if let Some(el) = self.console.cast::<web_sys::Element>() {
            let bottom = el.scroll_height() - el.client_height();
            if bottom - el.scroll_top() < 80 {
                el.set_scroll_top(bottom);
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let host = self.host.borrow();
        let link = ctx.link();
        let running = *host.status() == Status::Running;
        let (status_text, status_class) = match host.status() {
            Status::Idle => ("ready".to_owned(), "idle"),
            Status::Running => ("running".to_owned(), "running"),
            Status::Finished(code) => (format!("finished (exit code {code})"), "finished"),
            Status::Stopped => ("stopped".to_owned(), "stopped"),
            Status::SyntaxError => ("syntax error".to_owned(), "error"),
        };
        let procs: &[ProcInfo] = host.kernel().map(|k| k.procs()).unwrap_or(&[]);
        let index_of = |pid| procs.iter().position(|p| p.pid == pid).unwrap_or(0);
        let onkeydown = link.batch_callback(|e: KeyboardEvent| {
            (e.key() == "Enter" && (e.ctrl_key() || e.meta_key())).then(|| {
                e.prevent_default();
                Msg::Run
            })
        });
        let oninput = link.callback(|e: InputEvent| {
            Msg::Edit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        let all = host.lines();
        let hidden = all.len().saturating_sub(MAX_LINES_SHOWN);
        let mut lines: Vec<Line> = all[hidden..].to_vec();
        lines.extend(host.partial_lines());
        let spans = host.kernel().map(|k| k.spans()).unwrap_or_default();
        let machine = host.kernel().map(|k| {
            let c = k.config();
            let policy = match c.policy {
                Policy::Fcfs => "first come, first served",
                Policy::RoundRobin => "round robin",
                Policy::Priority => "priority",
            };
            html! { <span class="machine">{format!("{} CPUs, {policy}", c.cpus)}</span> }
        });

        html! {
          <div class="app" data-busy-workers={host.busy_workers().to_string()}
               data-idle-workers={host.idle_workers().to_string()}>
            <header>
              <h1>{"proclab"}</h1>
              <span class="tagline">{"Python multiprocessing, live in your browser"}</span>
              <div class="controls">
                <button data-testid="run" class="run" onclick={link.callback(|_| Msg::Run)}
                        title="Run (Ctrl-Enter)">{"▶ Run"}</button>
                <button data-testid="stop" class="stop" disabled={!running}
                        onclick={link.callback(|_| Msg::Stop)}>{"■ Stop"}</button>
                <span data-testid="status" class={classes!("status", status_class)}>{status_text}</span>
              </div>
            </header>
            <main>
              <section class="pane editor-pane">
                <h2>{"Program"}</h2>
                <textarea data-testid="editor" spellcheck="false" value={self.source.clone()}
                          {oninput} {onkeydown} />
              </section>
              <section class="pane console-pane">
                <h2>{"Console"}</h2>
                <div data-testid="console" class="console" ref={self.console.clone()}>
                  if hidden > 0 {
                    <div class="hidden-lines">{format!("… {hidden} earlier lines not shown")}</div>
                  }
                  { for lines.iter().map(|l| console_line(l, procs, index_of(l.pid))) }
                </div>
              </section>
              <section class="pane timeline-pane">
                <h2>{"Timeline"}{machine}</h2>
                <canvas ref={self.canvas.clone()} data-testid="timeline"
                        data-rows={procs.len().to_string()}
                        data-spans={timeline::spans_json(&spans)} />
                <div class="legend">
                  { for timeline::LEGEND.iter().map(|(name, colour)| html! {
                      <span class="key"><span class="swatch" style={format!("background:{colour}")} />{*name}</span>
                  }) }
                </div>
              </section>
              <section class="pane table-pane">
                <h2>{"Processes"}</h2>
                <table data-testid="process-table">
                  <thead><tr>
                    <th>{"pid"}</th><th>{"ppid"}</th><th>{"name"}</th><th>{"state"}</th>
                    <th>{"daemon"}</th><th>{"exitcode"}</th><th>{"CPU time"}</th>
                  </tr></thead>
                  <tbody>
                    { for procs.iter().enumerate().map(|(i, p)| process_row(i, p)) }
                  </tbody>
                </table>
              </section>
            </main>
          </div>
        }
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

pub fn state_text(state: &ProcState) -> String {
    match state {
        ProcState::New => "new".into(),
        ProcState::Ready => "ready".into(),
        ProcState::Running => "running".into(),
        ProcState::Blocked(BlockReason::Join(pid)) => format!("blocked: join {pid}"),
        ProcState::Blocked(BlockReason::Sleep) => "blocked: sleep".into(),
        ProcState::Terminated => "terminated".into(),
    }
}

fn process_row(index: usize, p: &ProcInfo) -> Html {
    let exitcode = p.exitcode.map(|c| c.to_string()).unwrap_or_default();
    html! {
      <tr data-pid={p.pid.to_string()}>
        <td class="pid" style={format!("color:{}", colour_of(index))}>{p.pid}</td>
        <td>{p.ppid}</td>
        <td>{&p.name}</td>
        <td class={classes!("state", timeline::state_key(&p.state))}>{state_text(&p.state)}</td>
        <td>{if p.daemon { "yes" } else { "no" }}</td>
        <td>{exitcode}</td>
        <td class="num">{format!("{:.1} ms", p.cpu_us as f64 / 1000.0)}</td>
      </tr>
    }
}
