//! The five built-in examples: the source contracts and their records, so that the page opens
//! with real figures (004 by default) and works with no file at hand.
//!
//! The page does not carry their text in its wasm (127 KB raw, issue 14): they are static files
//! of the site (`dist/examples/ID.contract.json`, `ID.events.json`: scripts/post-build.d/
//! 40-examples.sh, which fails the build if the app's wasm holds them), fetched when one is
//! opened (`ui::example_fetch`) and kept here ([`remember`]) for the reducer, which stays
//! synchronous. [`EXAMPLES`] is only the picker's list. The texts are also compiled in for the
//! native tools and the tests ([`example`], [`preload`]); nothing the page runs calls those,
//! so the linker leaves them out of its wasm.

use std::cell::RefCell;
use std::rc::Rc;

/// A built-in example as the picker lists it.
pub struct Entry {
    /// e.g. `004-liyang-operations`.
    pub id: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
}

/// The examples, 004 first (it opens by default).
pub const EXAMPLES: [Entry; 5] = [
    Entry {
        id: "004-liyang-operations",
        title_zh: "004 智慧医疗运维服务合同",
        title_en: "004 Smart-healthcare operations",
    },
    Entry {
        id: "000-cloud-services",
        title_zh: "000 医院云服务包",
        title_en: "000 Hospital cloud services",
    },
    Entry {
        id: "001-oa-maintenance",
        title_zh: "001 OA 平台维护（3 年）",
        title_en: "001 OA platform maintenance (3 years)",
    },
    Entry {
        id: "002-im-platform",
        title_zh: "002 即时通讯平台升级与维护",
        title_en: "002 IM platform upgrade and maintenance",
    },
    Entry {
        id: "003-insurance-datacentre",
        title_zh: "003 医保数据中心运维",
        title_en: "003 Medical-insurance data-centre operations",
    },
];

/// The picker's entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// The file names of an example in the site's `examples/` folder (contract, record).
pub fn files(id: &str) -> (String, String) {
    (format!("{id}.contract.json"), format!("{id}.events.json"))
}

/// An example's texts: the contract and its record.
#[derive(Clone, Debug, PartialEq)]
pub struct Texts {
    pub contract: Rc<str>,
    pub events: Rc<str>,
}

thread_local! {
    /// The examples fetched so far (by id).
    static FETCHED: RefCell<Vec<(String, Texts)>> = const { RefCell::new(Vec::new()) };
    /// The built-in record of the example last asked about, as loaded (by contract id).
    static DEMO: RefCell<Option<(String, Option<crate::domain::events::Events>)>> =
        const { RefCell::new(None) };
}

/// Keeps an example's texts, fetched (or preloaded), for [`texts`]. Unknown ids are ignored.
pub fn remember(id: &str, texts: Texts) {
    if entry(id).is_none() {
        return;
    }
    FETCHED.with(|f| {
        let mut f = f.borrow_mut();
        f.retain(|(i, _)| i != id);
        f.push((id.to_string(), texts));
    });
}

/// The texts of an example already fetched.
pub fn texts(id: &str) -> Option<Texts> {
    FETCHED.with(|f| {
        f.borrow()
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, t)| t.clone())
    })
}

/// Whether `events` is the built-in example record of `contract`, unchanged (示例记录): the
/// record tab says so, so that nobody takes the demo's figures for their own. An example whose
/// texts were never fetched in this page (a saved workspace of one) is not marked.
pub fn is_demo(
    contract: &crate::domain::contract::Contract,
    events: &crate::domain::events::Events,
) -> bool {
    let Some(t) = texts(&contract.id) else {
        return false;
    };
    DEMO.with(|d| {
        let mut d = d.borrow_mut();
        if d.as_ref().is_none_or(|(id, _)| *id != contract.id) {
            let loaded = crate::domain::load::load_events_for(contract, &t.events).ok();
            *d = Some((contract.id.clone(), loaded));
        }
        d.as_ref()
            .and_then(|(_, e)| e.as_ref())
            .is_some_and(|e| e == events)
    })
}

/// A built-in example with its texts compiled in: for the native tools and the tests only.
pub struct Example {
    pub id: &'static str,
    pub contract: &'static str,
    pub events: &'static str,
}

macro_rules! bundled {
    ($id:literal) => {
        Example {
            id: $id,
            contract: include_str!(concat!("../../examples/", $id, ".contract.json")),
            events: include_str!(concat!("../../examples/", $id, ".events.json")),
        }
    };
}

/// The compiled-in example with this id (the same files the site ships). Never called by the
/// page: its wasm would carry every example again (40-examples.sh checks).
pub fn example(id: &str) -> Option<&'static Example> {
    static BUNDLED: [Example; 5] = [
        bundled!("004-liyang-operations"),
        bundled!("000-cloud-services"),
        bundled!("001-oa-maintenance"),
        bundled!("002-im-platform"),
        bundled!("003-insurance-datacentre"),
    ];
    BUNDLED.iter().find(|e| e.id == id)
}

/// Every compiled-in example remembered as if fetched: tests and native tools, which have no
/// site to fetch from, call this before they open one.
pub fn preload() {
    for e in &EXAMPLES {
        if let Some(b) = example(e.id) {
            remember(
                e.id,
                Texts {
                    contract: b.contract.into(),
                    events: b.events.into(),
                },
            );
        }
    }
}
