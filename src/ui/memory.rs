//! The memory view: each process's user globals side by side, one column per process, so that
//! data isolation shows at a glance: after a fork the child has its own copy, and a value it
//! changed is highlighted against its parent's (the child's `count` is 101, the parent's 100).
//! Shared objects (queues, locks, ...) are not copied by a fork: they are drawn once, in a strip
//! of shared boxes under the columns.

use proclab_kernel::{Pid, ProcInfo};
use yew::prelude::*;

use super::colour_of;
use super::objects::SharedObj;
use crate::i18n::{tr, trf};

/// One process's globals, `(name, repr)`.
pub type Globals<'a> = (Pid, &'a [(String, String)]);

/// A column: the process's colour index, the process, its globals.
type Column<'a> = (usize, &'a ProcInfo, &'a [(String, String)]);

/// Columns shown at most (see `super::first_and_newest`).
const MAX_COLUMNS: usize = 24;

pub fn view(procs: &[ProcInfo], globals: &[Globals], shared: &[SharedObj]) -> Html {
    let of = |pid: Pid| globals.iter().find(|(p, _)| *p == pid).map(|(_, g)| *g);
    let all: Vec<Column> = procs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| of(p.pid).map(|g| (i, p, g)))
        .collect();
    // Thousands of processes: the main process's column and the newest others.
    let (keep, hidden) = super::first_and_newest(all.len(), MAX_COLUMNS);
    let columns: Vec<Column> = (all.into_iter().enumerate())
        .filter_map(|(k, c)| keep(k).then_some(c))
        .collect();
    html! {
      <section class="pane memory-pane">
        <h2>{tr("view.memory")}</h2>
        <div data-testid="memory" class="memory">
          if columns.is_empty() {
            <div class="empty">{tr("view.memory_empty")}</div>
          }
          <div class="columns">
            { for columns.iter().map(|(i, p, vars)| {
                let parent = of(p.ppid);
                html! {
                  <div class="column" data-pid={p.pid.to_string()} style={format!("--proc:{}", colour_of(*i))}>
                    <div class="head"><span class="name">{&p.name}</span>{" "}<span class="pid">{p.pid}</span></div>
                    <table>
                      { for vars.iter().map(|(name, value)| {
                          let theirs = parent.and_then(|g| g.iter().find(|(n, _)| n == name));
                          let differs = theirs.is_some_and(|(_, v)| v != value);
                          let title = match theirs {
                              Some((_, v)) if differs => format!("{}: {v}", tr("view.differs")),
                              _ => String::new(),
                          };
                          html! {
                            <tr class={classes!(differs.then_some("differs"))} data-name={name.clone()} {title}>
                              <td class="var">{name}</td><td class="val">{value}</td>
                            </tr>
                          }
                      }) }
                    </table>
                  </div>
                }
            }) }
          </div>
          if hidden > 0 {
            <div class="hidden-procs">{trf("app.hidden_procs", &[("n", &hidden.to_string())])}</div>
          }
          if !shared.is_empty() {
            <div class="shared">
              <span class="label">{tr("view.shared")}</span>
              { for shared.iter().map(|o| html! {
                  <span class="box" title={o.kind.clone()}>{&o.label}
                    if !o.items.is_empty() { <span class="count">{format!(" [{}]", o.items.len())}</span> }
                  </span>
              }) }
            </div>
          }
        </div>
      </section>
    }
}
