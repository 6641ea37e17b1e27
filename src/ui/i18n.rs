//! The page's own words (labels, headings, hints) in both languages.
//!
//! Figures and explanations come from the domain's `Localize`; this table only holds the
//! interface text, so one glance shows every string a translator has to check.

use crate::domain::Lang;

/// A piece of interface text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T {
    AppTitle,
    AppTagline,
    SwitchLanguage,
    SwitchLanguageLabel,
    PrivacyNote,
    DeadlineTitle,
    DeadlineHint,
    StartDate,
    StartTime,
    Count,
    Unit,
    UnitDays,
    UnitWorkdays,
    UnitMonths,
    UnitYears,
    UnitHours,
    HolidayExtension,
    ClockLabel,
    Clock7x24,
    Clock5x8,
    ClockWorkingHours,
    LastDay,
    EndInstant,
    WorkdayTitle,
    WorkdayHint,
    Date,
    BetweenFrom,
    BetweenTo,
    WorkingDaysBetween,
    WordsTitle,
    WordsHint,
    Amount,
    WrittenText,
    WrittenTextPlaceholder,
    WordsMatch,
    WordsMismatch,
    WordsReadAs,
    VatTitle,
    VatHint,
    GrossAmount,
    TaxRate,
    Net,
    Tax,
    Footer,
}

/// The text of `t` in `lang`.
pub fn tr(lang: Lang, t: T) -> &'static str {
    use T::*;
    let (zh, en) = match t {
        AppTitle => ("履约", "lvyue"),
        AppTagline => (
            "合同期限、金额与税额计算工具",
            "Contract periods, amounts and tax, computed exactly",
        ),
        SwitchLanguage => ("English", "中文"),
        SwitchLanguageLabel => ("切换到英文", "Switch to Chinese"),
        PrivacyNote => (
            "所有计算都在本机浏览器中完成，不上传任何数据。",
            "Everything is computed in this browser; nothing leaves your machine.",
        ),
        DeadlineTitle => ("期限计算", "Deadline"),
        DeadlineHint => (
            "按《民法典》第二百零一至二百零三条：开始当日不计入，最后一日遇法定休假日顺延。",
            "Civil Code Art. 201–203: the start day is not counted; a last day on a day off moves to the next working day.",
        ),
        StartDate => ("起算日", "Start date"),
        StartTime => ("起算时刻", "Start time"),
        Count => ("期间长度", "Length"),
        Unit => ("单位", "Unit"),
        UnitDays => ("日", "days"),
        UnitWorkdays => ("工作日", "working days"),
        UnitMonths => ("个月", "months"),
        UnitYears => ("年", "years"),
        UnitHours => ("小时", "hours"),
        HolidayExtension => (
            "最后一日遇法定休假日顺延（第二百零三条）",
            "Move a last day that falls on a day off (Art. 203)",
        ),
        ClockLabel => ("计时方式", "Clock"),
        Clock7x24 => ("7×24 小时", "7×24"),
        Clock5x8 => ("5×8（工作日 09:00–17:00）", "5×8 (working days 09:00–17:00)"),
        ClockWorkingHours => (
            "工作时间（工作日 08:00–12:00、13:30–17:30）",
            "Working hours (working days 08:00–12:00, 13:30–17:30)",
        ),
        LastDay => ("期限最后一日", "Last day of the period"),
        EndInstant => ("期限届满时刻", "The period ends at"),
        WorkdayTitle => ("工作日查询", "Working days"),
        WorkdayHint => (
            "依国务院办公厅历年节假日安排，含调休上班日。",
            "By the State Council's yearly holiday schedules, make-up working days included.",
        ),
        Date => ("日期", "Date"),
        BetweenFrom => ("自（不含）", "From (not counted)"),
        BetweenTo => ("至（含）", "To (counted)"),
        WorkingDaysBetween => ("期间内工作日", "Working days in between"),
        WordsTitle => ("大写金额", "Amount in words"),
        WordsHint => (
            "依《正确填写票据和结算凭证的基本规定》书写，并可核对合同中的大写金额。",
            "Written by the PBOC rules for bills and vouchers; check a contract's written amount against its figure.",
        ),
        Amount => ("金额（元）", "Amount (yuan)"),
        WrittenText => ("合同中的大写（可选）", "Written amount from the contract (optional)"),
        WrittenTextPlaceholder => ("例如：肆拾万伍仟元整", "e.g. 肆拾万伍仟元整"),
        WordsMatch => ("✓ 与数字金额一致", "✓ agrees with the figure"),
        WordsMismatch => ("✗ 与数字金额不一致", "✗ does not agree with the figure"),
        WordsReadAs => ("读作", "reads as"),
        VatTitle => ("增值税价税分离", "VAT split"),
        VatHint => (
            "含税价 ÷（1 + 税率）= 不含税价，四舍五入到分；税额为两者之差。",
            "Net = gross ÷ (1 + rate), rounded half-up to the fen; tax is the difference.",
        ),
        GrossAmount => ("含税金额（元）", "Tax-inclusive amount (yuan)"),
        TaxRate => ("税率", "Tax rate"),
        Net => ("不含税金额", "Net of tax"),
        Tax => ("税额", "Tax"),
        Footer => (
            "履约 lvyue · 计算结果仅供参考，不构成法律意见。",
            "lvyue · Figures for reference; not legal advice.",
        ),
    };
    lang.pick(zh, en)
}
