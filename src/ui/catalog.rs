//! The exercise catalog in the page, the exercise panel, the language switch, Share / Embed and
//! the embedding page's message API.
//!
//! [`State`] lives in the [`App`] (field `ex`); the App calls in at four points only: `new` when it
//! is created (URL parameters -> language, exercise, program, machine), `before_run` when Run is
//! pressed, `after_refresh` on each host refresh (forwards output to an embedding page, grades the
//! run once it is over) and `update` for this module's own messages. Grading is
//! `proclab_catalog::grade` on `RunResult::from_kernel` of the kernel the run leaves behind, so the
//! page shows exactly the verdicts the catalog's own tests check in the simulation.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use proclab_catalog::{Exercise, Grade, Policy, RunResult, Settings};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::html::Scope;
use yew::prelude::*;

use super::icons::{icon, Icon};
use super::{App, Msg as AppMsg, DEFAULT_PROGRAM};
use crate::embed::{self, CheckResult, InMsg, Mode, OutMsg, Params};
use crate::host::{Host, Status};
use crate::i18n::{self, tr, trf, Lang};

pub enum Msg {
    /// Open the exercise with this id.
    Choose(String),
    SetLang(Lang),
    ToggleSolution(String),
    LoadSolution(String),
    ResetProgram,
    Share,
    Embed,
    CloseShare,
    /// A valid message from the embedding page.
    Message(InMsg),
}

#[derive(Clone, Copy, PartialEq)]
enum ShareKind {
    Link,
    Snippet,
}

/// The verdicts on the last finished run of the open exercise.
struct Graded {
    program: Grade,
    /// One per task, in the exercise's order.
    tasks: Vec<Grade>,
}

pub struct State {
    exercises: Vec<Exercise>,
    /// Index of the open exercise in `exercises`.
    current: Option<usize>,
    params: Params,
    /// In a frame: the message API is on.
    embedded: bool,
    graded: Option<Graded>,
    /// The host run (see [`run_id`]) whose end was last graded and posted.
    ended: Option<RunId>,
    /// The host run whose console is being posted, and how many of its lines were.
    posted: (Option<RunId>, usize),
    shown_solutions: HashSet<String>,
    share: Option<(ShareKind, String)>,
    _listener: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
}

/// Catalog groups: the first exercise number of each, with its title key.
const GROUPS: &[(u32, &str)] = &[
    (1, "ex.group_basics"),
    (5, "ex.group_process"),
    (13, "ex.group_memory"),
    (15, "ex.group_sync"),
    (19, "ex.group_pool"),
    (23, "ex.group_perf"),
];

fn group_of(order: u32) -> &'static str {
    GROUPS
        .iter()
        .rev()
        .find(|(first, _)| order >= *first)
        .map(|(_, key)| *key)
        .unwrap_or(GROUPS[0].1)
}

fn policy_name(p: Policy) -> &'static str {
    match p {
        Policy::Fcfs => tr("policy.fcfs"),
        Policy::RoundRobin => tr("policy.round_robin"),
        Policy::Priority => tr("policy.priority"),
    }
}

/// Puts `text` in the editor: the CodeMirror bundle's `proclabEditorSetAll` when the page has
/// it, else the plain textarea (set directly: its DOM value may have moved on from what Yew last
/// rendered, and Yew would then see no change to apply).
fn set_editor_text(text: &str) {
    let Some(w) = web_sys::window() else { return };
    if let Ok(f) = js_sys::Reflect::get(&w, &"proclabEditorSetAll".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(text));
            return;
        }
    }
    if let Some(el) = w
        .document()
        .and_then(|d| {
            d.query_selector("textarea[data-testid=editor]")
                .ok()
                .flatten()
        })
        .and_then(|el| el.dyn_into::<HtmlTextAreaElement>().ok())
    {
        el.set_value(text);
    }
}

impl State {
    /// Reads the URL: sets the language, opens the exercise, sets the host's machine, and returns
    /// the program the editor starts with. In a frame, starts listening to the parent.
    pub fn new(link: &Scope<App>, host: &Rc<RefCell<Host>>) -> (State, String) {
        let params = embed::params();
        let lang = params
            .lang
            .or_else(embed::navigator_lang)
            .unwrap_or(Lang::En);
        i18n::set_lang(lang);
        embed::set_document_lang(lang);
        let exercises = proclab_catalog::catalog();
        let current = params
            .ex
            .as_deref()
            .and_then(|id| exercises.iter().position(|e| e.id == id));
        let source = params
            .code
            .clone()
            .or_else(|| current.map(|i| exercises[i].program.clone()))
            .unwrap_or_else(|| DEFAULT_PROGRAM.to_owned());
        let embedded = embed::is_embedded();
        let listener = if embedded {
            let link = link.clone();
            embed::listen(params.origin.clone(), move |m| {
                link.send_message(AppMsg::Ex(Msg::Message(m)))
            })
        } else {
            None
        };
        let state = State {
            exercises,
            current,
            params,
            embedded,
            graded: None,
            ended: None,
            posted: (None, 0),
            shown_solutions: HashSet::new(),
            share: None,
            _listener: listener,
        };
        // `autorun=1`: the app starts the run itself, before its first render (App::create).
        state.apply_machine(host, state.exercise().map(|e| e.settings));
        if embedded {
            state.post(&OutMsg::Ready);
        }
        (state, source)
    }

    pub fn exercise(&self) -> Option<&Exercise> {
        self.current.map(|i| &self.exercises[i])
    }

    /// `autorun=1` from the URL.
    pub fn autorun(&self) -> bool {
        self.params.autorun
    }

    /// `mode=real|step` from the URL (for the mode switch).
    pub fn mode(&self) -> Option<Mode> {
        self.params.mode
    }

    /// The compact layout for an iframe (`embed=1`).
    pub fn compact(&self) -> bool {
        self.params.embed
    }

    fn post(&self, msg: &OutMsg) {
        if self.embedded {
            embed::post(msg, self.params.origin.as_deref());
        }
    }

    /// Applies an exercise's suggested settings: the URL's `cpus=` wins over the suggestion,
    /// and what the exercise leaves unset keeps the learner's current setting.
    fn apply_machine(&self, host: &Rc<RefCell<Host>>, settings: Option<Settings>) {
        let s = settings.unwrap_or_default();
        let (cpus, policy) = host.borrow().machine();
        host.borrow_mut()
            .set_machine(self.params.cpus.or(s.cpus).or(cpus), s.policy.or(policy));
    }

    /// Keeps the address bar in step with the page (exercise, language), so a reload or a
    /// bookmark shows the same thing. The code stays in the hash only while it came from a link.
    fn sync_url(&self, keep_hash: bool) {
        let mut pairs: Vec<String> = Vec::new();
        if let Some(e) = self.exercise() {
            pairs.push(format!("ex={}", e.id));
        }
        pairs.push(format!("lang={}", i18n::lang().tag()));
        if self.params.embed {
            pairs.push("embed=1".into());
        }
        if let Some(n) = self.params.cpus {
            pairs.push(format!("cpus={n}"));
        }
        match self.params.mode {
            Some(Mode::Step) => pairs.push("mode=step".into()),
            Some(Mode::Real) => pairs.push("mode=real".into()),
            None => {}
        }
        if let Some(o) = &self.params.origin {
            pairs.push(format!("origin={}", embed::percent_encode(o)));
        }
        let hash = if keep_hash {
            web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default()
        } else {
            String::new()
        };
        embed::replace_url(&format!("?{}{hash}", pairs.join("&")));
    }

    /// Run was pressed: the last verdicts no longer describe the program.
    pub fn before_run(&mut self) {
        self.graded = None;
    }

    /// Called on each host refresh: posts new console lines to the embedding page and, once the
    /// run is over, grades it and posts its end. Returns whether the panel changed.
    pub fn after_refresh(&mut self, host: &Host) -> bool {
        let Some(id) = host.kernel().map(run_id) else {
            return false;
        };
        if self.embedded {
            if self.posted.0 != Some(id) {
                self.posted = (Some(id), 0);
            }
            let lines = host.lines();
            for l in &lines[self.posted.1.min(lines.len())..] {
                self.post(&OutMsg::Output {
                    pid: l.pid,
                    stream: match l.stream {
                        proclab_abi::Stream::Stdout => "stdout",
                        proclab_abi::Stream::Stderr => "stderr",
                    },
                    text: format!("{}\n", l.text),
                });
            }
            self.posted.1 = lines.len();
        }
        let (status, state) = match host.status() {
            Status::Idle | Status::Running => return false,
            Status::Finished(code) => (Some(*code), "finished"),
            Status::Stopped => (None, "stopped"),
            Status::SyntaxError => (None, "syntax-error"),
        };
        if self.ended == Some(id) {
            return false;
        }
        self.ended = Some(id);
        if let (Some(ex), Some(k)) = (self.exercise(), host.kernel()) {
            let run = RunResult::from_kernel(k);
            self.graded = Some(Graded {
                program: proclab_catalog::grade(&ex.checks, &run),
                tasks: ex
                    .tasks
                    .iter()
                    .map(|t| proclab_catalog::grade(&t.checks, &run))
                    .collect(),
            });
        }
        self.post(&OutMsg::Exit { status, state });
        self.post(&OutMsg::Checks(self.check_results()));
        true
    }

    /// The last verdicts, flat, in the current language (for the message API).
    fn check_results(&self) -> Vec<CheckResult> {
        let (Some(ex), Some(g)) = (self.exercise(), &self.graded) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut add = |checks: &[proclab_catalog::Check], grade: &Grade, task: Option<&str>| {
            for (c, o) in checks.iter().zip(&grade.outcomes) {
                out.push(CheckResult {
                    passed: o.passed,
                    text: describe(c),
                    task: task.map(str::to_owned),
                });
            }
        };
        add(&ex.checks, &g.program, None);
        for (t, grade) in ex.tasks.iter().zip(&g.tasks) {
            add(&t.checks, grade, Some(&t.id));
        }
        out
    }
}

/// Tells the host's runs apart: every run gets a fresh kernel with a random seed and its own
/// start time. Only runs of the browser host are graded here (Step mode's simulation never
/// changes the host's kernel).
type RunId = (u64, u64);

fn run_id(k: &proclab_kernel::Kernel) -> RunId {
    (k.config().seed, k.config().epoch_us)
}

fn describe(c: &proclab_catalog::Check) -> String {
    let (en, zh) = c.describe();
    match i18n::lang() {
        Lang::En => en,
        Lang::ZhCn => zh,
    }
}

impl App {
    /// This module's messages. Returns whether to re-render.
    pub(super) fn ex_update(&mut self, ctx: &Context<App>, msg: Msg) -> bool {
        match msg {
            Msg::Choose(id) => {
                let Some(i) = self.ex.exercises.iter().position(|e| e.id == id) else {
                    return false;
                };
                self.ex.current = Some(i);
                self.ex.graded = None;
                self.ex.shown_solutions.clear();
                self.ex.share = None;
                let ex = &self.ex.exercises[i];
                let program = ex.program.clone();
                self.ex.apply_machine(&self.host, Some(ex.settings));
                self.load_program(program);
                self.ex.sync_url(false);
            }
            Msg::SetLang(lang) => {
                i18n::set_lang(lang);
                embed::set_document_lang(lang);
                self.ex.sync_url(true);
            }
            Msg::ToggleSolution(id) => {
                if !self.ex.shown_solutions.remove(&id) {
                    self.ex.shown_solutions.insert(id);
                }
            }
            Msg::LoadSolution(id) => {
                let Some(ex) = self.ex.exercise() else {
                    return false;
                };
                let Some(task) = ex.tasks.iter().find(|t| t.id == id) else {
                    return false;
                };
                let settings = ex.task_settings(task);
                let solution = task.solution.clone();
                self.ex.apply_machine(&self.host, Some(settings));
                self.load_program(solution);
            }
            Msg::ResetProgram => {
                let Some(ex) = self.ex.exercise() else {
                    return false;
                };
                let (program, settings) = (ex.program.clone(), ex.settings);
                self.ex.apply_machine(&self.host, Some(settings));
                self.load_program(program);
            }
            Msg::Share | Msg::Embed => {
                let ex = self.ex.exercise().map(|e| e.id.as_str());
                let base = embed::page_base();
                let (kind, text) = if matches!(msg, Msg::Share) {
                    let url = format!("{base}{}", embed::link_suffix(ex, &[], &self.source));
                    (ShareKind::Link, url)
                } else {
                    let lang = i18n::lang().tag();
                    let extra = [("embed", "1"), ("lang", lang)];
                    let url = format!("{base}{}", embed::link_suffix(ex, &extra, &self.source));
                    (ShareKind::Snippet, embed::iframe_snippet(&url))
                };
                embed::copy_text(&text);
                self.ex.share = Some((kind, text));
            }
            Msg::CloseShare => self.ex.share = None,
            Msg::Message(m) => match m {
                InMsg::SetCode(code) => self.load_program(code),
                InMsg::Run => ctx.link().send_message(AppMsg::Run),
                InMsg::Stop => ctx.link().send_message(AppMsg::Stop),
                InMsg::SetLang(lang) => {
                    i18n::set_lang(lang);
                    embed::set_document_lang(lang);
                }
            },
        }
        true
    }

    fn load_program(&mut self, text: String) {
        set_editor_text(&text);
        self.source = text;
    }

    /// The language switch, Share and Embed, and the field showing the link or snippet.
    pub(super) fn ex_header(&self, ctx: &Context<App>) -> Html {
        let link = ctx.link();
        let lang = i18n::lang();
        let onchange = link.callback(|e: Event| {
            let tag = e.target_unchecked_into::<HtmlSelectElement>().value();
            AppMsg::Ex(Msg::SetLang(Lang::from_tag(&tag).unwrap_or_default()))
        });
        let state = &self.ex;
        let share_box = state.share.as_ref().map(|(kind, text)| {
            let (label, copied) = match kind {
                ShareKind::Link => (tr("share.link_label"), tr("share.copied")),
                ShareKind::Snippet => (tr("share.embed_label"), tr("share.snippet_copied")),
            };
            let field = if *kind == ShareKind::Link {
                html! { <input data-testid="share-url" readonly=true value={text.clone()}
                               onfocus={Callback::from(|e: FocusEvent| {
                                   if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() { el.select(); }
                               })} /> }
            } else {
                html! { <textarea data-testid="embed-code" readonly=true rows="3" value={text.clone()} /> }
            };
            html! {
              <div class="share-box" data-testid="share-box">
                <label>{label}<span class="copied">{" · "}{copied}</span></label>
                {field}
                <button class="close" onclick={link.callback(|_| AppMsg::Ex(Msg::CloseShare))}
                        title={tr("ex.close")}>{"×"}</button>
              </div>
            }
        });
        let compact = state.compact();
        let full_link = compact.then(|| {
            let ex = state.exercise().map(|e| e.id.as_str());
            let href = format!(
                "{}{}",
                embed::page_base(),
                embed::link_suffix(ex, &[("lang", lang.tag())], &self.source)
            );
            html! { <a class="open-full" href={href} target="_blank" rel="noopener">{tr("app.open_full")}</a> }
        });
        html! {
          <div class="ex-controls">
            <select data-testid="lang" aria-label={tr("lang.label")} title={tr("lang.label")}
                    {onchange}>
              { for Lang::ALL.iter().map(|l| html! {
                  <option value={l.tag()} selected={*l == lang}>{l.native_name()}</option>
              }) }
            </select>
            if !compact {
              <button data-testid="share" class="share"
                      onclick={link.callback(|_| AppMsg::Ex(Msg::Share))}>{tr("share.share")}</button>
              <button data-testid="embed" class="share"
                      onclick={link.callback(|_| AppMsg::Ex(Msg::Embed))}>{tr("share.embed")}</button>
              // The one-file copy beside index.html (scripts/standalone.mjs).
              <a data-testid="offline" class="share" href="proclab.html" download="proclab.html"
                 title={tr("share.offline_title")}>{icon(Icon::Download)}{tr("share.offline")}</a>
            }
            {full_link}
            {share_box.unwrap_or_default()}
          </div>
        }
    }

    /// The side column: the catalog, then the open exercise. Nothing in the compact layout.
    pub(super) fn ex_side(&self, ctx: &Context<App>) -> Html {
        let state = &self.ex;
        if state.compact() {
            return html! {};
        }
        let link = ctx.link();
        let current = state.exercise().map(|e| e.id.clone());
        let mut groups: Vec<(&str, Vec<&Exercise>)> = Vec::new();
        for e in &state.exercises {
            let g = group_of(e.order);
            match groups.last_mut() {
                Some((key, list)) if *key == g => list.push(e),
                _ => groups.push((g, vec![e])),
            }
        }
        let lang = i18n::lang().tag();
        html! {
          <aside class="side">
            <nav class={classes!("catalog", current.is_some().then_some("has-open"))}
                 data-testid="catalog">
              <h2>{tr("ex.catalog")}</h2>
              { for groups.into_iter().map(|(key, list)| html! {
                  <section class="group">
                    <h3>{tr(key)}</h3>
                    <ol>
                      { for list.into_iter().map(|e| {
                          let id = e.id.clone();
                          let active = current.as_deref() == Some(e.id.as_str());
                          html! {
                            <li>
                              <button data-testid="exercise" data-exercise-id={e.id.clone()}
                                      class={classes!("exercise", active.then_some("active"))}
                                      onclick={link.callback(move |_| AppMsg::Ex(Msg::Choose(id.clone())))}>
                                <span class="num">{format!("{:02}", e.order)}</span>
                                <span class="title">{e.title.get(lang)}</span>
                              </button>
                            </li>
                          }
                      }) }
                    </ol>
                  </section>
              }) }
            </nav>
            { state.exercise().map(|e| self.ex_panel(ctx, e)).unwrap_or_default() }
          </aside>
        }
    }

    fn ex_panel(&self, ctx: &Context<App>, ex: &Exercise) -> Html {
        let link = ctx.link();
        let lang = i18n::lang().tag();
        let state = &self.ex;
        let graded = state.graded.as_ref();
        let s = ex.settings;
        let mut settings: Vec<String> = Vec::new();
        if let Some(n) = state.params.cpus.or(s.cpus) {
            settings.push(trf("ex.cpus_n", &[("n", &n.to_string())]));
        }
        if let Some(p) = s.policy {
            settings.push(trf("ex.policy_x", &[("policy", policy_name(p))]));
        }
        html! {
          <article class="exercise-panel" data-testid="exercise-panel" data-exercise-id={ex.id.clone()}>
            <h2 data-testid="exercise-title">{ex.title.get(lang)}</h2>
            <div class="explain" data-testid="exercise-explain">{rich(ex.explain.get(lang))}</div>
            <h3>{tr("ex.look")}</h3>
            <div class="look">{rich(ex.look.get(lang))}</div>
            if !settings.is_empty() {
              <p class="settings" data-testid="exercise-settings">
                <strong>{tr("ex.settings")}{": "}</strong>{settings.join(", ")}
                <span class="applied">{" ("}{tr("ex.settings_applied")}{")"}</span>
              </p>
            }
            <h3>{tr("ex.checks")}</h3>
            <div data-testid="exercise-checks">
              {checks_list(&ex.checks, graded.map(|g| &g.program))}
            </div>
            <button class="reset" onclick={link.callback(|_| AppMsg::Ex(Msg::ResetProgram))}>
              {tr("ex.reset_program")}
            </button>
            if !ex.tasks.is_empty() {
              <h3>{tr("ex.tasks")}</h3>
              <ol class="tasks">
                { for ex.tasks.iter().enumerate().map(|(i, t)| {
                    let shown = state.shown_solutions.contains(&t.id);
                    let (id1, id2) = (t.id.clone(), t.id.clone());
                    html! {
                      <li class="task" data-testid="task" data-task-id={t.id.clone()}>
                        <div class="task-text">{rich(t.text.get(lang))}</div>
                        <button data-testid="show-solution"
                                onclick={link.callback(move |_| AppMsg::Ex(Msg::ToggleSolution(id1.clone())))}>
                          {tr(if shown { "ex.hide_solution" } else { "ex.show_solution" })}
                        </button>
                        if shown {
                          <pre class="solution" data-testid="solution">{&t.solution}</pre>
                          <button data-testid="load-solution"
                                  onclick={link.callback(move |_| AppMsg::Ex(Msg::LoadSolution(id2.clone())))}>
                            {tr("ex.load_solution")}
                          </button>
                        }
                        {checks_list(&t.checks, graded.and_then(|g| g.tasks.get(i)))}
                      </li>
                    }
                }) }
              </ol>
            }
          </article>
        }
    }
}

/// A list of checks: their descriptions before a run, their verdicts after it.
fn checks_list(checks: &[proclab_catalog::Check], grade: Option<&Grade>) -> Html {
    let lang = i18n::lang();
    html! {
      <ul class="checks">
        if grade.is_none() {
          <li class="hint">{tr("ex.checks_hint")}</li>
        }
        { for checks.iter().enumerate().map(|(i, c)| {
            match grade.and_then(|g| g.outcomes.get(i)) {
              Some(o) => {
                let detail = match lang { Lang::En => &o.detail_en, Lang::ZhCn => &o.detail_zh };
                html! {
                  <li data-testid="check" data-passed={o.passed.to_string()}
                      class={if o.passed { "check passed" } else { "check failed" }}>
                    <span class="mark">{if o.passed { "✓" } else { "✗" }}</span>
                    <span class="what">{describe(c)}</span>
                    <span class="detail">{detail}</span>
                  </li>
                }
              }
              None => html! {
                <li data-testid="check-pending" class="check pending">
                  <span class="mark">{"○"}</span><span class="what">{describe(c)}</span>
                </li>
              },
            }
        }) }
      </ul>
    }
}

/// Paragraphs separated by blank lines, with `inline code` between backticks.
fn rich(text: &str) -> Html {
    html! {
      { for text.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| html! {
          <p>{ for p.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
                html! { <code>{part}</code> }
              } else {
                html! { {part} }
              }) }</p>
      }) }
    }
}
