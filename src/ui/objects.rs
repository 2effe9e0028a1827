//! The shared objects view: each queue's items and waiters, each lock's owner and waiters, at the
//! moment shown; and, when the run ended in a deadlock, the wait-for cycle as a small diagram.
//!
//! Everything is derived from the trace (`Create`, `Put`, `Get`, `Acquire`, `Release` and
//! `Deadlock` events) and the process table, rather than from the kernel's live tables: a prefix
//! of the trace is exactly the state at that moment, which is what Step mode's scrubber needs,
//! and Real mode uses the same code on the whole trace.

use std::collections::{BTreeMap, VecDeque};

use proclab_kernel::{Pid, ProcInfo, ProcState, TraceEvent, TraceKind};
use yew::prelude::*;

use super::colour_of;
use crate::i18n::tr;

/// A queue's items shown at most (the oldest ones), then how many more: a queue of thousands
/// would otherwise be thousands of elements to lay out at every frame of the run.
const ITEMS_SHOWN: usize = 24;

#[derive(Clone, Debug, PartialEq)]
pub struct SharedObj {
    pub h: u32,
    /// "Queue", "Lock", ...
    pub kind: String,
    /// "Queue-1"
    pub label: String,
    /// Queues and pipes: the items in it, oldest first.
    pub items: VecDeque<String>,
    /// Locks and semaphores: who holds it now (a semaphore may have several holders).
    pub holders: Vec<Pid>,
    /// Blocked on it: (pid, what it waits for: "get", "lock", ...).
    pub waiters: Vec<(Pid, String)>,
}

/// The shared objects at the end of `trace`, with `procs`' waiters.
pub fn objects_of(trace: &[TraceEvent], procs: &[ProcInfo]) -> Vec<SharedObj> {
    let mut objs: BTreeMap<u32, SharedObj> = BTreeMap::new();
    for e in trace {
        match &e.kind {
            TraceKind::Create { h, kind, label } => {
                objs.insert(
                    *h,
                    SharedObj {
                        h: *h,
                        kind: kind.clone(),
                        label: label.clone(),
                        items: VecDeque::new(),
                        holders: Vec::new(),
                        waiters: Vec::new(),
                    },
                );
            }
            TraceKind::Put { h, item_repr } => {
                if let Some(o) = objs.get_mut(h) {
                    o.items.push_back(item_repr.clone());
                }
            }
            TraceKind::Get { h, .. } => {
                if let Some(o) = objs.get_mut(h) {
                    o.items.pop_front();
                }
            }
            TraceKind::Acquire { h, .. } => {
                if let Some(o) = objs.get_mut(h) {
                    o.holders.push(e.pid);
                }
            }
            TraceKind::Release { h } => {
                if let Some(o) = objs.get_mut(h) {
                    if let Some(i) = o.holders.iter().rposition(|p| *p == e.pid) {
                        o.holders.remove(i);
                    } else if !o.holders.is_empty() {
                        // A semaphore released by another process than the one that took it.
                        o.holders.remove(0);
                    }
                }
            }
            _ => {}
        }
    }
    for p in procs {
        if let ProcState::Blocked(r) = &p.state {
            if let Some(o) = r.handle().and_then(|h| objs.get_mut(&h)) {
                let what = r.label(|_| String::new());
                o.waiters.push((p.pid, what.trim().to_owned()));
            }
        }
    }
    objs.into_values().collect()
}

/// The wait-for cycle of the deadlock the trace ended in, if it did:
/// (pid, what it waits for, who holds that).
pub fn deadlock_of(trace: &[TraceEvent]) -> Option<&[(Pid, String, Option<Pid>)]> {
    trace.iter().rev().find_map(|e| match &e.kind {
        TraceKind::Deadlock { cycle } => Some(cycle.as_slice()),
        _ => None,
    })
}

fn pid_chip(pid: Pid, procs: &[ProcInfo]) -> Html {
    let i = procs.iter().position(|p| p.pid == pid).unwrap_or(0);
    html! { <span class="chip" style={format!("--proc:{}", colour_of(i))}>{pid}</span> }
}

pub fn view(objs: &[SharedObj], procs: &[ProcInfo], trace: &[TraceEvent]) -> Html {
    let deadlock = deadlock_of(trace);
    html! {
      <section class="pane objects-pane">
        <h2>{tr("view.objects")}</h2>
        <div data-testid="objects" class="objects">
          if objs.is_empty() && deadlock.is_none() {
            <div class="empty">{tr("view.objects_empty")}</div>
          }
          { for objs.iter().map(|o| html! {
              <div class="obj" data-label={o.label.clone()} data-kind={o.kind.clone()}>
                <div class="head"><b>{&o.label}</b><span class="kind">{&o.kind}</span></div>
                if o.kind.contains("Queue") || o.kind.contains("Pipe") || !o.items.is_empty() {
                  <div class="items">
                    <span class="what">{tr("view.items")}</span>
                    { for o.items.iter().take(ITEMS_SHOWN).map(|it| html! { <span class="item">{it}</span> }) }
                    if o.items.len() > ITEMS_SHOWN {
                      <span class="more">{crate::i18n::trf("view.more_items", &[("n", &(o.items.len() - ITEMS_SHOWN).to_string())])}</span>
                    }
                    if o.items.is_empty() { <span class="none">{"—"}</span> }
                  </div>
                }
                if !o.holders.is_empty() {
                  <div class="holders"><span class="what">{tr("view.holder")}</span>
                    { for o.holders.iter().map(|p| pid_chip(*p, procs)) }</div>
                }
                if !o.waiters.is_empty() {
                  <div class="waiters"><span class="what">{tr("view.waiters")}</span>
                    { for o.waiters.iter().map(|(p, what)| html! {
                        <span title={what.clone()}>{pid_chip(*p, procs)}</span>
                    }) }</div>
                }
              </div>
          }) }
          if let Some(cycle) = deadlock {
            { cycle_diagram(cycle, procs) }
          }
        </div>
      </section>
    }
}

/// The wait-for cycle: processes on a circle, an arrow from each to the process holding what it
/// waits for, labelled with what it waits for.
fn cycle_diagram(cycle: &[(Pid, String, Option<Pid>)], procs: &[ProcInfo]) -> Html {
    let n = cycle.len().max(1) as f64;
    let (w, h, r) = (320.0, 200.0, 70.0);
    let pos = |i: usize| {
        let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n;
        (w / 2.0 + r * a.cos(), h / 2.0 + r * a.sin())
    };
    let index = |pid: Pid| cycle.iter().position(|(p, _, _)| *p == pid);
    html! {
      <figure class="deadlock" data-testid="deadlock">
        <figcaption>{tr("view.deadlock")}</figcaption>
        <div class="message">{ for cycle.iter().map(|(pid, what, holder)| html! {
            <div>{format!("{pid} → {what}")}{holder.map(|h| format!(" ({h})")).unwrap_or_default()}</div>
        }) }</div>
        <svg viewBox={format!("0 0 {w} {h}")} width={w.to_string()} height={h.to_string()} role="img">
          <defs>
            <marker id="dl-head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#dc2626" />
            </marker>
          </defs>
          { for cycle.iter().enumerate().filter_map(|(i, (_, what, holder))| {
              let j = index((*holder)?)?;
              let ((x1, y1), (x2, y2)) = (pos(i), pos(j));
              // Stop short of the target circle.
              let (dx, dy) = (x2 - x1, y2 - y1);
              let d = (dx * dx + dy * dy).sqrt().max(1.0);
              // Offset sideways, so that two opposite edges (a 2-cycle) do not cover each other.
              let (ox, oy) = (-dy / d * 7.0, dx / d * 7.0);
              let (ex, ey) = (x2 - dx / d * 20.0 + ox, y2 - dy / d * 20.0 + oy);
              let (sx, sy) = (x1 + dx / d * 20.0 + ox, y1 + dy / d * 20.0 + oy);
              Some(html! {
                <g>
                  <line x1={sx.to_string()} y1={sy.to_string()} x2={ex.to_string()} y2={ey.to_string()}
                        stroke="#dc2626" stroke-width="2" marker-end="url(#dl-head)" />
                  <text x={((sx + ex) / 2.0 + ox * 1.6).to_string()} y={((sy + ey) / 2.0 + oy * 1.6 + 4.0).to_string()}
                        class="edge" text-anchor="middle">{what}</text>
                </g>
              })
          }) }
          { for cycle.iter().enumerate().map(|(i, (pid, _, _))| {
              let (x, y) = pos(i);
              let k = procs.iter().position(|p| p.pid == *pid).unwrap_or(0);
              html! {
                <g>
                  <circle cx={x.to_string()} cy={y.to_string()} r="19" fill={colour_of(k)} />
                  <text x={x.to_string()} y={(y + 4.0).to_string()} class="node" text-anchor="middle">{pid}</text>
                </g>
              }
          }) }
        </svg>
      </figure>
    }
}
