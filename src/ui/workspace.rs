//! The workspace: everything a user's work consists of — the contract, one or more scenarios
//! of what happened (each with its chosen readings), and settings — as one versioned document
//! (`lvyue-workspace/1`). It is what autosave keeps in localStorage and what export writes to a
//! file, so that an import gives back exactly the same report.
//!
//! Older saved forms are migrated, never dropped: the tools page's own save
//! (`lvyue/tools/v1`) carries its language and inputs into a new workspace.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use serde_json::Value;

use crate::domain::contract::Contract;
use crate::domain::events::Events;
use crate::domain::load::{self, Problem};
use crate::domain::Lang;
use crate::ui::state::Inputs;

/// The format tag of a workspace.
pub const FORMAT: &str = "lvyue-workspace/1";

/// One what-if: a record of events and the readings chosen for ambiguous clauses.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    pub events: Events,
    /// Clause id → reading id; clauses not listed use their default reading.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub readings: BTreeMap<String, String>,
}

/// The names the app gives scenarios itself, in both languages: the record as it is, and the
/// suffix of a copy.
const RECORDED: (&str, &str) = ("实际情况", "As recorded");
const COPY: (&str, &str) = ("（副本）", " (copy)");

impl Scenario {
    /// The scenario's name as shown: a name the app gave (`实际情况`, `… （副本）`) in the page's
    /// language, a name the user typed as typed.
    pub fn shown_name(&self, lang: Lang) -> String {
        let mut base = self.name.as_str();
        let mut copies = 0;
        loop {
            match base
                .strip_suffix(COPY.0)
                .or_else(|| base.strip_suffix(COPY.1))
            {
                Some(b) => {
                    base = b;
                    copies += 1;
                }
                None => break,
            }
        }
        let base = if base == RECORDED.0 || base == RECORDED.1 {
            lang.pick(RECORDED.0, RECORDED.1)
        } else if copies == 0 {
            return self.name.clone();
        } else {
            base
        };
        let mut out = base.to_string();
        for _ in 0..copies {
            out.push_str(lang.pick(COPY.0, COPY.1));
        }
        out
    }
}

/// The user's work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    /// Always `lvyue-workspace/1`.
    pub format: String,
    pub lang: Lang,
    /// The loaded contract (None before the first load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Contract>,
    /// At least one scenario once a contract is loaded.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// The scenario shown.
    #[serde(default)]
    pub active: usize,
    /// A scenario compared with the active one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<usize>,
    /// The calculators' inputs.
    #[serde(default)]
    pub tools: Inputs,
    /// Edits made since the workspace was loaded or last exported: replacing it asks first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unexported: bool,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            format: FORMAT.to_string(),
            lang: Lang::default(),
            contract: None,
            scenarios: Vec::new(),
            active: 0,
            compare: None,
            tools: Inputs::default(),
            unexported: false,
        }
    }
}

/// Why a workspace file could not be read: every problem, located, and a summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceError {
    pub zh: String,
    pub en: String,
    /// Each problem with its JSON path (`contract.clauses[3].rule.formula.rate`,
    /// `scenarios[1].events.incidents[0].level`), line and column.
    pub problems: Vec<Problem>,
}

impl WorkspaceError {
    fn of(problems: Vec<Problem>) -> WorkspaceError {
        // The summary names the first three (a notice shows it in a sentence); the problems
        // are all listed where the page lists a file's problems.
        let errors: Vec<Problem> = problems.into_iter().filter(Problem::is_error).collect();
        let first = |lang: Lang| {
            errors
                .iter()
                .take(3)
                .map(|p| {
                    // Named as the file it is in ("工作区:780:7: …"), not an empty name.
                    load::render_problem(p, lang.pick("工作区", "workspace"), lang)
                })
                .collect::<Vec<_>>()
        };
        let more = errors.len().saturating_sub(3);
        WorkspaceError {
            zh: format!(
                "工作区文件有 {} 处错误：{}{}",
                errors.len(),
                first(Lang::Zh).join("；"),
                if more > 0 {
                    format!("；另有 {more} 处")
                } else {
                    String::new()
                }
            ),
            en: format!(
                "the workspace file has {} error(s): {}{}",
                errors.len(),
                first(Lang::En).join("; "),
                if more > 0 {
                    format!("; {more} more")
                } else {
                    String::new()
                }
            ),
            problems: errors,
        }
    }
}

impl Workspace {
    /// A workspace with a contract and its record as the first scenario.
    pub fn with(contract: Contract, events: Events, lang: Lang, tools: Inputs) -> Workspace {
        let name = lang.pick("实际情况", "As recorded").to_string();
        Workspace {
            contract: Some(contract),
            scenarios: vec![Scenario {
                name,
                events,
                readings: BTreeMap::new(),
            }],
            lang,
            tools,
            ..Workspace::default()
        }
    }

    /// The active scenario, if any.
    pub fn scenario(&self) -> Option<&Scenario> {
        self.scenarios.get(self.active)
    }

    /// Keeps `active` and `compare` pointing at existing scenarios.
    pub fn normalize(mut self) -> Workspace {
        if self.active >= self.scenarios.len() {
            self.active = 0;
        }
        if self
            .compare
            .is_some_and(|c| c >= self.scenarios.len() || c == self.active)
        {
            self.compare = None;
        }
        self
    }

    /// The workspace as JSON, exactly as it is (what autosave keeps).
    ///
    /// Written through `serde_json::Value`, the same path the loader's checks use, so the
    /// formats' serializers are compiled into the page once, not once per output style.
    pub fn to_json(&self) -> String {
        serde_json::to_value(self)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or_default()
    }

    /// The workspace as an export file: what is written out is, by definition, exported.
    pub fn export_json(&self) -> String {
        Workspace {
            unexported: false,
            ..self.clone()
        }
        .to_json()
    }

    /// The earlier format version of the contract or a record inside a workspace text, if one
    /// is (read and migrated by [`Workspace::from_json`]), so that the page can say so.
    #[must_use]
    pub fn earlier_version(text: &str) -> Option<String> {
        let value: Value =
            serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
        let tag = |v: Option<&Value>| v?.get("format")?.as_str().map(str::to_string);
        let scenarios = value.get("scenarios").and_then(Value::as_array);
        std::iter::once(tag(value.get("contract")))
            .chain(
                scenarios
                    .into_iter()
                    .flatten()
                    .map(|s| tag(s.get("events"))),
            )
            .flatten()
            .find(|t| crate::domain::migrate::is_earlier(t))
    }

    /// Reads a workspace file (this version, or an older saved form) with the same loader
    /// and validation as contract and events files: its contract is read and validated as a
    /// contract file is, each scenario's record as an events file against that contract, and
    /// every problem is located in the workspace's text (`contract.clauses[0].rule…`,
    /// `scenarios[1].events.incidents[0]…`).
    ///
    /// # Errors
    /// Every error found (warnings do not stop a workspace).
    pub fn from_json(text: &str) -> Result<Workspace, WorkspaceError> {
        let bare = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut value = load::parse_document(bare).map_err(|p| WorkspaceError::of(vec![*p]))?;
        let mut problems = match value.get("format") {
            None if value.is_object() => {
                return migrate_tools_v1(value).ok_or_else(|| {
                    WorkspaceError::of(vec![Problem::error(
                        "workspace.not-a-workspace",
                        "",
                        "这不是 lvyue 工作区文件（缺少 format 字段）".into(),
                        "this is not a lvyue workspace file (no format field)".into(),
                    )])
                    .located(bare)
                })
            }
            _ => load::duplicate_keys(bare, ""),
        };
        if !value.is_object() {
            problems.push(Problem::error(
                "json.not-object",
                "",
                "顶层应为 JSON 对象".into(),
                "the top level must be a JSON object".into(),
            ));
            return Err(WorkspaceError::of(problems).located(bare));
        }
        // Another version (a newer lvyue's): its reason alone, not the fields it lacks for this one.
        if let Some(p) = load::format_tag(&value, "", FORMAT) {
            problems.push(p);
            return Err(WorkspaceError::of(problems).located(bare));
        }
        check_parts(&mut value, &mut problems);
        let ws = if problems.iter().any(Problem::is_error) {
            None
        } else {
            match load::read_whole::<Workspace>(&value, "") {
                Ok(ws) => Some(ws),
                Err(mut p) => {
                    problems.append(&mut p);
                    None
                }
            }
        };
        if let Some(ws) = &ws {
            problems.extend(validate(ws));
        }
        match ws {
            Some(ws) if !problems.iter().any(Problem::is_error) => Ok(ws.normalize()),
            _ => Err(WorkspaceError::of(problems).located(bare)),
        }
    }
}

impl WorkspaceError {
    fn located(mut self, text: &str) -> WorkspaceError {
        load::locate(&mut self.problems, text);
        load::sort(&mut self.problems);
        WorkspaceError::of(self.problems)
    }
}

/// Checks the workspace's own fields, its contract as a contract file and each scenario's
/// record as an events file (structure only: see [`validate`]).
fn check_parts(value: &mut Value, out: &mut Vec<Problem>) {
    let mut skip = Vec::new();
    if let Some(c @ Value::Object(_)) = value.get_mut("contract") {
        skip.push("contract");
        // A contract saved in an earlier format version is read as the current one.
        crate::domain::migrate::contract(c, "contract");
        load::check_fields::<Contract>(c, "contract", &[], out);
        out.extend(load::format_tag(
            c,
            "contract",
            crate::domain::contract::FORMAT,
        ));
    }
    if let Some(Value::Array(scenarios)) = value.get_mut("scenarios") {
        skip.push("scenarios");
        for (i, s) in scenarios.iter_mut().enumerate() {
            let sp = load::path_index("scenarios", i);
            if let Some(e @ Value::Object(_)) = s.get_mut("events") {
                let ep = load::path_key(&sp, "events");
                crate::domain::migrate::events(e, &ep);
                load::check_fields::<Events>(e, &ep, &[], out);
                out.extend(load::format_tag(e, &ep, crate::domain::events::FORMAT));
                load::check_fields::<Scenario>(s, &sp, &["events"], out);
            } else {
                load::check_fields::<Scenario>(s, &sp, &[], out);
            }
        }
    }
    load::check_fields::<Workspace>(value, "", &skip, out);
}

/// The workspace's contract validated as a contract file is, and each scenario's record
/// against it as an events file is; paths within the workspace.
fn validate(ws: &Workspace) -> Vec<Problem> {
    let Some(c) = &ws.contract else {
        return Vec::new();
    };
    let prefixed = |prefix: &str, mut ps: Vec<Problem>| {
        for p in &mut ps {
            p.path = load::join(prefix, &p.path);
        }
        ps
    };
    let mut out = prefixed("contract", crate::domain::validate::validate_contract(c));
    for (i, s) in ws.scenarios.iter().enumerate() {
        let ep = load::path_key(&load::path_index("scenarios", i), "events");
        out.extend(prefixed(
            &ep,
            crate::domain::validate::validate_events(c, &s.events),
        ));
    }
    out
}

/// The tools page's save of version 1 (`{ "lang": …, "inputs": … }`) as a workspace.
fn migrate_tools_v1(value: Value) -> Option<Workspace> {
    #[derive(Deserialize)]
    struct ToolsV1 {
        #[serde(default)]
        lang: Lang,
        inputs: Inputs,
    }
    let old: ToolsV1 = serde_path_to_error::deserialize(&value).ok()?;
    Some(Workspace {
        lang: old.lang,
        tools: old.inputs,
        ..Workspace::default()
    })
}
