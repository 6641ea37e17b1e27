//! The five source contracts and their records, built into the app so that it opens with real
//! figures (004 by default) and works with no file at hand.

/// A built-in example.
pub struct Example {
    /// e.g. `004-liyang-operations`.
    pub id: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub contract: &'static str,
    pub events: &'static str,
}

macro_rules! example {
    ($id:literal, $zh:literal, $en:literal) => {
        Example {
            id: $id,
            title_zh: $zh,
            title_en: $en,
            contract: include_str!(concat!("../../examples/", $id, ".contract.json")),
            events: include_str!(concat!("../../examples/", $id, ".events.json")),
        }
    };
}

/// The examples, 004 first (it opens by default).
pub const EXAMPLES: [Example; 5] = [
    example!(
        "004-liyang-operations",
        "004 智慧医疗运维服务合同",
        "004 Smart-healthcare operations"
    ),
    example!(
        "000-cloud-services",
        "000 医院云服务包",
        "000 Hospital cloud services"
    ),
    example!(
        "001-oa-maintenance",
        "001 OA 平台维护（3 年）",
        "001 OA platform maintenance (3 years)"
    ),
    example!(
        "002-im-platform",
        "002 即时通讯平台升级与维护",
        "002 IM platform upgrade and maintenance"
    ),
    example!(
        "003-insurance-datacentre",
        "003 医保数据中心运维",
        "003 Medical-insurance data-centre operations"
    ),
];

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

thread_local! {
    /// The built-in record of the example last asked about, as loaded (by contract id).
    static DEMO: std::cell::RefCell<Option<(String, Option<crate::domain::events::Events>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Whether `events` is the built-in example record of `contract`, unchanged (示例记录): the
/// record tab says so, so that nobody takes the demo's figures for their own.
pub fn is_demo(
    contract: &crate::domain::contract::Contract,
    events: &crate::domain::events::Events,
) -> bool {
    let Some(ex) = example(&contract.id) else {
        return false;
    };
    DEMO.with(|d| {
        let mut d = d.borrow_mut();
        if d.as_ref().is_none_or(|(id, _)| *id != contract.id) {
            let loaded = crate::domain::load::load_events_for(contract, ex.events).ok();
            *d = Some((contract.id.clone(), loaded));
        }
        d.as_ref()
            .and_then(|(_, e)| e.as_ref())
            .is_some_and(|e| e == events)
    })
}
