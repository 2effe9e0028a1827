//! URL parameters, share links and the `postMessage` API of an embedded page.
//!
//! The page reads its starting state from its URL: `?ex=<id>&lang=zh-CN&mode=real|step&cpus=N
//! &embed=1&autorun=1`, and the program from the hash, `#code/<data>` where `<data>` is the
//! program compressed by lz-string's `compressToEncodedURIComponent` (the TypeScript
//! playground's convention, so links stay short and any lz-string port can read them). The
//! pure part (parsing, the codec, link and snippet text, validating incoming messages) is
//! tested natively; the browser glue is at the bottom, wasm only.
//!
//! The message API (docs/embedding.md) talks to `window.parent` only, and only when the page is
//! in a frame: incoming messages from any other window are dropped, as are messages whose
//! shape or types are wrong or whose `type` is unknown. The embedding page may pin its origin
//! with `origin=<https://host>`: then messages are sent to that origin only and accepted from
//! it only.

use crate::i18n::Lang;

/// Longest program accepted from a message or a link, in bytes: a page that sends more is
/// broken or hostile, and the editor and every worker would have to hold it.
pub const MAX_CODE: usize = 1 << 20;

/// How programs run: real Web Workers or the deterministic step-by-step simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Real,
    Step,
}

/// What the URL asks for. Unknown parameters and malformed values are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// `ex=<id>`: open this exercise.
    pub ex: Option<String>,
    /// `lang=zh-CN|en`.
    pub lang: Option<Lang>,
    /// `mode=real|step`.
    pub mode: Option<Mode>,
    /// `cpus=N` (1 to 64).
    pub cpus: Option<usize>,
    /// `embed=1`: the compact layout for an iframe (no catalog).
    pub embed: bool,
    /// `autorun=1`: run the program once the page is up.
    pub autorun: bool,
    /// `origin=<origin>`: the embedding page's origin, for the message API.
    pub origin: Option<String>,
    /// The program from `#code/...`.
    pub code: Option<String>,
}

impl Params {
    /// Parses `location.search` (with or without its `?`) and `location.hash` (with or without
    /// its `#`).
    pub fn parse(search: &str, hash: &str) -> Params {
        let mut p = Params::default();
        for (key, value) in query_pairs(search) {
            match key.as_str() {
                "ex" if is_id(&value) => p.ex = Some(value),
                "lang" => p.lang = Lang::from_tag(&value).or(p.lang),
                "mode" => {
                    p.mode = match value.as_str() {
                        "real" => Some(Mode::Real),
                        "step" => Some(Mode::Step),
                        _ => p.mode,
                    }
                }
                "cpus" => {
                    p.cpus = value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=64).contains(n))
                        .or(p.cpus)
                }
                "embed" => p.embed = flag(&value),
                "autorun" => p.autorun = flag(&value),
                "origin" if value.starts_with("http://") || value.starts_with("https://") => {
                    p.origin = Some(value)
                }
                _ => {}
            }
        }
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if let Some(data) = hash.strip_prefix("code/") {
            p.code = decode_code(data);
        }
        p
    }
}

fn flag(v: &str) -> bool {
    matches!(v, "1" | "true" | "yes" | "")
}

/// Exercise ids are kebab-case: anything else in `ex=` is not one of ours.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `a=1&b=x%20y` -> `[("a","1"),("b","x y")]`, percent- and `+`-decoded.
fn query_pairs(search: &str) -> Vec<(String, String)> {
    let search = search.strip_prefix('?').unwrap_or(search);
    search
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                match (
                    bytes.get(i + 1).and_then(|&b| hex(b)),
                    bytes.get(i + 2).and_then(|&b| hex(b)),
                ) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a query value (everything but unreserved characters).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// lz-string's `compressToEncodedURIComponent`.
pub fn encode_code(code: &str) -> String {
    lz_str::compress_to_encoded_uri_component(code)
}

/// lz-string's `decompressFromEncodedURIComponent`; `None` for data that is not a valid
/// compressed program (or that decompresses to more than [`MAX_CODE`]).
pub fn decode_code(data: &str) -> Option<String> {
    if data.is_empty() {
        return None;
    }
    let wide = lz_str::decompress_from_encoded_uri_component(data)?;
    let text = String::from_utf16(&wide).ok()?;
    (text.len() <= MAX_CODE).then_some(text)
}

/// The query and hash of a link to `code` (in exercise `ex`, if any), after the page's base URL.
/// `extra` are further `key=value` pairs (`lang`, `embed`).
pub fn link_suffix(ex: Option<&str>, extra: &[(&str, &str)], code: &str) -> String {
    let mut pairs: Vec<String> = Vec::new();
    if let Some(ex) = ex {
        pairs.push(format!("ex={}", percent_encode(ex)));
    }
    for (k, v) in extra {
        pairs.push(format!("{k}={}", percent_encode(v)));
    }
    let query = if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    };
    format!("{query}#code/{}", encode_code(code))
}

/// The HTML that embeds the page at `url` (already `embed=1`).
pub fn iframe_snippet(url: &str) -> String {
    let url = url.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe src=\"{url}\" width=\"100%\" height=\"600\" style=\"border:1px solid #e2e8f0;\
         border-radius:8px\" loading=\"lazy\" title=\"proclab\"></iframe>"
    )
}

/// A message from the embedding page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InMsg {
    SetCode(String),
    Run,
    Stop,
    SetLang(Lang),
}

/// A field of an incoming message, as far as validation cares.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Missing,
    Str(String),
    /// Present, but not a string.
    Other,
}

/// Validates a message given its field accessor: `type` must be one of ours and the fields it
/// needs must be there with the right types. Anything else is `None` (ignored).
pub fn parse_in(get: impl Fn(&str) -> Field) -> Option<InMsg> {
    let Field::Str(kind) = get("type") else {
        return None;
    };
    match kind.as_str() {
        "proclab:setCode" => match get("code") {
            Field::Str(code) if code.len() <= MAX_CODE => Some(InMsg::SetCode(code)),
            _ => None,
        },
        "proclab:run" => Some(InMsg::Run),
        "proclab:stop" => Some(InMsg::Stop),
        "proclab:setLang" => match get("lang") {
            Field::Str(tag) => Lang::from_tag(&tag).map(InMsg::SetLang),
            _ => None,
        },
        _ => None,
    }
}

/// A message to the embedding page.
#[derive(Clone, Debug, PartialEq)]
pub enum OutMsg {
    Ready,
    /// One line a process printed (with its newline, if it had one).
    Output {
        pid: u32,
        stream: &'static str,
        text: String,
    },
    /// The run ended: `status` is the main process's exit code (`None` after Stop or a syntax
    /// error), `state` one of `finished`, `stopped`, `syntax-error`.
    Exit {
        status: Option<i32>,
        state: &'static str,
    },
    /// The exercise's checks on the run that just ended: `(passed, text, task)`, `task` being
    /// `None` for the program's own checks.
    Checks(Vec<CheckResult>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckResult {
    pub passed: bool,
    pub text: String,
    pub task: Option<String>,
}

#[cfg(target_arch = "wasm32")]
pub use web::*;

/// The browser side: location, history, clipboard and `postMessage`.
#[cfg(target_arch = "wasm32")]
mod web {
    use super::*;
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::MessageEvent;

    /// The page's URL parameters.
    pub fn params() -> Params {
        let loc = web_sys::window().map(|w| w.location());
        let search = loc
            .as_ref()
            .and_then(|l| l.search().ok())
            .unwrap_or_default();
        let hash = loc.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
        Params::parse(&search, &hash)
    }

    /// The page's address without query and hash: the base of share links.
    pub fn page_base() -> String {
        let Some(loc) = web_sys::window().map(|w| w.location()) else {
            return String::new();
        };
        format!(
            "{}{}",
            loc.origin().unwrap_or_default(),
            loc.pathname().unwrap_or_default()
        )
    }

    /// Replaces the address bar's query and hash (no new history entry), so that a reload
    /// shows the same exercise in the same language.
    pub fn replace_url(query_and_hash: &str) {
        let Some(w) = web_sys::window() else { return };
        if let Ok(h) = w.history() {
            let url = format!("{}{}", page_base(), query_and_hash);
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }

    /// Sets `<html lang>`.
    pub fn set_document_lang(lang: Lang) {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", lang.tag());
        }
    }

    /// The browser's preferred language (`navigator.language`), if it is one of ours.
    pub fn navigator_lang() -> Option<Lang> {
        web_sys::window()
            .and_then(|w| w.navigator().language())
            .and_then(|tag| Lang::from_tag(&tag))
    }

    /// Copies `text` to the clipboard, if the browser lets the page (best effort: the text is
    /// also shown in a field the reader can copy from).
    pub fn copy_text(text: &str) {
        let Some(w) = web_sys::window() else { return };
        let clipboard = Reflect::get(&w.navigator(), &"clipboard".into()).ok();
        let Some(clipboard) = clipboard.filter(|c| !c.is_undefined()) else {
            return;
        };
        if let Ok(f) = Reflect::get(&clipboard, &"writeText".into()) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                if let Ok(p) = f.call1(&clipboard, &JsValue::from_str(text)) {
                    // A refused write rejects the promise: swallow it (the field has the text).
                    if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                        // One tiny closure per Share click, kept for the promise's sake.
                        let noop = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
                        let _ = p.catch(&noop);
                        noop.forget();
                    }
                }
            }
        }
    }

    /// The parent window, when the page is in a frame.
    fn parent() -> Option<web_sys::Window> {
        let w = web_sys::window()?;
        let parent = w.parent().ok().flatten()?;
        (!Object::is(&parent, &w)).then_some(parent)
    }

    /// Is the page in a frame (so the message API is on)?
    pub fn is_embedded() -> bool {
        parent().is_some()
    }

    /// Sends `msg` to the parent window (nothing when the page is not in a frame).
    pub fn post(msg: &OutMsg, origin: Option<&str>) {
        let Some(parent) = parent() else { return };
        let o = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&o, &k.into(), v);
        };
        match msg {
            OutMsg::Ready => set("type", &"proclab:ready".into()),
            OutMsg::Output { pid, stream, text } => {
                set("type", &"proclab:output".into());
                set("pid", &JsValue::from(*pid));
                set("stream", &JsValue::from_str(stream));
                set("text", &JsValue::from_str(text));
            }
            OutMsg::Exit { status, state } => {
                set("type", &"proclab:exit".into());
                set(
                    "status",
                    &status.map(JsValue::from).unwrap_or(JsValue::NULL),
                );
                set("state", &JsValue::from_str(state));
            }
            OutMsg::Checks(results) => {
                set("type", &"proclab:checks".into());
                let arr = Array::new();
                for r in results {
                    let c = Object::new();
                    let _ = Reflect::set(&c, &"passed".into(), &JsValue::from(r.passed));
                    let _ = Reflect::set(&c, &"text".into(), &JsValue::from_str(&r.text));
                    let task = r.task.as_deref().map(JsValue::from_str);
                    let _ = Reflect::set(&c, &"task".into(), &task.unwrap_or(JsValue::NULL));
                    arr.push(&c);
                }
                set("results", &arr);
            }
        }
        let _ = parent.post_message(&o, origin.unwrap_or("*"));
    }

    fn field(data: &JsValue, key: &str) -> Field {
        match Reflect::get(data, &key.into()) {
            Ok(v) if v.is_undefined() => Field::Missing,
            Ok(v) => match v.as_string() {
                Some(s) => Field::Str(s),
                None => Field::Other,
            },
            Err(_) => Field::Missing,
        }
    }

    /// Calls `on_msg` with each valid message from the parent window; returns the listener,
    /// which must be kept alive. `None` when the page is not in a frame.
    pub fn listen(
        origin: Option<String>,
        on_msg: impl Fn(InMsg) + 'static,
    ) -> Option<Closure<dyn FnMut(MessageEvent)>> {
        let parent = parent()?;
        let cb = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let from_parent = e.source().is_some_and(|s| Object::is(&s, &parent));
            if !from_parent {
                return;
            }
            if origin.as_deref().is_some_and(|o| o != e.origin()) {
                return;
            }
            let data = e.data();
            // Only plain objects: not arrays, strings or anything else structured-clone brings.
            if !data.is_object() || Array::is_array(&data) {
                return;
            }
            if let Some(msg) = parse_in(|k| field(&data, k)) {
                on_msg(msg);
            }
        });
        let w = web_sys::window()?;
        w.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref())
            .ok()?;
        Some(cb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outputs of the npm `lz-string` 1.5.0 `compressToEncodedURIComponent` (the reference the
    /// TypeScript playground uses).
    const VECTORS: &[(&str, &str)] = &[
        ("print(\"hello\")\n", "A4JwlgdgLgFARACwKYBsUHs4EoBQQ"),
        (
            "from multiprocessing import Process\nimport os\n\ndef f(n):\n    print(f\"子进程 {n}\", os.getpid())\n\nif __name__ == \"__main__\":\n    p = Process(target=f, args=(1,))\n    p.start(); p.join()\n",
            "GYJw9gtgBBCuA2AXAlgB3AYwKYGcfIDsBzKZCVMERKABU1xwCgyKqownGATLYKYABQEAlAC5GUSVHSFEA4ACJACtqBt+MDQXlADeBAL4KANOxwA6IlkSpkXAcOGNmfAPqOCAQwhZnUALzeoC5whXQmcFcSlpH1p6PAFEVxAzRG9gQwSiHG8BAEZ9WwkpVGMceKobAG5pYwArMEIbRiA",
        ),
    ];

    #[test]
    fn codec_matches_lz_string() {
        for (text, data) in VECTORS {
            assert_eq!(encode_code(text), *data);
            assert_eq!(decode_code(data).as_deref(), Some(*text));
        }
        assert_eq!(decode_code(""), None);
    }

    #[test]
    fn params_from_url() {
        let p = Params::parse(
            "?ex=join-inside-loop&lang=zh-CN&mode=step&cpus=2&embed=1&autorun=1",
            &format!("#code/{}", VECTORS[0].1),
        );
        assert_eq!(
            p,
            Params {
                ex: Some("join-inside-loop".into()),
                lang: Some(Lang::ZhCn),
                mode: Some(Mode::Step),
                cpus: Some(2),
                embed: true,
                autorun: true,
                origin: None,
                code: Some(VECTORS[0].0.into()),
            }
        );
        assert_eq!(Params::parse("", ""), Params::default());
        // Malformed values are ignored, not guessed at.
        let p = Params::parse("ex=<script>&lang=fr&mode=fast&cpus=0&embed=0", "#code/");
        assert_eq!(p, Params::default());
        let p = Params::parse("cpus=999&origin=javascript:x&lang=en", "#other");
        assert_eq!(p.cpus, None);
        assert_eq!(p.origin, None);
        assert_eq!(p.lang, Some(Lang::En));
        let p = Params::parse("origin=https%3A%2F%2Fcourse.example", "");
        assert_eq!(p.origin.as_deref(), Some("https://course.example"));
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("a%20b+c%2"), "a b c%2");
        assert_eq!(percent_decode("%E5%AD%90"), "子");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_encode("zh-CN"), "zh-CN");
        assert_eq!(percent_encode("a b&c"), "a%20b%26c");
    }

    #[test]
    fn links_round_trip() {
        let code = "print('链接')\n";
        let suffix = link_suffix(Some("data-isolation"), &[("lang", "zh-CN")], code);
        assert!(suffix.starts_with("?ex=data-isolation&lang=zh-CN#code/"));
        let (search, hash) = suffix.split_once('#').unwrap();
        let p = Params::parse(search, hash);
        assert_eq!(p.code.as_deref(), Some(code));
        assert_eq!(p.ex.as_deref(), Some("data-isolation"));
        assert!(link_suffix(None, &[], "x").starts_with("#code/"));
        let snippet = iframe_snippet("https://h/lab/?embed=1&ex=a");
        assert!(snippet.starts_with("<iframe src=\"https://h/lab/?embed=1&amp;ex=a\""));
    }

    #[test]
    fn incoming_messages_are_validated() {
        let msg = |pairs: &[(&str, Field)]| {
            let pairs = pairs.to_vec();
            parse_in(move |k| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, f)| f.clone())
                    .unwrap_or(Field::Missing)
            })
        };
        let s = |v: &str| Field::Str(v.into());
        assert_eq!(
            msg(&[("type", s("proclab:setCode")), ("code", s("print(1)"))]),
            Some(InMsg::SetCode("print(1)".into()))
        );
        assert_eq!(msg(&[("type", s("proclab:run"))]), Some(InMsg::Run));
        assert_eq!(msg(&[("type", s("proclab:stop"))]), Some(InMsg::Stop));
        assert_eq!(
            msg(&[("type", s("proclab:setLang")), ("lang", s("zh-CN"))]),
            Some(InMsg::SetLang(Lang::ZhCn))
        );
        // Wrong types, missing fields, unknown types and languages: ignored.
        assert_eq!(msg(&[("type", s("proclab:setCode"))]), None);
        assert_eq!(
            msg(&[("type", s("proclab:setCode")), ("code", Field::Other)]),
            None
        );
        assert_eq!(
            msg(&[
                ("type", s("proclab:setCode")),
                ("code", s(&"x".repeat(MAX_CODE + 1)))
            ]),
            None
        );
        assert_eq!(
            msg(&[("type", s("proclab:setLang")), ("lang", s("fr"))]),
            None
        );
        assert_eq!(msg(&[("type", s("proclab:eval"))]), None);
        assert_eq!(msg(&[("type", Field::Other)]), None);
        assert_eq!(msg(&[]), None);
    }
}
