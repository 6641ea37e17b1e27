//! The app's state and its reducer.
//!
//! The state is the [`Workspace`] (what is saved and exported) plus what the page shows around
//! it: the tab, the report derived from the active scenario (and the compared one), and the
//! problems of a file that failed to load. Every change goes through [`AppState::reduce`], which
//! delegates to the domain (`load`, `engine::evaluate`) and never touches storage or the DOM:
//! the effects live in `app.rs`. A failed load leaves the work untouched, and so does an
//! evaluation that cannot be computed (a figure too large): the work is kept and editable, the
//! tabs show the error ([`AppState::eval_error`]) instead of figures.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::domain::calendar::Calendar;
use crate::domain::contract::Contract;
use crate::domain::engine::{self, EvalError, Options};
use crate::domain::events::Events;
use crate::domain::load::{self, Problem};
use crate::domain::migrate;
use crate::domain::report::Report;
use crate::domain::Lang;
use crate::ui::examples;
use crate::ui::state::Inputs;
use crate::ui::storage::KeptAside;
use crate::ui::workspace::{Scenario, Workspace};

/// The page's sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    Summary,
    Contract,
    Record,
    Penalties,
    Payments,
    Sla,
    Checklist,
    Findings,
    Charts,
    Scenarios,
    Statement,
    Tools,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Tab; 12] = [
        Tab::Summary,
        Tab::Contract,
        Tab::Record,
        Tab::Penalties,
        Tab::Payments,
        Tab::Sla,
        Tab::Checklist,
        Tab::Findings,
        Tab::Charts,
        Tab::Scenarios,
        Tab::Statement,
        Tab::Tools,
    ];

    /// The id used in the URL's hash (`#penalties`).
    pub fn id(self) -> &'static str {
        match self {
            Tab::Summary => "summary",
            Tab::Contract => "contract",
            Tab::Record => "record",
            Tab::Penalties => "penalties",
            Tab::Payments => "payments",
            Tab::Sla => "sla",
            Tab::Checklist => "checklist",
            Tab::Findings => "findings",
            Tab::Charts => "charts",
            Tab::Scenarios => "scenarios",
            Tab::Statement => "statement",
            Tab::Tools => "tools",
        }
    }

    /// The tab with this id.
    pub fn from_id(id: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The tab's name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Tab::Summary => lang.pick("概览", "Summary"),
            Tab::Contract => lang.pick("合同", "Contract"),
            Tab::Record => lang.pick("履约记录", "Record"),
            Tab::Penalties => lang.pick("违约金", "Penalties"),
            Tab::Payments => lang.pick("付款", "Payments"),
            Tab::Sla => lang.pick("服务时限", "Service levels"),
            Tab::Checklist => lang.pick("义务清单", "Checklist"),
            Tab::Findings => lang.pick("文本检查", "Findings"),
            Tab::Charts => lang.pick("图示", "Charts"),
            Tab::Scenarios => lang.pick("情景对比", "Scenarios"),
            Tab::Statement => lang.pick("计算说明书", "Statement"),
            Tab::Tools => lang.pick("计算工具", "Tools"),
        }
    }
}

/// Where a file that failed to load came from, and what was wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    /// The file's name (or "pasted text").
    pub source: String,
    pub problems: Vec<Problem>,
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    SetTab(Tab),
    /// Open a built-in example (contract and record), already fetched (`ui::example_fetch`,
    /// `ui::examples::remember`).
    LoadExample(String),
    /// The default example, fetched at start: opened only if the page still has no contract
    /// (nothing was loaded meanwhile), on the tab the page opened on.
    StartExample(String),
    /// A built-in example's files could not be fetched (offline before the first visit, a
    /// server without them): the page says so instead of staying blank.
    ExampleFailed {
        id: String,
        message: String,
    },
    /// A file or pasted text: a contract, a record or a workspace, told apart by its `format`.
    LoadText {
        source: String,
        text: String,
    },
    /// Open the authoring view with this input (`ui::author::AuthorInput` as JSON): a drafted
    /// document, a blank contract or the current one to edit (`ui::author_host`).
    OpenAuthor {
        input: String,
        edited: bool,
    },
    /// The authoring view closed with nothing kept.
    CloseAuthor,
    /// The authoring view's contract (JSON), loaded as an opened contract file; the view
    /// closes if it loads and stays open (with the problems shown) if it does not.
    Authored {
        source: String,
        text: String,
    },
    /// A document could not be read or drafted (the reader's code and message).
    DocumentFailed {
        source: String,
        code: String,
        zh: String,
        en: String,
    },
    /// A file could not be read at all.
    ReadFailed {
        source: String,
        message: String,
    },
    /// A file beyond the size limit, refused before it was read (`domain::limits`).
    TooLarge {
        source: String,
        size: usize,
    },
    /// Replace the whole workspace (import; restoring a saved one).
    Import {
        source: String,
        text: String,
    },
    /// The work saved in this browser, read after the page started without it (a page framed
    /// by another site shows it only when the user asks: `ui::embed::saved_work`), with what
    /// was kept aside because it could not be read.
    RestoreSaved {
        workspace: Box<Workspace>,
        kept: Option<KeptAside>,
    },
    /// Start over with no contract.
    Clear,
    DismissFailure,
    /// The active scenario's record, edited.
    SetEvents(Events),
    /// One edit of the active record (`ui::record_edit`), applied to a copy that is then taken
    /// as [`Action::SetEvents`] takes a record.
    Edit(crate::ui::record_edit::Edit),
    /// Incidents read from a pasted or imported table, added to the active record in one step.
    AddIncidents(Vec<crate::domain::events::Incident>),
    /// The record as it was before the last record edit (the edit can be redone).
    Undo,
    /// The record edit last undone, again.
    Redo,
    /// An empty record in place of the active one (空白记录), as of today; undoable.
    BlankRecord,
    /// Choose a reading for a clause (None: its default).
    SetReading {
        clause: String,
        reading: Option<String>,
    },
    /// A copy of a scenario, made active.
    DuplicateScenario(usize),
    SelectScenario(usize),
    RenameScenario(usize, String),
    DeleteScenario(usize),
    /// Compare the active scenario with another (None: stop comparing).
    Compare(Option<usize>),
    /// The calculators' inputs.
    SetTools(Inputs),
    /// The workspace was written to a file.
    Exported,
    /// The browser refused to save.
    StorageFailed,
    /// A save succeeded (a notice that saving failed goes away).
    StorageSaved,
    /// The unreadable save that was held in place is now kept aside under this key.
    KeptAsideNow(String),
    DismissNotice,
    /// A contract and its record together (an embedding host's `load`): both load, or
    /// neither and the failure names the one that failed (`source` + " contract"/" events").
    LoadPair {
        source: String,
        contract: String,
        events: String,
    },
}

/// A message for the user that is not an error of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Saving failed (storage full or blocked): export to keep the work.
    StorageFailed,
    /// A workspace was imported, or an example opened.
    Loaded(String),
    /// A file of an earlier format version was read and migrated (the figures are the same;
    /// it is saved and exported in the current version).
    Migrated { source: String, from: String },
    /// The saved workspace could not be read (damaged, or from a newer version): where it is.
    KeptAside(KeptAside),
    /// A contract from the authoring view was loaded: drafted from a document, or edited.
    Authored { source: String, edited: bool },
}

/// The authoring view, open: its input and a number of its own (a new view for each opening).
#[derive(Debug, PartialEq, Eq)]
pub struct AuthorOpen {
    pub seq: u32,
    pub input: String,
    /// The current contract is edited (not a document drafted): the notice says so.
    pub edited: bool,
}

/// The page's state.
#[derive(Clone)]
pub struct AppState {
    pub tab: Tab,
    pub ws: Rc<Workspace>,
    pub calendar: Rc<Calendar>,
    /// The active scenario's report.
    pub report: Option<Rc<Report>>,
    /// The compared scenario's report.
    pub compare: Option<Rc<Report>>,
    /// Why the active scenario has no report though a contract is loaded: a figure too large
    /// to compute, naming the clause and the occurrence.
    pub eval_error: Option<EvalError>,
    /// Why the compared scenario has no report.
    pub compare_error: Option<EvalError>,
    pub failure: Option<LoadFailure>,
    pub notice: Option<Notice>,
    /// The authoring view, when open (it replaces the tabs); closed by any new workspace.
    pub author: Option<Rc<AuthorOpen>>,
    /// Today, read by the app shell (the reducer reads no clock): the as-of date of a new,
    /// empty record.
    pub today: chrono::NaiveDate,
    /// The record edits that can be undone and redone, each with its scenario: kept across
    /// tab, language, scenario, reading and comparison changes (an undo goes back to the
    /// scenario it edited); only a new workspace (another contract, a file opened, an example)
    /// starts afresh.
    pub history: Rc<History>,
    /// The problems of the active record (validated once per record: the record tab shows
    /// them; an edit with an error is not taken, so these are warnings after an edit).
    pub record_problems: Rc<Vec<Problem>>,
    /// The loaded contract prepared for evaluation (its document checks made once): kept
    /// while edits leave the contract as it is.
    pub prepared: Option<Rc<engine::Prepared>>,
}

/// Earlier and undone records, each with the index of its scenario, the latest last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub undo: Vec<(usize, Rc<Events>)>,
    pub redo: Vec<(usize, Rc<Events>)>,
}

impl History {
    /// How many steps are kept each way.
    pub const DEPTH: usize = 100;

    fn push(list: &mut Vec<(usize, Rc<Events>)>, step: (usize, Rc<Events>)) {
        if list.len() >= History::DEPTH {
            list.remove(0);
        }
        list.push(step);
    }

    /// The history after scenario `i` was deleted: its steps dropped, the later scenarios'
    /// indices moved down one.
    fn without(&self, i: usize) -> History {
        let fix = |l: &[(usize, Rc<Events>)]| -> Vec<(usize, Rc<Events>)> {
            l.iter()
                .filter(|(k, _)| *k != i)
                .map(|(k, e)| (if *k > i { k - 1 } else { *k }, e.clone()))
                .collect()
        };
        History {
            undo: fix(&self.undo),
            redo: fix(&self.redo),
        }
    }
}

impl PartialEq for AppState {
    /// Reports derive from the workspace, so equal workspaces (and view state) are equal states.
    fn eq(&self, other: &Self) -> bool {
        self.tab == other.tab
            && Rc::ptr_eq(&self.ws, &other.ws)
            && self.failure == other.failure
            && self.notice == other.notice
            && self.author == other.author
    }
}

impl AppState {
    /// A state from a saved workspace; an empty one opens the default example. `today` is
    /// the as-of date given to a new, empty record.
    pub fn new(ws: Workspace, tab: Tab, today: chrono::NaiveDate) -> AppState {
        let calendar = Rc::new(Calendar::china());
        let ws = if ws.contract.is_none() {
            let lang = ws.lang;
            let tools = ws.tools.clone();
            // Fetched at start (`ui::app`) unless already at hand (tests, native tools).
            open_example(examples::EXAMPLES[0].id, lang, tools).unwrap_or(ws)
        } else {
            ws
        };
        AppState::derive(tab, Rc::new(ws), calendar, None, None, today, None, None)
    }

    fn derive(
        tab: Tab,
        ws: Rc<Workspace>,
        calendar: Rc<Calendar>,
        failure: Option<LoadFailure>,
        notice: Option<Notice>,
        today: chrono::NaiveDate,
        problems: Option<Vec<Problem>>,
        previous: Option<Rc<engine::Prepared>>,
    ) -> AppState {
        let record_problems = problems.unwrap_or_else(|| match (&ws.contract, ws.scenario()) {
            (Some(c), Some(s)) => crate::domain::validate::validate_events(c, &s.events),
            _ => Vec::new(),
        });
        let prepared = ws.contract.as_ref().map(|c| match previous {
            Some(p) if p.contract() == c => p,
            _ => Rc::new(engine::Prepared::new(c.clone(), (*calendar).clone())),
        });
        let evaluate = |i: usize| -> Option<Result<Rc<Report>, EvalError>> {
            let prepared = prepared.as_ref()?;
            let s = ws.scenarios.get(i)?;
            let options = Options {
                readings: s.readings.clone(),
            };
            Some(prepared.evaluate(&s.events, &options).map(Rc::new))
        };
        let split = |r: Option<Result<Rc<Report>, EvalError>>| match r {
            Some(Ok(r)) => (Some(r), None),
            Some(Err(e)) => (None, Some(e)),
            None => (None, None),
        };
        let (report, eval_error) = split(evaluate(ws.active));
        let (compare, compare_error) = split(ws.compare.and_then(evaluate));
        AppState {
            tab,
            ws,
            calendar,
            report,
            compare,
            eval_error,
            compare_error,
            failure,
            notice,
            author: None,
            today,
            history: Rc::default(),
            record_problems: Rc::new(record_problems),
            prepared,
        }
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.ws.lang
    }

    /// The loaded contract.
    pub fn contract(&self) -> Option<&Contract> {
        self.ws.contract.as_ref()
    }

    /// The active scenario.
    pub fn scenario(&self) -> Option<&Scenario> {
        self.ws.scenario()
    }

    fn with_ws(&self, ws: Workspace) -> AppState {
        self.with_checked_ws(ws, None)
    }

    /// [`AppState::with_ws`] with the active record's problems already known.
    fn with_checked_ws(&self, ws: Workspace, problems: Option<Vec<Problem>>) -> AppState {
        AppState::derive(
            self.tab,
            Rc::new(ws.normalize()),
            self.calendar.clone(),
            None,
            self.notice.clone(),
            self.today,
            problems,
            self.prepared.clone(),
        )
    }

    /// [`AppState::with_ws`] for a change within the workspace (another scenario, reading or
    /// comparison): the history is kept.
    fn within_ws(&self, ws: Workspace, history: Rc<History>) -> AppState {
        let mut next = self.with_ws(ws);
        next.history = history;
        next
    }

    fn with_view(
        &self,
        tab: Tab,
        failure: Option<LoadFailure>,
        notice: Option<Notice>,
    ) -> AppState {
        AppState {
            tab,
            ws: self.ws.clone(),
            calendar: self.calendar.clone(),
            report: self.report.clone(),
            compare: self.compare.clone(),
            eval_error: self.eval_error.clone(),
            compare_error: self.compare_error.clone(),
            failure,
            notice,
            author: self.author.clone(),
            today: self.today,
            history: self.history.clone(),
            record_problems: self.record_problems.clone(),
            prepared: self.prepared.clone(),
        }
    }

    fn fail(&self, source: String, problems: Vec<Problem>) -> AppState {
        self.with_view(
            self.tab,
            Some(LoadFailure { source, problems }),
            self.notice.clone(),
        )
    }

    fn load_text(&self, source: String, text: &str) -> AppState {
        let format = serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
            .ok()
            .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(str::to_string));
        let migrated = format
            .as_deref()
            .filter(|f| migrate::is_earlier(f))
            .map(|f| (source.clone(), f.to_string()));
        let next = match format.as_deref() {
            Some(f) if migrate::is_events_tag(f) => {
                let Some(contract) = self.contract() else {
                    return self.fail(source, vec![problem_no_contract()]);
                };
                match load::load_events_for(contract, text) {
                    Ok(events) => {
                        let mut ws = (*self.ws).clone();
                        match ws.scenarios.get_mut(ws.active) {
                            Some(s) => s.events = events,
                            None => ws.scenarios.push(Scenario {
                                name: self.lang().pick("实际情况", "As recorded").into(),
                                events,
                                readings: BTreeMap::new(),
                            }),
                        }
                        self.with_ws(ws)
                    }
                    Err(p) => self.fail(source, p.0),
                }
            }
            Some(crate::ui::workspace::FORMAT) => self.import(source, text),
            _ => match load::load_contract(text) {
                Ok(contract) => {
                    // A new contract starts a new workspace; its record is the last one whose
                    // references still resolve, or an empty record.
                    let events = self
                        .scenario()
                        .map(|s| s.events.clone())
                        .filter(|e| {
                            crate::domain::validate::validate_events(&contract, e)
                                .iter()
                                .all(|p| !p.is_error())
                        })
                        .unwrap_or_else(|| empty_events(&contract, self.today));
                    let ws = Workspace::with(contract, events, self.lang(), self.ws.tools.clone());
                    self.with_ws(ws)
                }
                Err(p) => self.fail(source, p.0),
            },
        };
        match migrated {
            Some((source, from)) if next.failure.is_none() => {
                let mut next = next;
                next.notice = Some(Notice::Migrated { source, from });
                next
            }
            _ => next,
        }
    }

    fn import(&self, source: String, text: &str) -> AppState {
        match Workspace::from_json(text) {
            Ok(ws) => {
                let mut next = self.with_ws(ws);
                next.notice = Some(match Workspace::earlier_version(text) {
                    Some(from) => Notice::Migrated { source, from },
                    None => Notice::Loaded(source),
                });
                next
            }
            Err(e) => self.fail(source, e.problems),
        }
    }
}

fn problem_no_contract() -> Problem {
    Problem::error(
        "workspace.no-contract",
        "",
        "请先载入合同，再载入履约记录".into(),
        "load a contract before its record of events".into(),
    )
}

/// An empty record for a contract: nothing happened yet, as of `today`.
pub fn empty_events(contract: &Contract, today: chrono::NaiveDate) -> Events {
    Events {
        format: crate::domain::events::FORMAT.into(),
        contract: Some(contract.id.clone()),
        as_of: today,
        ..Events::default()
    }
}

/// A workspace with a built-in example open: one already fetched (`ui::examples::texts`).
pub fn open_example(id: &str, lang: Lang, tools: Inputs) -> Option<Workspace> {
    let ex = examples::texts(id)?;
    let contract = load::load_contract(&ex.contract).ok()?;
    let events = load::load_events_for(&contract, &ex.events).ok()?;
    Some(Workspace::with(contract, events, lang, tools))
}

/// Why a built-in example is not open: its files could not be fetched.
fn example_unavailable(message: &str) -> Problem {
    Problem::error(
        "example.unavailable",
        "",
        format!("无法载入示例合同（网络或服务器未提供示例文件）：{message}"),
        format!("the example could not be loaded (the network or the server did not provide its files): {message}"),
    )
}

impl AppState {
    /// The active record replaced by `events`, validated as a loaded record is, the record it
    /// replaces kept for undo.
    fn set_events(self: Rc<Self>, events: Events) -> Rc<Self> {
        let ws = &self.ws;
        if ws.scenario().is_none_or(|s| s.events == events) {
            return self;
        }
        // An edit is validated as a loaded record is: a record with an error is not
        // taken (nor saved, where the next start would refuse it), and says why.
        let problems = ws
            .contract
            .as_ref()
            .map(|c| crate::domain::validate::validate_events(c, &events));
        let errors: Vec<Problem> = problems
            .iter()
            .flatten()
            .filter(|p| p.is_error())
            .cloned()
            .collect();
        if !errors.is_empty() {
            let source = ws.lang.pick("履约记录", "the record").to_string();
            return Rc::new(self.fail(source, errors));
        }
        let mut w = (**ws).clone();
        let active = w.active;
        let Some(s) = w.scenarios.get_mut(active) else {
            return self;
        };
        let before = std::mem::replace(&mut s.events, events);
        w.unexported = true;
        let mut next = self.with_checked_ws(w, problems);
        let mut h = (*self.history).clone();
        History::push(&mut h.undo, (active, Rc::new(before)));
        h.redo.clear();
        next.history = Rc::new(h);
        Rc::new(next)
    }

    /// Undoes (`back`) or redoes the last record edit; its scenario becomes the active one.
    fn step(self: Rc<Self>, back: bool) -> Rc<Self> {
        let mut h = (*self.history).clone();
        let (from, to) = if back {
            (&mut h.undo, &mut h.redo)
        } else {
            (&mut h.redo, &mut h.undo)
        };
        let Some((i, events)) = from.pop() else {
            return self;
        };
        let mut w = (*self.ws).clone();
        let Some(s) = w.scenarios.get_mut(i) else {
            return self;
        };
        let now = std::mem::replace(&mut s.events, Rc::unwrap_or_clone(events));
        History::push(to, (i, Rc::new(now)));
        w.active = i;
        w.unexported = true;
        let mut next = self.with_ws(w);
        next.history = Rc::new(h);
        Rc::new(next)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let ws = &self.ws;
        let next = match action {
            Action::SetLang(lang) => {
                let mut w = (**ws).clone();
                w.lang = lang;
                // The language changes no figure: keep the reports.
                AppState {
                    ws: Rc::new(w),
                    ..(*self).clone()
                }
            }
            Action::SetTab(tab) => self.with_view(tab, self.failure.clone(), self.notice.clone()),
            Action::LoadExample(id) => match open_example(&id, ws.lang, ws.tools.clone()) {
                Some(w) => {
                    let mut next = self.with_ws(w);
                    next.tab = Tab::Summary;
                    next
                }
                None => self.fail(id, vec![]),
            },
            Action::StartExample(id) => {
                if self.ws.contract.is_some() {
                    return self;
                }
                match open_example(&id, ws.lang, ws.tools.clone()) {
                    Some(w) => self.with_ws(w),
                    None => self.fail(id, vec![]),
                }
            }
            Action::ExampleFailed { id, message } => {
                let source = examples::entry(&id)
                    .map(|e| ws.lang.pick(e.title_zh, e.title_en).to_string())
                    .unwrap_or(id);
                self.fail(source, vec![example_unavailable(&message)])
            }
            Action::LoadText { source, text } => self.load_text(source, &text),
            Action::LoadPair {
                source,
                contract,
                events,
            } => match load::load_contract(&contract) {
                Err(p) => self.fail(format!("{source} contract"), p.0),
                Ok(c) => match load::load_events_for(&c, &events) {
                    Err(p) => self.fail(format!("{source} events"), p.0),
                    Ok(e) => self.with_ws(Workspace::with(c, e, ws.lang, ws.tools.clone())),
                },
            },
            Action::OpenAuthor { input, edited } => {
                let seq = self.author.as_ref().map_or(0, |a| a.seq.wrapping_add(1));
                AppState {
                    author: Some(Rc::new(AuthorOpen { seq, input, edited })),
                    failure: None,
                    ..(*self).clone()
                }
            }
            Action::CloseAuthor => AppState {
                author: None,
                ..(*self).clone()
            },
            Action::Authored { source, text } => {
                let edited = self.author.as_ref().is_some_and(|a| a.edited);
                let mut next = self.load_text(source.clone(), &text);
                if next.failure.is_none() {
                    next.author = None;
                    next.notice = Some(Notice::Authored { source, edited });
                }
                next
            }
            Action::DocumentFailed {
                source,
                code,
                zh,
                en,
            } => self.fail(source, vec![Problem::error(&code, "", zh, en)]),
            Action::ReadFailed { source, message } => self.fail(
                source,
                vec![Problem::error(
                    "file.unreadable",
                    "",
                    format!("无法读取文件：{message}"),
                    format!("the file cannot be read: {message}"),
                )],
            ),
            Action::TooLarge { source, size } => {
                self.fail(source, vec![crate::domain::limits::too_large(Some(size))])
            }
            Action::Import { source, text } => self.import(source, &text),
            Action::RestoreSaved { workspace, kept } => {
                let mut next = AppState::new(*workspace, self.tab, self.today);
                next.notice = kept.map(Notice::KeptAside);
                next
            }
            Action::Clear => self.with_ws(Workspace {
                lang: ws.lang,
                tools: ws.tools.clone(),
                ..Workspace::default()
            }),
            Action::DismissFailure => self.with_view(self.tab, None, self.notice.clone()),
            Action::DismissNotice => self.with_view(self.tab, self.failure.clone(), None),
            Action::StorageFailed => match &self.notice {
                // That notice already says that nothing is saved, and why.
                Some(Notice::KeptAside(k)) if k.held => return self,
                _ => self.with_view(self.tab, self.failure.clone(), Some(Notice::StorageFailed)),
            },
            Action::StorageSaved => match &self.notice {
                Some(Notice::StorageFailed) => self.with_view(self.tab, self.failure.clone(), None),
                _ => return self,
            },
            Action::KeptAsideNow(key) => match &self.notice {
                Some(Notice::KeptAside(k)) => {
                    let k = KeptAside {
                        key,
                        held: false,
                        ..k.clone()
                    };
                    self.with_view(self.tab, self.failure.clone(), Some(Notice::KeptAside(k)))
                }
                // Its notice was dismissed, and the one that saving failed shown instead.
                Some(Notice::StorageFailed) => self.with_view(self.tab, self.failure.clone(), None),
                _ => return self,
            },
            Action::SetEvents(events) => return self.set_events(events),
            Action::AddIncidents(added) => {
                let Some(sc) = ws.scenario() else {
                    return self;
                };
                let mut e = sc.events.clone();
                e.incidents.extend(added);
                return self.set_events(e);
            }
            Action::BlankRecord => {
                let Some(c) = ws.contract.as_ref() else {
                    return self;
                };
                let blank = empty_events(c, self.today);
                return self.set_events(blank);
            }
            Action::Undo => return self.step(true),
            Action::Redo => return self.step(false),
            Action::Edit(edit) => {
                let (Some(c), Some(s)) = (ws.contract.as_ref(), ws.scenario()) else {
                    return self;
                };
                let mut e = s.events.clone();
                edit.apply(c, &mut e);
                return self.reduce(Action::SetEvents(e));
            }
            Action::SetReading { clause, reading } => {
                let mut w = (**ws).clone();
                let Some(s) = w.scenarios.get_mut(w.active) else {
                    return self;
                };
                match reading {
                    Some(r) => s.readings.insert(clause, r),
                    None => s.readings.remove(&clause),
                };
                w.unexported = true;
                self.within_ws(w, self.history.clone())
            }
            Action::DuplicateScenario(i) => {
                let mut w = (**ws).clone();
                let Some(s) = w.scenarios.get(i).cloned() else {
                    return self;
                };
                let name = format!("{}{}", s.name, ws.lang.pick("（副本）", " (copy)"));
                w.scenarios.push(Scenario { name, ..s });
                w.unexported = true;
                w.active = w.scenarios.len() - 1;
                w.compare = Some(i);
                self.within_ws(w, self.history.clone())
            }
            Action::SelectScenario(i) => {
                let mut w = (**ws).clone();
                if i >= w.scenarios.len() {
                    return self;
                }
                if w.compare == Some(i) {
                    w.compare = Some(w.active);
                }
                w.active = i;
                self.within_ws(w, self.history.clone())
            }
            Action::RenameScenario(i, name) => {
                let mut w = (**ws).clone();
                let Some(s) = w.scenarios.get_mut(i) else {
                    return self;
                };
                s.name = name;
                w.unexported = true;
                // A name changes no figure.
                AppState {
                    ws: Rc::new(w),
                    ..(*self).clone()
                }
            }
            Action::DeleteScenario(i) => {
                let mut w = (**ws).clone();
                if w.scenarios.len() <= 1 || i >= w.scenarios.len() {
                    return self;
                }
                w.scenarios.remove(i);
                w.unexported = true;
                let fix = |x: usize| if x > i { x - 1 } else { x };
                w.active = if w.active == i { 0 } else { fix(w.active) };
                w.compare = w.compare.filter(|&c| c != i).map(fix);
                self.within_ws(w, Rc::new(self.history.without(i)))
            }
            Action::Compare(c) => {
                let mut w = (**ws).clone();
                w.compare = c;
                self.within_ws(w, self.history.clone())
            }
            Action::Exported => {
                if !ws.unexported {
                    return self;
                }
                let mut w = (**ws).clone();
                w.unexported = false;
                AppState {
                    ws: Rc::new(w),
                    ..(*self).clone()
                }
            }
            Action::SetTools(inputs) => {
                let mut w = (**ws).clone();
                w.tools = inputs;
                AppState {
                    ws: Rc::new(w),
                    ..(*self).clone()
                }
            }
        };
        Rc::new(next)
    }
}
