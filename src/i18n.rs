//! Every user-visible string of the page, in English and Simplified Chinese.
//!
//! One table ([`STRINGS`]) of `(key, en, zh)` rows, looked up by key: [`t`] for an explicit
//! language, [`tr`] for the page's current one (set once from the URL / `navigator.language` and
//! changed by the language switch). A missing key shows as the key itself, so a forgotten
//! translation is visible on the page rather than a blank; the tests below check that every row
//! has both texts and that no key is defined twice.
//!
//! A table rather than a typed struct so that every part of the page (controls, views, catalog)
//! can add its rows here without touching a shared type; the language lives in a thread-local
//! because the page is single-threaded and every component re-renders from the root when it
//! changes. Placeholders are written `{name}` and filled by [`trf`] / [`tf`].

use std::cell::Cell;

/// The interface languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// A BCP 47 tag (`zh-CN`, `zh`, `zh-Hans-CN`, `en-US`, ...): Chinese for any `zh*`, `None`
    /// for tags of other languages (the caller picks the fallback).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        if tag.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if tag.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The tag for `<html lang>` and URLs; also what `proclab_catalog::Text::get` takes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The page's current language.
pub fn lang() -> Lang {
    CURRENT.with(|c| c.get())
}

/// Changes the page's current language (the caller re-renders).
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// `key` in `lang`; the key itself if the table lacks it.
pub fn t(lang: Lang, key: &'static str) -> &'static str {
    match STRINGS.iter().find(|(k, _, _)| *k == key) {
        Some((_, en, zh)) => match lang {
            Lang::En => en,
            Lang::ZhCn => zh,
        },
        None => key,
    }
}

/// `key` in the current language.
pub fn tr(key: &'static str) -> &'static str {
    t(lang(), key)
}

/// `key` in `lang` with each `{name}` replaced by its value.
pub fn tf(lang: Lang, key: &'static str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// `key` in the current language with each `{name}` replaced by its value.
pub fn trf(key: &'static str, args: &[(&str, &str)]) -> String {
    tf(lang(), key, args)
}

/// A process state as the kernel words it (`ready`, `blocked: join 3`, `blocked: lock, event`),
/// in the current language: the state's name is translated, what it waits on (pids, object
/// kinds, which are Python names) stays as is.
pub fn state_label(label: &str) -> String {
    if lang() == Lang::En {
        return label.to_owned();
    }
    match label.split_once(": ") {
        Some(("blocked", what)) => format!("{}：{what}", tr("state.blocked")),
        _ => match label {
            "new" => tr("state.new").to_owned(),
            "ready" => tr("state.ready").to_owned(),
            "running" => tr("state.running").to_owned(),
            "terminated" => tr("state.terminated").to_owned(),
            other => other.to_owned(),
        },
    }
}

/// `(key, English, 简体中文)`. Keys are dotted by area: `app.`, `status.`, `state.`, `table.`,
/// `ex.` (catalog and exercise panel), `share.`, `lang.`, and `ctl.` / `view.` for the controls
/// and views.
pub static STRINGS: &[(&str, &str, &str)] = &[
    // The page.
    (
        "app.tagline",
        "Python multiprocessing, live in your browser",
        "Python 多进程，在浏览器中实时运行",
    ),
    ("app.run", "Run", "运行"),
    ("app.run_title", "Run (Ctrl-Enter)", "运行 (Ctrl-Enter)"),
    ("app.stop", "Stop", "停止"),
    ("app.program", "Program", "程序"),
    ("app.console", "Console", "控制台"),
    ("app.timeline", "Timeline", "时间线"),
    ("app.processes", "Processes", "进程"),
    (
        "app.hidden_lines",
        "… {n} earlier lines not shown",
        "… 前面 {n} 行未显示",
    ),
    (
        "app.hidden_procs",
        "… {n} more processes not shown: here are the main process and the newest",
        "… 另有 {n} 个进程未显示：这里只列出主进程和最新的进程",
    ),
    (
        "limits.title",
        "Limits of a run here (Stop always ends every process at once)",
        "运行的限制（“停止”总能立即结束所有进程）",
    ),
    (
        "limits.processes",
        "Processes: at most 20000 in a run, 64 of them alive at once (the others wait in state new); past that, fork() raises OSError as on Linux.",
        "进程：一次运行最多 20000 个，同时存活最多 64 个（其余处于新建状态等待）；超过后 fork() 像在 Linux 上一样抛出 OSError。",
    ),
    (
        "limits.memory",
        "Memory: 256 MB per process (past it, MemoryError at the line that allocated); one list, string or bytes object at most 256 MB.",
        "内存：每个进程 256 MB（超过后在分配内存的那一行抛出 MemoryError）；单个列表、字符串或字节对象最多 256 MB。",
    ),
    (
        "limits.output",
        "Output: a run is stopped after 10 MB of printed text; the console shows the last 2000 lines.",
        "输出：打印超过 10 MB 后运行会被停止；控制台显示最后 2000 行。",
    ),
    (
        "limits.recursion",
        "Recursion: 1000 nested calls, then RecursionError, as in CPython.",
        "递归：最多嵌套 1000 层调用，之后抛出 RecursionError，与 CPython 相同。",
    ),
    (
        "limits.step",
        "Step mode: a recording holds at most 5000 events and 120 s of simulated time; its processes share 256 MB.",
        "单步模式：一次录制最多 5000 个事件、120 秒模拟时间；其中所有进程共用 256 MB 内存。",
    ),
    (
        "limits.views",
        "Views: with many processes the timeline shows 40 rows at a time (scroll with the wheel), the table and the memory view the main process and the newest ones.",
        "视图：进程很多时，时间线一次显示 40 行（用滚轮滚动），进程表和内存视图只显示主进程和最新的进程。",
    ),
    (
        "chart.rows",
        "rows {a}-{b} of {n}",
        "第 {a}-{b} 行，共 {n} 行",
    ),
    (
        "app.machine",
        "{cpus} CPUs, {policy}",
        "{cpus} 个 CPU，{policy}",
    ),
    ("app.open_full", "Open in proclab", "在 proclab 中打开"),
    // Run status.
    ("status.ready", "ready", "就绪"),
    ("status.running", "running", "运行中"),
    (
        "status.finished",
        "finished (exit code {code})",
        "已结束（退出码 {code}）",
    ),
    ("status.stopped", "stopped", "已停止"),
    ("status.syntax_error", "syntax error", "语法错误"),
    ("status.paused", "paused", "已暂停"),
    // Scheduling policies.
    ("policy.fcfs", "first come, first served", "先来先服务"),
    ("policy.round_robin", "round robin", "时间片轮转"),
    ("policy.priority", "priority", "优先级"),
    // Process states (table, legend).
    ("state.new", "new", "新建"),
    ("state.ready", "ready", "就绪"),
    ("state.running", "running", "运行"),
    ("state.blocked_join", "blocked: join", "阻塞：join"),
    (
        "state.blocked_join_pid",
        "blocked: join {pid}",
        "阻塞：join {pid}",
    ),
    ("state.blocked_sleep", "blocked: sleep", "阻塞：sleep"),
    ("state.blocked", "blocked", "阻塞"),
    ("state.terminated", "terminated", "终止"),
    // Process table.
    ("table.pid", "pid", "pid"),
    ("table.ppid", "ppid", "ppid"),
    ("table.name", "name", "名称"),
    ("table.state", "state", "状态"),
    ("table.daemon", "daemon", "守护"),
    ("table.exitcode", "exitcode", "退出码"),
    ("table.cpu_time", "CPU time", "CPU 时间"),
    ("table.yes", "yes", "是"),
    ("table.no", "no", "否"),
    // Controls and views (the "ui6" part of the page).
    ("ctl.mode", "Mode", "模式"),
    ("ctl.mode_real", "Real", "真实"),
    (
        "ctl.mode_real_title",
        "Real Web Workers, real time",
        "真实的 Web Worker，真实时间",
    ),
    ("ctl.mode_step", "Step", "单步"),
    (
        "ctl.mode_step_title",
        "Deterministic simulation, one event at a time",
        "确定性模拟，一次一个事件",
    ),
    ("ctl.step", "Step", "单步"),
    ("ctl.play", "Play", "播放"),
    ("ctl.pause", "Pause", "暂停"),
    ("ctl.reset", "Reset", "重置"),
    ("ctl.seed", "Seed", "种子"),
    ("ctl.cpus", "CPUs", "CPU 数"),
    ("ctl.cpus_auto", "auto", "自动"),
    ("ctl.policy", "Policy", "调度策略"),
    ("ctl.speed", "Speed", "速度"),
    ("ctl.theme", "Theme", "主题"),
    ("ctl.theme_light", "Light", "浅色"),
    ("ctl.theme_dark", "Dark", "深色"),
    ("ctl.theme_auto", "Auto", "跟随系统"),
    ("ctl.export", "Export", "导出"),
    (
        "ctl.export_trace",
        "Export trace (JSON)",
        "导出轨迹（JSON）",
    ),
    (
        "ctl.export_png",
        "Export timeline (PNG)",
        "导出时间线（PNG）",
    ),
    (
        "ctl.export_svg",
        "Export timeline (SVG)",
        "导出时间线（SVG）",
    ),
    (
        "ctl.export_console",
        "Export console (text)",
        "导出控制台（文本）",
    ),
    ("editor.label", "Python program", "Python 程序"),
    ("ctl.trace_short", "trace", "轨迹"),
    ("ctl.console_short", "console", "控制台"),
    ("ctl.zoom_in", "Zoom in", "放大"),
    ("ctl.zoom_out", "Zoom out", "缩小"),
    ("ctl.zoom_fit", "Whole run", "整个运行"),
    ("ctl.scrubber", "Moment shown", "显示的时刻"),
    ("status.simulating", "simulating…", "模拟中…"),
    (
        "status.step",
        "event {i} of {n}",
        "第 {i} 个事件，共 {n} 个",
    ),
    ("status.playing", "playing", "播放中"),
    ("view.shared", "shared", "共享"),
    ("ctl.time", "Time", "时间"),
    ("view.memory", "Memory", "内存"),
    ("view.memory_empty", "No process yet", "尚无进程"),
    ("view.objects", "Shared objects", "共享对象"),
    ("view.objects_empty", "No shared objects", "没有共享对象"),
    (
        "view.differs",
        "differs from the parent's",
        "与父进程的值不同",
    ),
    ("view.process", "Process", "进程"),
    ("view.variable", "Variable", "变量"),
    ("view.value", "Value", "值"),
    ("view.holder", "held by", "持有者"),
    ("view.waiters", "waiting", "等待者"),
    ("view.items", "items", "元素"),
    ("view.more_items", "and {n} more", "还有 {n} 个"),
    (
        "view.deadlock",
        "Deadlock: every process waits for another",
        "死锁：每个进程都在等待另一个进程",
    ),
    // Catalog and exercise panel.
    ("ex.catalog", "Exercises", "练习"),
    ("ex.free", "Free editing", "自由编辑"),
    ("ex.explain", "Explanation", "讲解"),
    ("ex.look", "What to look at", "观察要点"),
    ("ex.settings", "Suggested settings", "建议设置"),
    ("ex.settings_applied", "applied", "已应用"),
    ("ex.views", "Panes", "相关面板"),
    ("ex.tasks", "Tasks", "任务"),
    ("ex.task", "Task {n}", "任务 {n}"),
    ("ex.show_solution", "Show solution", "显示答案"),
    ("ex.hide_solution", "Hide solution", "隐藏答案"),
    ("ex.load_solution", "Load into editor", "载入编辑器"),
    ("ex.reset_program", "Reset program", "恢复原程序"),
    ("ex.checks", "Checks", "检查"),
    ("ex.checks_program", "The program", "原程序"),
    (
        "ex.checks_hint",
        "Run the program to check it.",
        "运行程序后自动检查。",
    ),
    ("ex.passed", "passed", "通过"),
    ("ex.failed", "failed", "未通过"),
    ("ex.all_passed", "All checks passed", "全部检查通过"),
    (
        "ex.some_failed",
        "{n} of {total} checks failed",
        "{total} 项检查中有 {n} 项未通过",
    ),
    ("ex.not_found", "No exercise {id}", "没有练习 {id}"),
    ("ex.close", "Close", "关闭"),
    ("ex.group_basics", "Processes and scheduling", "进程与调度"),
    ("ex.group_process", "The Process class", "Process 类"),
    (
        "ex.group_sync",
        "Communication and synchronisation",
        "通信与同步",
    ),
    ("ex.group_pool", "Pools and managers", "进程池与管理器"),
    ("ex.group_memory", "Memory and fork", "内存与 fork"),
    (
        "ex.group_perf",
        "Performance and pitfalls",
        "性能与常见陷阱",
    ),
    ("ex.cpus_n", "{n} CPUs", "{n} 个 CPU"),
    ("ex.policy_x", "policy: {policy}", "调度策略：{policy}"),
    ("view.console", "Console", "控制台"),
    ("view.timeline", "Timeline", "时间线"),
    ("view.process_table", "Process table", "进程表"),
    ("view.shared_objects", "Shared objects", "共享对象"),
    // Share and embed.
    ("share.share", "Share", "分享"),
    ("share.embed", "Embed", "嵌入"),
    ("share.copied", "Link copied", "链接已复制"),
    ("share.snippet_copied", "Snippet copied", "代码片段已复制"),
    ("share.link_label", "Link to this program", "此程序的链接"),
    (
        "share.embed_label",
        "HTML to embed this program in a page",
        "在网页中嵌入此程序的 HTML",
    ),
    ("share.copy", "Copy", "复制"),
    ("share.offline", "Offline", "离线版"),
    (
        "share.offline_title",
        "Download the whole app as one file that runs when opened from disk, with no server",
        "把整个应用下载为一个文件：从磁盘打开即可运行，无需服务器",
    ),
    // Language switch.
    ("lang.label", "Language", "语言"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_row_is_translated_and_keys_are_unique() {
        let mut seen = HashSet::new();
        for (key, en, zh) in STRINGS {
            assert!(seen.insert(*key), "{key} is defined twice");
            assert!(!en.trim().is_empty(), "{key} has no English");
            assert!(!zh.trim().is_empty(), "{key} has no Chinese");
            // The same placeholders on both sides.
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(en), holes(zh), "{key}: placeholders differ");
        }
    }

    #[test]
    fn lookup_and_fallback() {
        assert_eq!(t(Lang::En, "app.console"), "Console");
        assert_eq!(t(Lang::ZhCn, "app.console"), "控制台");
        assert_eq!(t(Lang::ZhCn, "no.such.key"), "no.such.key");
        assert_eq!(
            tf(Lang::ZhCn, "status.finished", &[("code", "0")]),
            "已结束（退出码 0）"
        );
        set_lang(Lang::ZhCn);
        assert_eq!(tr("app.timeline"), "时间线");
        set_lang(Lang::En);
        assert_eq!(
            trf("app.hidden_lines", &[("n", "3")]),
            "… 3 earlier lines not shown"
        );
    }

    #[test]
    fn state_labels() {
        set_lang(Lang::ZhCn);
        assert_eq!(state_label("blocked: join 12"), "阻塞：join 12");
        assert_eq!(state_label("terminated"), "终止");
        assert_eq!(state_label("zombie"), "zombie");
        set_lang(Lang::En);
        assert_eq!(state_label("blocked: join 12"), "blocked: join 12");
    }

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh-Hans-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("ZH"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
    }
}
