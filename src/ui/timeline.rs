//! What the timeline and the process table share: the legend, a short name per state, and the
//! spans as JSON for the canvas's `data-spans` attribute (so that tests can check what is drawn
//! without reading pixels). The canvas itself is drawn by `chart.rs`.

use std::fmt::Write;

use proclab_kernel::{BlockReason, ProcState, Span};

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

#[cfg(test)]
mod tests {
    use super::*;

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
