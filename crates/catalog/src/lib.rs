//! The exercise catalog of proclab and the checks that grade a learner's run.
//!
//! Pure: no web, no I/O at run time. Every exercise lives in its own folder under `exercises/`
//! (`NN-<id>/exercise.txt`, `program.py`, `solution-<task>.py`); `build.rs` embeds those files
//! with `include_str!` and [`catalog`] parses them. The text format is described in
//! `exercises/README.md`; it is hand-parsed here ([`parse_exercise`]) because the catalog ships to
//! the browser as WebAssembly, where a TOML/YAML parser would cost more than the whole catalog.
//!
//! Layout: this file holds the exercise model and its parser; [`checks`] holds the check language
//! ([`Check`], [`parse_check`]) and the engine ([`evaluate`]) that runs a check on a [`RunResult`].

pub mod checks;

pub use checks::{
    evaluate, grade, parse_check, pattern_matches, Check, CheckOutcome, Cmp, Evidence, Grade,
    Interval, Line, Printer, RunResult, StateKind,
};
pub use proclab_kernel::{Output, Pid, Policy};

/// A text in both languages of the catalog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    /// Simplified Chinese (`zh-CN`).
    pub zh: String,
}

impl Text {
    /// The text for a language tag as it appears in URLs (`lang=zh-CN`); anything that is not
    /// Chinese falls back to English.
    pub fn get(&self, lang: &str) -> &str {
        if lang.to_ascii_lowercase().starts_with("zh") {
            &self.zh
        } else {
            &self.en
        }
    }
}

/// The panes of the page that an exercise points the learner at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Console,
    Timeline,
    ProcessTable,
    Memory,
    SharedObjects,
}

impl View {
    pub fn parse(s: &str) -> Option<View> {
        Some(match s {
            "console" => View::Console,
            "timeline" => View::Timeline,
            "process-table" => View::ProcessTable,
            "memory" => View::Memory,
            "shared-objects" => View::SharedObjects,
            _ => return None,
        })
    }
    pub fn name(self) -> &'static str {
        match self {
            View::Console => "console",
            View::Timeline => "timeline",
            View::ProcessTable => "process-table",
            View::Memory => "memory",
            View::SharedObjects => "shared-objects",
        }
    }
}

/// Suggested knob settings. `None` means "leave the learner's setting alone".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub cpus: Option<usize>,
    pub policy: Option<Policy>,
}

/// One optional task: "change the program so that ...", with a reference solution and the checks
/// that decide whether the learner's edit did it.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    /// Stable, kebab-case, unique within its exercise (the `<task>` of `solution-<task>.py`).
    pub id: String,
    pub text: Text,
    /// The reference solution program.
    pub solution: String,
    /// Settings the solution is meant to run with (e.g. a task that is solved by switching the
    /// policy knob rather than by editing code). Unset fields inherit the exercise's settings.
    pub settings: Settings,
    pub checks: Vec<Check>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// Stable kebab-case id used in URLs (`?ex=<id>`).
    pub id: String,
    /// Position in the catalog (from the folder's number prefix).
    pub order: u32,
    pub title: Text,
    /// A few short paragraphs that teach the concept, separated by blank lines. Inline code is
    /// written between backticks.
    pub explain: Text,
    /// Where to look once the program has run.
    pub look: Text,
    /// The panes that show the point, most important first.
    pub views: Vec<View>,
    pub settings: Settings,
    /// The program the editor opens with.
    pub program: String,
    /// Checks that the untouched program passes (they state what the program demonstrates).
    pub checks: Vec<Check>,
    pub tasks: Vec<Task>,
}

impl Exercise {
    /// The effective settings of a task: the task's own, falling back to the exercise's.
    pub fn task_settings(&self, task: &Task) -> Settings {
        Settings {
            cpus: task.settings.cpus.or(self.settings.cpus),
            policy: task.settings.policy.or(self.settings.policy),
        }
    }
}

/// One exercise's files as embedded by `build.rs`.
struct RawExercise {
    folder: &'static str,
    text: &'static str,
    program: &'static str,
    solutions: &'static [(&'static str, &'static str)],
}

const RAW: &[RawExercise] = include!(concat!(env!("OUT_DIR"), "/raw_exercises.rs"));

/// Every exercise, in catalog order.
///
/// # Panics
/// If an embedded exercise does not parse. The crate's tests parse every exercise, so this only
/// happens when someone edits `exercises/` without running them.
pub fn catalog() -> Vec<Exercise> {
    RAW.iter()
        .map(|raw| {
            let solutions: Vec<(&str, &str)> = raw.solutions.to_vec();
            parse_exercise(raw.folder, raw.text, raw.program, &solutions)
                .unwrap_or_else(|e| panic!("exercises/{}: {e}", raw.folder))
        })
        .collect()
}

/// The exercise with this id, if any.
pub fn find(id: &str) -> Option<Exercise> {
    catalog().into_iter().find(|e| e.id == id)
}

/// Parses one exercise folder: `folder` is its name (`NN-<id>`), `text` the content of its
/// `exercise.txt`, `program` its `program.py`, `solutions` the `(task id, source)` of each
/// `solution-<task>.py`. Errors name the line.
pub fn parse_exercise(
    folder: &str,
    text: &str,
    program: &str,
    solutions: &[(&str, &str)],
) -> Result<Exercise, String> {
    let (order, folder_id) = folder
        .split_once('-')
        .and_then(|(n, id)| Some((n.parse::<u32>().ok()?, id)))
        .ok_or_else(|| format!("folder {folder:?} is not named NN-<id>"))?;

    let mut header: Vec<(usize, &str, &str)> = Vec::new();
    // (line number, section name, body lines)
    let mut sections: Vec<(usize, &str, Vec<&str>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if let Some(name) = section_header(line) {
            if sections.iter().any(|(_, n, _)| *n == name) {
                return Err(format!("line {lineno}: section [{name}] appears twice"));
            }
            sections.push((lineno, name, Vec::new()));
        } else if let Some((_, _, body)) = sections.last_mut() {
            body.push(line);
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            let (k, v) = line
                .split_once(':')
                .ok_or_else(|| format!("line {lineno}: expected `key: value`"))?;
            header.push((lineno, k.trim(), v.trim()));
        }
    }

    let mut ex = Exercise {
        id: String::new(),
        order,
        title: Text::default(),
        explain: Text::default(),
        look: Text::default(),
        views: Vec::new(),
        settings: Settings::default(),
        program: program.to_owned(),
        checks: Vec::new(),
        tasks: Vec::new(),
    };
    for (lineno, k, v) in header {
        let at = |e: String| format!("line {lineno}: {e}");
        match k {
            "id" => ex.id = v.to_owned(),
            "views" => {
                for w in v.split_whitespace() {
                    ex.views
                        .push(View::parse(w).ok_or_else(|| at(format!("unknown view {w:?}")))?);
                }
            }
            "cpus" | "policy" => set_setting(&mut ex.settings, k, v).map_err(at)?,
            _ => return Err(at(format!("unknown field {k:?}"))),
        }
    }
    if ex.id != folder_id {
        return Err(format!(
            "id {:?} differs from the folder's {folder_id:?}",
            ex.id
        ));
    }
    if !is_kebab(&ex.id) {
        return Err(format!("id {:?} is not kebab-case", ex.id));
    }

    // Tasks are declared by their sections, in file order.
    let mut task_ids: Vec<&str> = Vec::new();
    for (lineno, name, body) in &sections {
        let at = |e: String| format!("line {lineno}: {e}");
        let body_text = paragraph_text(body);
        match *name {
            "title.en" => ex.title.en = body_text,
            "title.zh" => ex.title.zh = body_text,
            "explain.en" => ex.explain.en = body_text,
            "explain.zh" => ex.explain.zh = body_text,
            "look.en" => ex.look.en = body_text,
            "look.zh" => ex.look.zh = body_text,
            "checks" => ex.checks = parse_checks(*lineno, body)?,
            _ => {
                let rest = name
                    .strip_prefix("task.")
                    .ok_or_else(|| at(format!("unknown section [{name}]")))?;
                let (tid, field) = rest
                    .rsplit_once('.')
                    .ok_or_else(|| at(format!("bad task section [{name}]")))?;
                if !is_kebab(tid) {
                    return Err(at(format!("task id {tid:?} is not kebab-case")));
                }
                let idx = match task_ids.iter().position(|t| *t == tid) {
                    Some(i) => i,
                    None => {
                        let solution = solutions
                            .iter()
                            .find(|(t, _)| *t == tid)
                            .map(|(_, s)| (*s).to_owned())
                            .ok_or_else(|| at(format!("task {tid:?} has no solution-{tid}.py")))?;
                        task_ids.push(tid);
                        ex.tasks.push(Task {
                            id: tid.to_owned(),
                            text: Text::default(),
                            solution,
                            settings: Settings::default(),
                            checks: Vec::new(),
                        });
                        ex.tasks.len() - 1
                    }
                };
                let task = &mut ex.tasks[idx];
                match field {
                    "en" => task.text.en = body_text,
                    "zh" => task.text.zh = body_text,
                    "checks" => task.checks = parse_checks(*lineno, body)?,
                    "settings" => {
                        for (j, line) in body.iter().enumerate() {
                            if line.trim().is_empty() {
                                continue;
                            }
                            let (k, v) = line.split_once(':').ok_or_else(|| {
                                format!("line {}: expected `key: value`", lineno + 1 + j)
                            })?;
                            set_setting(&mut task.settings, k.trim(), v.trim())
                                .map_err(|e| format!("line {}: {e}", lineno + 1 + j))?;
                        }
                    }
                    _ => return Err(at(format!("unknown task field {field:?}"))),
                }
            }
        }
    }
    for (tid, _) in solutions {
        if !task_ids.contains(tid) {
            return Err(format!("solution-{tid}.py has no [task.{tid}.*] sections"));
        }
    }

    let missing = |what: &str, t: &Text| {
        if t.en.is_empty() || t.zh.is_empty() {
            Err(format!("{what} needs both .en and .zh"))
        } else {
            Ok(())
        }
    };
    missing("title", &ex.title)?;
    missing("explain", &ex.explain)?;
    missing("look", &ex.look)?;
    if ex.views.is_empty() {
        return Err("`views:` is missing".into());
    }
    if ex.checks.is_empty() {
        return Err("[checks] is missing or empty".into());
    }
    for t in &ex.tasks {
        missing(&format!("task {}", t.id), &t.text)?;
        if t.checks.is_empty() {
            return Err(format!("task {} has no checks", t.id));
        }
    }
    Ok(ex)
}

/// `[name]` on a line of its own starts a section.
fn section_header(line: &str) -> Option<&str> {
    let name = line.strip_prefix('[')?.strip_suffix(']')?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    ok.then_some(name)
}

fn set_setting(s: &mut Settings, k: &str, v: &str) -> Result<(), String> {
    match k {
        "cpus" => {
            s.cpus = Some(
                v.parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("bad cpus {v:?}"))?,
            )
        }
        "policy" => {
            s.policy = Some(match v {
                "fcfs" => Policy::Fcfs,
                "rr" => Policy::RoundRobin,
                "priority" => Policy::Priority,
                _ => return Err(format!("bad policy {v:?} (fcfs, rr or priority)")),
            })
        }
        _ => return Err(format!("unknown setting {k:?}")),
    }
    Ok(())
}

/// Section text with surrounding blank lines removed; inner blank lines (paragraph breaks) kept.
fn paragraph_text(body: &[&str]) -> String {
    let lines: Vec<&str> = body.iter().map(|l| l.trim_end()).collect();
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

fn parse_checks(section_line: usize, body: &[&str]) -> Result<Vec<Check>, String> {
    let mut out = Vec::new();
    for (j, line) in body.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        out.push(parse_check(t).map_err(|e| format!("line {}: {e}", section_line + 1 + j))?);
    }
    Ok(out)
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "id: demo\nviews: console timeline\ncpus: 2\n\n[title.en]\nDemo\n[title.zh]\n演示\n[explain.en]\nOne.\n\nTwo.\n\n[explain.zh]\n一。\n[look.en]\nLook.\n[look.zh]\n看。\n[checks]\n# comment\ncontains \"hi\"\n[task.quiet.en]\nPrint nothing.\n[task.quiet.zh]\n什么都不打印。\n[task.quiet.settings]\npolicy: rr\n[task.quiet.checks]\nlines = 0\n";

    #[test]
    fn parses_a_full_exercise() {
        let ex = parse_exercise("07-demo", TEXT, "print('hi')\n", &[("quiet", "pass\n")]).unwrap();
        assert_eq!(ex.id, "demo");
        assert_eq!(ex.order, 7);
        assert_eq!(ex.title.get("zh-CN"), "演示");
        assert_eq!(ex.title.get("en"), "Demo");
        assert_eq!(ex.explain.en, "One.\n\nTwo.");
        assert_eq!(ex.views, vec![View::Console, View::Timeline]);
        assert_eq!(ex.settings.cpus, Some(2));
        assert_eq!(ex.checks, vec![Check::Contains("hi".into())]);
        assert_eq!(ex.tasks.len(), 1);
        let t = &ex.tasks[0];
        assert_eq!(t.solution, "pass\n");
        assert_eq!(t.settings.policy, Some(Policy::RoundRobin));
        let eff = ex.task_settings(t);
        assert_eq!((eff.cpus, eff.policy), (Some(2), Some(Policy::RoundRobin)));
    }

    #[test]
    fn rejects_mistakes_with_a_line_number() {
        let no_solution = parse_exercise("07-demo", TEXT, "", &[]).unwrap_err();
        assert!(no_solution.contains("solution-quiet.py"), "{no_solution}");
        let wrong_folder = parse_exercise("07-other", TEXT, "", &[("quiet", "")]).unwrap_err();
        assert!(wrong_folder.contains("folder"), "{wrong_folder}");
        let bad_check = TEXT.replace("contains \"hi\"", "frobnicate 3");
        let e = parse_exercise("07-demo", &bad_check, "", &[("quiet", "")]).unwrap_err();
        assert!(e.starts_with("line 22:"), "{e}");
        let stray = parse_exercise("07-demo", TEXT, "", &[("quiet", ""), ("loud", "")]);
        assert!(stray.unwrap_err().contains("solution-loud.py"));
        let no_zh = TEXT.replace("[look.zh]\n看。\n", "");
        assert!(parse_exercise("07-demo", &no_zh, "", &[("quiet", "")]).is_err());
    }
}
