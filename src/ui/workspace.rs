//! The workspace: everything a user's work consists of — the contract, one or more scenarios
//! of what happened (each with its chosen readings), and settings — as one versioned document
//! (`lvyue-workspace/1`). It is what autosave keeps in localStorage and what export writes to a
//! file, so that an import gives back exactly the same report.
//!
//! Older saved forms are migrated, never dropped: the tools page's own save
//! (`lvyue/tools/v1`) carries its language and inputs into a new workspace.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::contract::Contract;
use crate::domain::events::Events;
use crate::domain::Lang;
use crate::ui::state::Inputs;

/// The format tag of a workspace.
pub const FORMAT: &str = "lvyue-workspace/1";

/// One what-if: a record of events and the readings chosen for ambiguous clauses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    pub events: Events,
    /// Clause id → reading id; clauses not listed use their default reading.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub readings: BTreeMap<String, String>,
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

/// Why a workspace file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceError {
    pub zh: String,
    pub en: String,
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

    /// Reads a workspace file (this version, or an older saved form).
    ///
    /// # Errors
    /// A text that is not a workspace, with the reason in both languages.
    pub fn from_json(text: &str) -> Result<Workspace, WorkspaceError> {
        let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| WorkspaceError {
                zh: format!(
                    "工作区文件不是有效的 JSON（第 {} 行第 {} 列）：{e}",
                    e.line(),
                    e.column()
                ),
                en: format!(
                    "the workspace file is not valid JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            })?;
        match value.get("format").and_then(|f| f.as_str()) {
            // By reference, as the loader does: one deserializer type for every format.
            Some(FORMAT) => serde_path_to_error::deserialize::<_, Workspace>(&value)
                .map(Workspace::normalize)
                .map_err(|e| WorkspaceError {
                    zh: format!("工作区文件在 {} 处有误：{}", e.path(), e.inner()),
                    en: format!("the workspace file is wrong at {}: {}", e.path(), e.inner()),
                }),
            Some(other) => Err(WorkspaceError {
                zh: format!("不支持的工作区格式“{other}”（应为 {FORMAT}）"),
                en: format!("unsupported workspace format \"{other}\" (expected {FORMAT})"),
            }),
            None => migrate_tools_v1(value).ok_or_else(|| WorkspaceError {
                zh: "这不是 lvyue 工作区文件（缺少 format 字段）".into(),
                en: "this is not a lvyue workspace file (no format field)".into(),
            }),
        }
    }
}

/// The tools page's save of version 1 (`{ "lang": …, "inputs": … }`) as a workspace.
fn migrate_tools_v1(value: serde_json::Value) -> Option<Workspace> {
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
