//! The program editor: the CodeMirror 6 bundle (`www/gen/editor.js`, see `www/editor/README.md`)
//! in a Yew component.
//!
//! The text lives in CodeMirror; the page keeps a copy, updated by `on_change` after every edit.
//! The bundle puts `data-testid="editor"` on its root, so the wrapper here has none.
//!
//! The bundle is loaded after the page's first render (index.html only preloads it): running its
//! script and creating the editor take ~150 ms of the page's thread, which would otherwise hold
//! up the Run button and, with `autorun=1`, the program's first output (the editor then waits for
//! that, see [`Props::hold`]). Until it is there, the program shows as read-only text. If the
//! bundle cannot load (a build without the pre_build hook), a plain `<textarea>` stands in, so
//! that the page still works.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = proclabEditor, js_name = create)]
    fn editor_create(parent: &web_sys::Element, text: &str, options: &js_sys::Object) -> u32;
    #[wasm_bindgen(js_namespace = proclabEditor, js_name = setValue)]
    fn editor_set_value(handle: u32, text: &str);
    #[wasm_bindgen(js_namespace = proclabEditor, js_name = setProcessLines)]
    fn editor_set_process_lines(handle: u32, procs: &js_sys::Array);
    #[wasm_bindgen(js_namespace = proclabEditor, js_name = setLabel)]
    fn editor_set_label(handle: u32, text: &str);
    #[wasm_bindgen(js_namespace = proclabEditor, js_name = destroy)]
    fn editor_destroy(handle: u32);
}

/// A process's current line, marked in the editor in its colour.
#[derive(Clone, Debug, PartialEq)]
pub struct LineMark {
    /// 1-based.
    pub line: u32,
    pub colour: &'static str,
    pub label: String,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The program. When it differs from what the editor holds (an exercise was opened), the
    /// editor's text is replaced.
    pub text: AttrValue,
    pub on_change: Callback<String>,
    pub on_run: Callback<()>,
    /// The editor's accessible name (in the page's language).
    pub label: AttrValue,
    /// Current lines of processes (Step mode); empty clears.
    #[prop_or_default]
    pub marks: Vec<LineMark>,
    /// Do not load the editor's bundle yet (an autorun's first output comes first), though at
    /// most [`HOLD_MAX_MS`].
    #[prop_or_default]
    pub hold: bool,
}

/// The bundle's script, next to index.html (a trunk copy-file).
const BUNDLE: &str = "editor.js";
/// How long [`Props::hold`] may keep the editor away.
const HOLD_MAX_MS: f64 = 1000.0;

#[derive(Clone, Copy, PartialEq)]
enum Bundle {
    /// Not asked for yet, or loading: the text shows read-only.
    Loading,
    Loaded,
    /// It failed to load: a textarea stands in.
    Missing,
}

pub enum Msg {
    /// Load the bundle now (the hold's time is up).
    Load,
    Bundle(bool),
}

pub struct Editor {
    bundle: Bundle,
    /// The bundle's script was added to the page.
    asked: bool,
    _hold_timer: Option<crate::js::Timeout>,
    host: NodeRef,
    handle: Option<u32>,
    /// The text the editor holds, as last reported by its `onChange` (or set from the props).
    known: Rc<RefCell<String>>,
    marks: Vec<LineMark>,
    /// The accessible name the editor was last given.
    label: AttrValue,
    // The editor calls these until `destroy`.
    _on_run: Option<Closure<dyn FnMut()>>,
    _on_change: Option<Closure<dyn FnMut(String)>>,
}

/// Whether the CodeMirror bundle is loaded (`window.proclabEditor`).
fn bundle_loaded() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"proclabEditor".into()).ok())
        .is_some_and(|v| v.is_object())
}

/// Adds the bundle's script to the page; `done(ok)` when it ran or failed.
fn load_bundle(done: impl FnOnce(bool) + 'static) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return done(false);
    };
    let (Ok(script), Some(body)) = (doc.create_element("script"), doc.body()) else {
        return done(false);
    };
    let done = Rc::new(Cell::new(Some(done)));
    for (event, ok) in [("load", true), ("error", false)] {
        let done = done.clone();
        let cb = Closure::once_into_js(move || {
            if let Some(f) = done.take() {
                f(ok && bundle_loaded());
            }
        });
        let _ = script.add_event_listener_with_callback(event, cb.unchecked_ref());
    }
    let _ = script.set_attribute("src", BUNDLE);
    if body.append_child(&script).is_err() {
        if let Some(f) = done.take() {
            f(false);
        }
    }
}

impl Editor {
    fn ask(&mut self, ctx: &Context<Self>) {
        if self.asked || self.bundle != Bundle::Loading {
            return;
        }
        self.asked = true;
        self._hold_timer = None;
        let link = ctx.link().clone();
        load_bundle(move |ok| link.send_message(Msg::Bundle(ok)));
    }
}

impl Component for Editor {
    type Message = Msg;
    type Properties = Props;

    fn create(ctx: &Context<Self>) -> Self {
        let mut editor = Editor {
            bundle: if bundle_loaded() {
                Bundle::Loaded
            } else {
                Bundle::Loading
            },
            asked: false,
            _hold_timer: None,
            host: NodeRef::default(),
            handle: None,
            known: Rc::new(RefCell::new(ctx.props().text.to_string())),
            marks: Vec::new(),
            label: ctx.props().label.clone(),
            _on_run: None,
            _on_change: None,
        };
        if ctx.props().hold {
            let link = ctx.link().clone();
            editor._hold_timer =
                crate::js::Timeout::new(HOLD_MAX_MS, move || link.send_message(Msg::Load));
        } else {
            editor.ask(ctx);
        }
        editor
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Load => {
                self.ask(ctx);
                false
            }
            Msg::Bundle(ok) => {
                self.bundle = if ok { Bundle::Loaded } else { Bundle::Missing };
                true
            }
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &Self::Properties) -> bool {
        let p = ctx.props();
        if !p.hold {
            self.ask(ctx);
        }
        if let Some(h) = self.handle {
            if *self.known.borrow() != p.text.as_str() {
                *self.known.borrow_mut() = p.text.to_string();
                editor_set_value(h, &p.text);
            }
        }
        if let Some(h) = self.handle {
            if self.label != p.label {
                self.label = p.label.clone();
                editor_set_label(h, &p.label);
            }
            if self.marks != p.marks {
                self.marks = p.marks.clone();
                let arr = js_sys::Array::new();
                for m in &self.marks {
                    let o = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&o, &"line".into(), &m.line.into());
                    let _ = js_sys::Reflect::set(&o, &"color".into(), &m.colour.into());
                    let _ = js_sys::Reflect::set(&o, &"label".into(), &m.label.as_str().into());
                    arr.push(&o);
                }
                editor_set_process_lines(h, &arr);
            }
        }
        // Without the bundle the textarea is re-rendered; with it nothing in Yew's DOM changes.
        self.handle.is_none()
    }

    fn rendered(&mut self, ctx: &Context<Self>, _first: bool) {
        if self.handle.is_some() || self.bundle != Bundle::Loaded {
            return;
        }
        let Some(parent) = self.host.cast::<web_sys::Element>() else {
            return;
        };
        let p = ctx.props();
        let on_run = p.on_run.clone();
        let on_run = Closure::<dyn FnMut()>::new(move || on_run.emit(()));
        let on_change = p.on_change.clone();
        let known = self.known.clone();
        let on_change = Closure::<dyn FnMut(String)>::new(move |t: String| {
            *known.borrow_mut() = t.clone();
            on_change.emit(t)
        });
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"onRun".into(), on_run.as_ref());
        let _ = js_sys::Reflect::set(&opts, &"onChange".into(), on_change.as_ref());
        self.label = p.label.clone();
        let _ = js_sys::Reflect::set(&opts, &"label".into(), &p.label.as_str().into());
        self.handle = Some(editor_create(&parent, &p.text, &opts));
        self._on_run = Some(on_run);
        self._on_change = Some(on_change);
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        if let Some(h) = self.handle.take() {
            editor_destroy(h);
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let p = ctx.props();
        match self.bundle {
            Bundle::Loaded => return html! { <div class="editor-host" ref={self.host.clone()} /> },
            Bundle::Loading => {
                return html! { <pre class="editor-host editor-loading">{p.text.clone()}</pre> }
            }
            Bundle::Missing => {}
        }
        let on_change = p.on_change.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            on_change.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        let on_run = p.on_run.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            }
        });
        html! {
          <textarea data-testid="editor" spellcheck="false" value={p.text.clone()}
                    aria-label={p.label.clone()}
                    {oninput} {onkeydown} />
        }
    }
}
