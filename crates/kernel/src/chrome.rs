//! The trace as Chrome trace-event JSON (the format Perfetto and chrome://tracing open).
//!
//! Written by hand rather than with serde_json: the format needs only objects of numbers and
//! strings, and the kernel stays free of dependencies beyond serde (it is built for wasm32 too).
//! One Perfetto "process" per Python process (`pid` = its pid, one thread `tid` = pid), a complete
//! event (`ph: "X"`) per state span, instant events (`ph: "i"`) for output, spawns and join wakes.

use std::fmt::Write;

use crate::{Kernel, Stream, TraceKind};

pub(crate) fn render(k: &Kernel) -> String {
    let mut events: Vec<String> = Vec::new();
    for p in k.procs() {
        events.push(format!(
            r#"{{"name":"process_name","ph":"M","pid":{pid},"tid":{pid},"args":{{"name":{}}}}}"#,
            quote(&format!("{} ({})", p.name, p.pid)),
            pid = p.pid
        ));
        events.push(format!(
            r#"{{"name":"thread_name","ph":"M","pid":{pid},"tid":{pid},"args":{{"name":{}}}}}"#,
            quote(&p.name),
            pid = p.pid
        ));
    }
    for s in k.spans() {
        events.push(format!(
            r#"{{"name":{},"cat":"state","ph":"X","ts":{},"dur":{},"pid":{pid},"tid":{pid}}}"#,
            quote(&k.state_label(&s.state)),
            s.start,
            s.end - s.start,
            pid = s.pid
        ));
    }
    for e in k.trace() {
        let (name, args) = match &e.kind {
            TraceKind::State(_) => continue,
            TraceKind::Output(o) => (
                match o.stream {
                    Stream::Stdout => "stdout",
                    Stream::Stderr => "stderr",
                },
                format!(r#"{{"text":{}}}"#, quote(&o.text)),
            ),
            TraceKind::Spawn { child } => ("spawn", format!(r#"{{"child":{child}}}"#)),
            TraceKind::JoinWake { child } => ("join returned", format!(r#"{{"child":{child}}}"#)),
            TraceKind::Create { h, kind, label } => (
                "create",
                format!(
                    r#"{{"h":{h},"kind":{},"label":{}}}"#,
                    quote(kind),
                    quote(label)
                ),
            ),
            TraceKind::Put { h, item_repr } => {
                ("put", format!(r#"{{"h":{h},"item":{}}}"#, quote(item_repr)))
            }
            TraceKind::Get { h, item_repr, from } => (
                "get",
                format!(
                    r#"{{"h":{h},"item":{},"from":{}}}"#,
                    quote(item_repr),
                    opt(*from)
                ),
            ),
            TraceKind::Acquire { h, from } => {
                ("acquire", format!(r#"{{"h":{h},"from":{}}}"#, opt(*from)))
            }
            TraceKind::Release { h } => ("release", format!(r#"{{"h":{h}}}"#)),
            TraceKind::Deadlock { .. } => (
                "deadlock",
                format!(r#"{{"message":{}}}"#, quote(k.deadlock().unwrap_or(""))),
            ),
        };
        events.push(format!(
            r#"{{"name":"{name}","cat":"event","ph":"i","s":"t","ts":{},"pid":{pid},"tid":{pid},"args":{args}}}"#,
            e.t,
            pid = e.pid
        ));
    }
    let mut out = String::from("{\"traceEvents\":[\n");
    out.push_str(&events.join(",\n"));
    out.push_str("\n],\"displayTimeUnit\":\"ms\"}\n");
    out
}

/// A pid or JSON null.
fn opt(pid: Option<crate::Pid>) -> String {
    pid.map_or("null".into(), |p| p.to_string())
}

/// A JSON string literal.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
