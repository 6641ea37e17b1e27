//! Tests: records as fast as a spreadsheet (issue 13, items 2 and 4) — a table pasted from
//! Excel/WPS (TSV) or a help-desk CSV read into 004's incidents with its headers mapped, the
//! rows that cannot be read said with the reason, cells set with their errors, new rows at the
//! least severe level, and undo/redo/blank record through the app's reducer.
//!
//! Figures by hand from 004's 附件2-5.3 (较重大 20 %, 重大 25 % of the item's annual fee;
//! handled later than 6 h / 3 h: × 2), each item's fee from the contract's `items`.

use std::rc::Rc;

use yew::Reducible;

use lvyue::domain::calendar::Calendar;
use lvyue::domain::engine::{evaluate, Options};
use lvyue::domain::events::Events;
use lvyue::domain::incident_log::{self as log, Field};
use lvyue::domain::lang::Localize;
use lvyue::domain::load::{load_contract, load_events_for};
use lvyue::domain::Lang;
use lvyue::ui::store::{Action, AppState, Tab};
use lvyue::ui::workspace::Workspace;

const CONTRACT: &str = include_str!("../../examples/004-liyang-operations.contract.json");
const EVENTS: &str = include_str!("../../examples/004-liyang-operations.events.json");

/// 20 rows as a help-desk export copied from a spreadsheet: 3 priced by 附件2-5.3, 17 not.
pub fn tsv20() -> String {
    let mut t = String::from(
        "工单号\t故障时间\t响应时间\t到场时间\t恢复时间\t故障等级\t子系统\t故障类型\t描述\n",
    );
    // records 45,600 × 20 % = 9,120.00 (2 h, within 6 h)
    t += "GD-001\t2022/9/1 9:00\t2022/9/1 9:05\t\t2022/9/1 11:00\t较重大安全事件\t病案管理\t数据库\t库表锁死\n";
    // emr_qc 39,840 × 20 % = 7,968.00, handled in 8.5 h > 6 h: × 2 = 15,936.00
    t += "GD-002\t2022/10/10 9:00\t2022/10/10 9:10\t2022/10/10 10:00\t2022/10/10 17:30\t较重大安全事件\t住院电子病历质控软件系统\t网络\t\"交换机故障，\"\"全院\"\"断网\"\n";
    // nursing 39,840 × 25 % = 9,960.00 (1.5 h, within 3 h)
    t += "GD-003\t2022/12/5 14:00\t2022/12/5 14:05\t\t2022/12/5 15:30\t重大安全事件\t护理电子病历软件系统\t应用\t服务中断\n";
    for k in 0..17 {
        let (level, item) = if k % 2 == 0 {
            ("一般安全事件", "区域心电软件系统")
        } else {
            ("日常系统操作问题", "居民健康APP软件系统")
        };
        let d = 1 + k;
        t += &format!(
            "GD-{:03}\t2023/2/{d} 10:00\t2023/2/{d} 10:10\t\t2023/2/{d} 10:40\t{level}\t{item}\t操作\t用户咨询\n",
            k + 4
        );
    }
    t
}

/// 004's record with no incidents, requirements or staff events (the shared cap of 附件2-5.6
/// then sees only the rows added).
pub fn bare_events() -> Events {
    let c = load_contract(CONTRACT).unwrap();
    let mut e = load_events_for(&c, EVENTS).unwrap();
    e.incidents.clear();
    e.requirements.clear();
    e.staff.clear();
    e
}

fn total_53(e: &Events) -> String {
    let c = load_contract(CONTRACT).unwrap();
    let r = evaluate(&c, e, &Calendar::china(), &Options::default()).unwrap();
    let cl = r
        .penalties
        .iter()
        .find(|p| p.clause == "附件2-5.3")
        .unwrap();
    cl.total.to_string()
}

#[test]
fn headers_of_help_desk_exports_map_themselves() {
    let h: Vec<String> = [
        "工单号",
        "故障时间",
        "响应时间",
        "到场时间",
        "恢复时间",
        "故障等级",
        "子系统",
        "描述",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        log::guess_all(&h),
        [
            Field::Id,
            Field::Reported,
            Field::Responded,
            Field::OnSite,
            Field::Resolved,
            Field::Level,
            Field::Item,
            Field::Ignore
        ]
    );
    assert_eq!(log::guess("报告时间"), Field::Reported);
    assert_eq!(log::guess("解决时间"), Field::Resolved);
    assert_eq!(log::guess("级别"), Field::Level);
    assert_eq!(log::guess("系统"), Field::Item);
    assert_eq!(log::guess("处理人"), Field::Ignore);
    // A second column naming a field already taken is not imported.
    let two: Vec<String> = ["故障时间", "报告时间"].map(String::from).to_vec();
    assert_eq!(log::guess_all(&two), [Field::Reported, Field::Ignore]);
}

#[test]
fn twenty_pasted_rows_give_the_clause_figures() {
    let c = load_contract(CONTRACT).unwrap();
    let e = bare_events();
    let (header, rows, mapping) = log::prepare(&tsv20(), 0);
    assert!(header.is_some(), "the header row was taken for data");
    assert_eq!(rows.len(), 20);
    let read = log::read(&c, &e, header.as_ref(), &rows, &mapping);
    // Every row read; the description column said once as not imported.
    assert_eq!(read.incidents.len(), 20, "{:?}", read.problems);
    let said: Vec<String> = read.problems.iter().map(|p| p.localize(Lang::Zh)).collect();
    assert_eq!(said, ["“描述”列未导入：履约记录没有对应的栏目"]);
    let x = &read.incidents[1];
    assert_eq!(x.id, "GD-002");
    assert_eq!(x.level, "relatively_major");
    assert_eq!(x.item.as_deref(), Some("emr_qc"));
    assert_eq!(x.kind.as_deref(), Some("网络"));
    assert_eq!(
        x.on_site.map(|t| t.to_string()).as_deref(),
        Some("2022-10-10 10:00:00")
    );
    assert_eq!(read.incidents[0].item.as_deref(), Some("records"));
    assert_eq!(read.incidents[4].level, "operation");
    let mut with = e.clone();
    with.incidents = read.incidents;
    // 9,120.00 + 15,936.00 + 9,960.00 = 35,016.00
    assert_eq!(total_53(&with), "35,016.00");
    // The same incidents written by hand as a record give the same figure.
    let by_hand = format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2023-07-15",
  "dates": {{ "signing": "2022-07-20", "service_due": "2022-08-01", "service_provided": "2022-08-04" }},
  "incidents": [
    {{ "id": "a", "item": "records", "kind": "数据库", "level": "relatively_major", "reported": "2022-09-01T09:00:00", "resolved": "2022-09-01T11:00:00" }},
    {{ "id": "b", "item": "emr_qc", "kind": "网络", "level": "relatively_major", "reported": "2022-10-10T09:00:00", "resolved": "2022-10-10T17:30:00" }},
    {{ "id": "c", "item": "nursing", "kind": "应用", "level": "major", "reported": "2022-12-05T14:00:00", "resolved": "2022-12-05T15:30:00" }}
  ] }}"#
    );
    let hand = load_events_for(&c, &by_hand).unwrap();
    assert_eq!(total_53(&hand), "35,016.00");
}

#[test]
fn rows_that_cannot_be_read_say_why_and_nothing_is_dropped() {
    let c = load_contract(CONTRACT).unwrap();
    let e = bare_events();
    let csv = "报告时间,处理完成,级别,系统,描述\n\
               2023-03-10 09:00,2023-03-10 11:00,重大安全事件,区域心电软件系统,\"心电, 无法出报告\"\n\
               2023-04-02 08:00,2023-04-02 12:00,较重大安全事件,video,会议中断\n\
               2023-04-05 10:00,2023-04-05 09:00,一般安全事件,ecg,时间写反\n\
               2023-04-06 10:00,,三级,ecg,未知级别\n\
               2023-04-07 10:00,,一般,ecg,\n";
    let (header, rows, mut mapping) = log::prepare(csv, 0);
    assert_eq!(
        mapping[1],
        Field::Ignore,
        "处理完成 is not a word for resolved"
    );
    mapping[1] = Field::Resolved; // the user's mapping
    let read = log::read(&c, &e, header.as_ref(), &rows, &mapping);
    assert_eq!(read.incidents.len(), 3);
    let said: Vec<String> = read.problems.iter().map(|p| p.localize(Lang::Zh)).collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert_eq!(said[0], "“描述”列未导入：履约记录没有对应的栏目");
    assert_eq!(
        said[1],
        "第 4 行：解决时间（2023-04-05 09:00）早于报告时间（2023-04-05 10:00）"
    );
    assert!(
        said[2].starts_with("第 5 行：级别“三级”不是本合同的级别（特别重大安全事件、"),
        "{}",
        said[2]
    );
    assert_eq!(
        read.problems[1].localize(Lang::En),
        "line 4: Resolved (2023-04-05 09:00) is before reported (2023-04-05 10:00)"
    );
    // New ids one past those in use.
    assert_eq!(read.incidents[0].id, "inc-1");
    assert_eq!(read.incidents[2].id, "inc-3");
    let mut with = e.clone();
    with.incidents = read.incidents;
    // ecg 196,800 × 25 % = 49,200.00 (2 h) + video 135,200 × 20 % = 27,040.00 (4 h) = 76,240.00
    assert_eq!(total_53(&with), "76,240.00");
    // No reported column at all: said, nothing read.
    let none = log::read(&c, &e, header.as_ref(), &rows, &[Field::Ignore; 5]);
    assert!(none.incidents.is_empty());
    assert!(none
        .problems
        .iter()
        .any(|p| p.en.contains("no column is the time reported")));
}

#[test]
fn a_paste_without_header_fills_the_grid_columns_from_where_it_lands() {
    let (header, rows, mapping) = log::prepare("X-1\t2023-01-02 10:00\t一般\n", 0);
    assert!(header.is_none());
    assert_eq!(rows.len(), 1);
    assert_eq!(mapping, [Field::Id, Field::Reported, Field::Level]);
    let (_, _, from_level) = log::prepare("一般\t心电\n", 2);
    assert_eq!(from_level, [Field::Level, Field::Item]);
}

#[test]
fn cells_take_what_parses_and_say_what_does_not() {
    let c = load_contract(CONTRACT).unwrap();
    let mut e = bare_events();
    e.incidents.push(log::new_incident(&c, &e));
    e.incidents.push(log::new_incident(&c, &e));
    // New rows: the least severe level, fresh ids, on the as-of day at 09:00.
    assert_eq!(e.incidents[0].level, "operation");
    assert_eq!(
        (e.incidents[0].id.as_str(), e.incidents[1].id.as_str()),
        ("inc-1", "inc-2")
    );
    assert_eq!(e.incidents[0].reported.to_string(), "2023-07-15 09:00:00");
    log::set_cell(&c, &mut e, 0, Field::Resolved, "2023-07-15 11:30").unwrap();
    assert_eq!(
        log::cell_text(&e.incidents[0], Field::Resolved),
        "2023-07-15 11:30"
    );
    let before = e.clone();
    let err = |r: Result<(), log::CellError>| r.unwrap_err().localize(Lang::Zh);
    assert_eq!(
        err(log::set_cell(
            &c,
            &mut e,
            0,
            Field::Resolved,
            "2023-07-15 08:00"
        )),
        "解决时间（2023-07-15 08:00）早于报告时间（2023-07-15 09:00）"
    );
    // Moving the report after the fix is the same error, at the report.
    assert!(err(log::set_cell(
        &c,
        &mut e,
        0,
        Field::Reported,
        "2023-07-16 09:00"
    ))
    .starts_with("解决时间"));
    assert!(err(log::set_cell(&c, &mut e, 0, Field::Resolved, "7月15日")).contains("7月15日"));
    assert_eq!(
        err(log::set_cell(&c, &mut e, 1, Field::Id, "inc-1")),
        "编号“inc-1”已被使用"
    );
    assert_eq!(
        err(log::set_cell(&c, &mut e, 1, Field::Level, "三级")),
        "“三级”不是本合同的级别"
    );
    assert_eq!(
        err(log::set_cell(&c, &mut e, 0, Field::Reported, "")),
        "报告时间不能为空"
    );
    assert_eq!(e, before, "an error changed the record");
    log::set_cell(&c, &mut e, 1, Field::Level, "major").unwrap();
    log::set_cell(&c, &mut e, 1, Field::Complaint, "city_government").unwrap();
    log::set_cell(&c, &mut e, 0, Field::Resolved, "").unwrap();
    assert_eq!(
        (
            e.incidents[1].level.as_str(),
            e.incidents[1].complaint.as_deref()
        ),
        ("major", Some("city_government"))
    );
    assert_eq!(e.incidents[0].resolved, None);
    assert_eq!(
        log::complaint_label("city_government", "2".parse().unwrap(), Lang::Zh),
        "投诉至市委市政府（×2）"
    );
}

pub(crate) fn app() -> Rc<AppState> {
    let c = load_contract(CONTRACT).unwrap();
    let ws = Workspace::with(c, bare_events(), Lang::Zh, Default::default());
    lvyue::ui::examples::preload();
    Rc::new(AppState::new(
        ws,
        Tab::Record,
        "2026-12-03".parse().unwrap(),
    ))
}

pub(crate) fn incidents(s: &AppState) -> Vec<String> {
    s.scenario()
        .unwrap()
        .events
        .incidents
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

#[test]
fn every_record_edit_undoes_and_redoes() {
    let c = load_contract(CONTRACT).unwrap();
    let s = app();
    assert!(s.history.undo.is_empty());
    let (header, rows, mapping) = log::prepare(&tsv20(), 0);
    let read = log::read(
        &c,
        &s.scenario().unwrap().events,
        header.as_ref(),
        &rows,
        &mapping,
    );
    let s = s.reduce(Action::AddIncidents(read.incidents));
    assert_eq!(incidents(&s).len(), 20);
    assert_eq!(
        s.report
            .as_ref()
            .unwrap()
            .penalties
            .iter()
            .find(|p| p.clause == "附件2-5.3")
            .unwrap()
            .total
            .to_string(),
        "35,016.00"
    );
    // Delete the second row, then undo and redo it.
    let mut e = s.scenario().unwrap().events.clone();
    e.incidents.remove(1);
    let s = s.reduce(Action::SetEvents(e));
    assert_eq!(incidents(&s).len(), 19);
    assert!(!incidents(&s).contains(&"GD-002".to_string()));
    let s = s.reduce(Action::Undo);
    assert_eq!(incidents(&s)[1], "GD-002");
    assert_eq!(s.history.redo.len(), 1);
    let s = s.reduce(Action::Redo);
    assert_eq!(incidents(&s).len(), 19);
    let s = s.reduce(Action::Undo).reduce(Action::Undo);
    assert!(incidents(&s).is_empty(), "undo twice: before the paste");
    // Nothing more to undo: the state is the same.
    let again = s.clone().reduce(Action::Undo);
    assert!(Rc::ptr_eq(&again, &s));
    // Tab and language changes keep the history.
    let s = s
        .reduce(Action::SetTab(Tab::Penalties))
        .reduce(Action::SetLang(Lang::En));
    assert_eq!(s.history.redo.len(), 2);
    let s = s.reduce(Action::Redo);
    assert_eq!(incidents(&s).len(), 20);
    // A new edit drops what was undone.
    let s = s.reduce(Action::BlankRecord);
    assert!(s.history.redo.is_empty());
    let ev = &s.scenario().unwrap().events;
    assert!(ev.incidents.is_empty() && ev.payments.is_empty() && ev.dates.is_empty());
    assert_eq!(ev.as_of.to_string(), "2026-12-03");
    assert_eq!(ev.contract.as_deref(), Some("004-liyang-operations"));
    let s = s.reduce(Action::Undo);
    assert_eq!(incidents(&s).len(), 20, "the blank record undone");
    // A record with an error is refused and leaves no step.
    let mut bad = s.scenario().unwrap().events.clone();
    bad.incidents[0].level = "nope".into();
    let steps = s.history.undo.len();
    let s = s.reduce(Action::SetEvents(bad));
    assert!(s.failure.is_some());
    assert_eq!(s.history.undo.len(), steps);
}

#[test]
fn the_demo_record_is_marked() {
    let c = load_contract(CONTRACT).unwrap();
    let demo = load_events_for(&c, EVENTS).unwrap();
    lvyue::ui::examples::preload();
    assert!(lvyue::ui::examples::is_demo(&c, &demo));
    assert!(!lvyue::ui::examples::is_demo(&c, &bare_events()));
}
