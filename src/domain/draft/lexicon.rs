//! The words of these contracts, as typed tokens.

/// Reads a Chinese or arabic whole number at the start of `s`: the value and its byte length.
/// `十二` is 12, `二十` 20, `一百零五` 105, `两` 2, `12` 12.
pub fn chinese_int_prefix(s: &str) -> Option<(u64, usize)> {
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok().map(|n| (n, digits.len()));
    }
    let mut total = 0u64;
    let mut current = 0u64;
    let mut len = 0usize;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = d;
        } else if let Some(unit) = unit(c) {
            let n = if current == 0 && !any { 1 } else { current };
            if unit == 10_000 {
                total = (total + n) * unit;
            } else {
                total += n * unit;
            }
            current = 0;
        } else {
            break;
        }
        any = true;
        len += c.len_utf8();
    }
    any.then_some((total + current, len))
}

fn digit(c: char) -> Option<u64> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u64)
        .or(match c {
            '两' | '〇' => Some(if c == '两' { 2 } else { 0 }),
            _ => "零壹贰叁肆伍陆柒捌玖"
                .chars()
                .position(|d| d == c)
                .map(|p| p as u64),
        })
}

fn unit(c: char) -> Option<u64> {
    match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        '万' => Some(10_000),
        _ => None,
    }
}

/// Whether a folded text states a time limit (a number of minutes, hours, days, working days,
/// weeks, months or years).
pub fn has_span(folded: &str) -> bool {
    let units = [
        "分钟",
        "小时",
        "个工作日",
        "工作日",
        "日",
        "天",
        "周",
        "星期",
        "个月",
        "月",
        "年",
    ];
    let chars: Vec<char> = folded.chars().collect();
    (0..chars.len()).any(|i| {
        let is_num =
            chars[i].is_ascii_digit() || digit(chars[i]).is_some() || unit(chars[i]).is_some();
        is_num && {
            let rest: String = chars[i + 1..].iter().take(6).collect();
            let rest = rest.trim_start_matches([' ', ']', '\t']);
            units.iter().any(|u| rest.starts_with(u))
        }
    })
}

use crate::domain::contract::{Period, Side, Span, SpanUnit};
use crate::domain::money::{read_words, Amount, Rate};

/// A token of a sentence: what a stretch of its characters says.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An amount of money (`1,000元`, `125万元`, `¥5,000`, `壹佰叁拾伍万元整`).
    Amount(Amount),
    /// A rate (`3‰`, `千分之三`, `0.1%`, `百分之五`).
    Rate(Rate),
    /// A span of time (`30日`, `7个工作日`, `2小时`, `一年`).
    Span(Span),
    /// A count (`3次`, `2人`): the number and what it counts.
    Count(u32),
    /// A bare number (`2倍` reads as `Factor`).
    Factor(rust_decimal::Decimal),
    /// A day of the month (`每月28日前` gives 28).
    DayOfMonth(u32),
    /// A calendar date (`2022年7月20日`, `2022-07-20`).
    Date(chrono::NaiveDate),
    /// A word of the vocabulary.
    Word(Word),
}

/// The words the grammar reads, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Word {
    Party(Side),
    /// 逾期, 迟延, 延迟, 延期, 超期, 晚于, 未按时.
    Late,
    /// 每日, 每天 (and 每逾期一日 read as Per + Late + a one-day span).
    Per,
    /// 次, 每次, 每例, 每起.
    Time,
    /// 每人, 人次.
    Person,
    Base(BaseWord),
    /// 不超过, 最高, 上限, 最多, 为限.
    Cap,
    /// 累计, 总计, 合计.
    Cumulative,
    Terminate,
    /// 停止服务, 暂停服务, 终止服务, 不予通电, 停止供货 (the other side stops performing).
    StopService,
    Refund,
    /// 通报批评 (a formal reprimand).
    Reprimand,
    /// 违约金, 罚款, 扣除, 处罚, 罚金, 扣罚, 赔偿.
    Penalty,
    /// 支付, 付款, 付清, 付至.
    Pay,
    /// 书面同意, 同意.
    Consent,
    ForceMajeure,
    FaultOf(Side),
    /// 内, 以内, 之内.
    Within,
    /// 前, 之前, 以前.
    Before,
    /// 后, 之后, 以后, 起.
    After,
    Respond,
    Arrive,
    Resolve,
    Report,
    Inspect,
    Every(Period),
    Event(EventWord),
    /// 7×24 (round the clock).
    RoundTheClock,
    /// 工作时间, 工作日 (as a time of day).
    WorkingHours,
    /// 非工作时间, 节假日.
    OffHours,
    /// 至, 到, -, ~ (a range).
    To,
    /// 增加, 加收, 递增, 加倍.
    Increase,
    /// 倍.
    Times,
    /// 超过 (a threshold: 超过30日).
    Over,
    /// 达到.
    Reach,
    /// 质保金, 履约保证金.
    Retention,
    /// 发票.
    Invoice,
    /// A severity level (一级, II级, 特别重大, 紧急…): its id in the drafted contract.
    Level(&'static str),
    /// 提交, 提供, 出具, 报送, 召开, 开展, 组织, 完成 (a duty's verb).
    Submit,
    /// 服务期限, 合同期限, 维保期, 履行期限, 有效期 (the term).
    TermWord,
    /// 自动续期, 自动续展, 自动延续, 自动续签 (automatic renewal).
    Renew,
    /// 非自动, 不再续 (no renewal).
    NoRenew,
    /// 提前 (a notice before).
    Ahead,
    /// 超时, 未在…内 (a timer breached).
    Overrun,
    /// 缺少, 未按时提交, 未提交, 少于 (a duty missed).
    Missed,
}

/// What an amount or a rate is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseWord {
    /// 合同总额, 合同总价, 合同金额, 合同价款, 合同总金额, 项目总价…
    Total,
    /// 逾期金额, 迟延付款部分金额, 未付款, 应付未付…
    Overdue,
    /// 所涉货款, 该部分, 未交付部分…
    Part,
    /// 年维护费, 年度服务费, 年服务费…
    AnnualFee,
    /// 审计价, 审定价.
    Audited,
    /// 剩余.
    Remaining,
    /// 子系统年维护费, 该系统…: the fee of an item the text does not name.
    ItemFee,
    /// 处罚金额, 前次处罚金额: the penalty itself (a multiplier or a step of another amount).
    PriorPenalty,
    /// 当期服务金额: an item's fee for the current period (how long a period is, the text
    /// rarely says).
    PeriodFee,
}

/// The events a payment or a duty counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventWord {
    Signing,
    Effective,
    Acceptance,
    Delivery,
    GoLive,
    Invoice,
    TermEnd,
    WarrantyEnd,
    Notice,
    /// 价格评估, 审计 (the price audit).
    Audit,
}

/// A token and its characters in the sentence (a half-open range of character indices).
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

/// The vocabulary, longest match first within a starting character. One table: the grammar
/// tests read it phrase by phrase.
pub const WORDS: &[(&str, Word)] = &[
    ("甲方", Word::Party(Side::Buyer)),
    ("采购人", Word::Party(Side::Buyer)),
    ("采购方", Word::Party(Side::Buyer)),
    ("买方", Word::Party(Side::Buyer)),
    ("招标方", Word::Party(Side::Buyer)),
    ("招标人", Word::Party(Side::Buyer)),
    ("需方", Word::Party(Side::Buyer)),
    ("发包人", Word::Party(Side::Buyer)),
    ("委托方", Word::Party(Side::Buyer)),
    ("乙方", Word::Party(Side::Seller)),
    ("供应商", Word::Party(Side::Seller)),
    ("成交供应商", Word::Party(Side::Seller)),
    ("中标人", Word::Party(Side::Seller)),
    ("中标方", Word::Party(Side::Seller)),
    ("投标人", Word::Party(Side::Seller)),
    ("卖方", Word::Party(Side::Seller)),
    ("供方", Word::Party(Side::Seller)),
    ("承包人", Word::Party(Side::Seller)),
    ("服务商", Word::Party(Side::Seller)),
    ("受托方", Word::Party(Side::Seller)),
    ("逾期", Word::Late),
    ("迟延", Word::Late),
    ("延迟", Word::Late),
    ("延期", Word::Late),
    ("超期", Word::Late),
    ("拖延", Word::Late),
    ("晚于", Word::Late),
    ("未按时", Word::Late),
    ("未按期", Word::Late),
    ("不能按时", Word::Late),
    ("未能按时", Word::Late),
    ("不能按期", Word::Late),
    ("未能按期", Word::Late),
    ("不能如期", Word::Late),
    ("未能如期", Word::Late),
    ("未如期", Word::Late),
    ("每日", Word::Per),
    ("每天", Word::Per),
    ("按日", Word::Per),
    ("每", Word::Per),
    ("每次", Word::Time),
    ("每例", Word::Time),
    ("每起", Word::Time),
    ("人次", Word::Time),
    ("次", Word::Time),
    ("每人", Word::Person),
    ("/人", Word::Person),
    ("合同总金额", Word::Base(BaseWord::Total)),
    ("合同总额", Word::Base(BaseWord::Total)),
    ("合同总价款", Word::Base(BaseWord::Total)),
    ("合同总价", Word::Base(BaseWord::Total)),
    ("合同总价格", Word::Base(BaseWord::Total)),
    ("合同金额", Word::Base(BaseWord::Total)),
    ("合同价款", Word::Base(BaseWord::Total)),
    ("合同价格", Word::Base(BaseWord::Total)),
    ("合同价", Word::Base(BaseWord::Total)),
    ("合同款", Word::Base(BaseWord::Total)),
    ("合同总款", Word::Base(BaseWord::Total)),
    ("合同标的额", Word::Base(BaseWord::Total)),
    ("项目总价", Word::Base(BaseWord::Total)),
    ("项目总额", Word::Base(BaseWord::Total)),
    ("项目总金额", Word::Base(BaseWord::Total)),
    ("成交总价", Word::Base(BaseWord::Total)),
    ("中标总价", Word::Base(BaseWord::Total)),
    ("中标金额", Word::Base(BaseWord::Total)),
    ("总价款", Word::Base(BaseWord::Total)),
    ("总价", Word::Base(BaseWord::Total)),
    ("总金额", Word::Base(BaseWord::Total)),
    ("合同总费用", Word::Base(BaseWord::Total)),
    ("合同合计金额", Word::Base(BaseWord::Total)),
    ("合同总价金额", Word::Base(BaseWord::Total)),
    ("费用总额", Word::Base(BaseWord::Total)),
    ("逾期金额", Word::Base(BaseWord::Overdue)),
    ("逾期付款金额", Word::Base(BaseWord::Overdue)),
    ("逾期部分", Word::Base(BaseWord::Overdue)),
    ("迟延付款部分金额", Word::Base(BaseWord::Overdue)),
    ("迟延付款部分", Word::Base(BaseWord::Overdue)),
    ("延迟付款部分", Word::Base(BaseWord::Overdue)),
    ("逾期付款部分", Word::Base(BaseWord::Overdue)),
    ("延期付款金额", Word::Base(BaseWord::Overdue)),
    ("应付金额", Word::Base(BaseWord::Overdue)),
    ("应付款项", Word::Base(BaseWord::Overdue)),
    ("延期付款部分", Word::Base(BaseWord::Overdue)),
    ("迟延付款金额", Word::Base(BaseWord::Overdue)),
    ("延迟付款金额", Word::Base(BaseWord::Overdue)),
    ("逾期支付金额", Word::Base(BaseWord::Overdue)),
    ("逾期未付金额", Word::Base(BaseWord::Overdue)),
    ("应付未付", Word::Base(BaseWord::Overdue)),
    ("未付款", Word::Base(BaseWord::Overdue)),
    ("欠款", Word::Base(BaseWord::Overdue)),
    ("所涉货款", Word::Base(BaseWord::Part)),
    ("违约货款额", Word::Base(BaseWord::Part)),
    ("违约货款", Word::Base(BaseWord::Part)),
    ("违约部分货款", Word::Base(BaseWord::Part)),
    ("违约部分", Word::Base(BaseWord::Part)),
    ("所涉金额", Word::Base(BaseWord::Part)),
    ("未交付部分", Word::Base(BaseWord::Part)),
    ("逾期交付部分", Word::Base(BaseWord::Part)),
    ("迟交部分", Word::Base(BaseWord::Part)),
    ("延期交货所折合的金额", Word::Base(BaseWord::Part)),
    ("延期交货部分", Word::Base(BaseWord::Part)),
    ("逾期交货部分", Word::Base(BaseWord::Part)),
    ("迟延交货部分", Word::Base(BaseWord::Part)),
    ("该部分", Word::Base(BaseWord::Part)),
    ("年维护费", Word::Base(BaseWord::AnnualFee)),
    ("年度维护费", Word::Base(BaseWord::AnnualFee)),
    ("年度服务费", Word::Base(BaseWord::AnnualFee)),
    ("年服务费", Word::Base(BaseWord::AnnualFee)),
    ("年运维费", Word::Base(BaseWord::AnnualFee)),
    ("审计价", Word::Base(BaseWord::Audited)),
    ("审定价", Word::Base(BaseWord::Audited)),
    ("审计金额", Word::Base(BaseWord::Audited)),
    ("审价金额", Word::Base(BaseWord::Audited)),
    ("审计价格", Word::Base(BaseWord::Audited)),
    ("审定金额", Word::Base(BaseWord::Audited)),
    ("结算审计价", Word::Base(BaseWord::Audited)),
    ("价格评估", Word::Event(EventWord::Audit)),
    ("审计", Word::Event(EventWord::Audit)),
    ("审价", Word::Event(EventWord::Audit)),
    ("收到以下单据", Word::Event(EventWord::Invoice)),
    ("收到单据", Word::Event(EventWord::Invoice)),
    ("收到发票", Word::Event(EventWord::Invoice)),
    ("进场", Word::Event(EventWord::Delivery)),
    ("剩余", Word::Base(BaseWord::Remaining)),
    ("子系统年维护费", Word::Base(BaseWord::ItemFee)),
    ("子系统年度服务费", Word::Base(BaseWord::ItemFee)),
    ("子系统服务费", Word::Base(BaseWord::ItemFee)),
    ("该系统", Word::Base(BaseWord::ItemFee)),
    ("此系统", Word::Base(BaseWord::ItemFee)),
    ("该子系统", Word::Base(BaseWord::ItemFee)),
    ("所涉系统", Word::Base(BaseWord::ItemFee)),
    ("当期服务金额", Word::Base(BaseWord::PeriodFee)),
    ("按处罚金额", Word::Base(BaseWord::PriorPenalty)),
    ("处罚金额增加", Word::Base(BaseWord::PriorPenalty)),
    ("按罚款金额", Word::Base(BaseWord::PriorPenalty)),
    ("按违约金金额", Word::Base(BaseWord::PriorPenalty)),
    ("前次处罚", Word::Base(BaseWord::PriorPenalty)),
    ("原处罚", Word::Base(BaseWord::PriorPenalty)),
    ("不超过", Word::Cap),
    ("不得超过", Word::Cap),
    ("不高于", Word::Cap),
    ("最高", Word::Cap),
    ("最多", Word::Cap),
    ("上限", Word::Cap),
    ("为限", Word::Cap),
    ("封顶", Word::Cap),
    ("累计", Word::Cumulative),
    ("总计", Word::Cumulative),
    ("合计", Word::Cumulative),
    ("解除合同", Word::Terminate),
    ("解除本合同", Word::Terminate),
    ("终止合同", Word::Terminate),
    ("终止本合同", Word::Terminate),
    ("单方解除", Word::Terminate),
    ("解除", Word::Terminate),
    ("停止服务", Word::StopService),
    ("暂停服务", Word::StopService),
    ("终止服务", Word::StopService),
    ("中止服务", Word::StopService),
    ("停止供货", Word::StopService),
    ("暂停供货", Word::StopService),
    ("中止供货", Word::StopService),
    ("不予通电", Word::StopService),
    ("停止供电", Word::StopService),
    ("暂停履行", Word::StopService),
    ("中止履行", Word::StopService),
    ("通报批评", Word::Reprimand),
    ("退还", Word::Refund),
    ("退回", Word::Refund),
    ("返还", Word::Refund),
    ("违约金", Word::Penalty),
    ("罚款", Word::Penalty),
    ("罚金", Word::Penalty),
    ("扣罚", Word::Penalty),
    ("扣除", Word::Penalty),
    ("扣减", Word::Penalty),
    ("扣款", Word::Penalty),
    ("扣", Word::Penalty),
    ("处罚", Word::Penalty),
    ("赔偿", Word::Penalty),
    ("滞纳金", Word::Penalty),
    ("支付", Word::Pay),
    ("付款", Word::Pay),
    ("付清", Word::Pay),
    ("付至", Word::Pay),
    ("拨付", Word::Pay),
    ("结算", Word::Pay),
    ("书面同意", Word::Consent),
    ("同意", Word::Consent),
    ("不可抗力", Word::ForceMajeure),
    ("甲方原因", Word::FaultOf(Side::Buyer)),
    ("采购人原因", Word::FaultOf(Side::Buyer)),
    ("乙方原因", Word::FaultOf(Side::Seller)),
    ("以内", Word::Within),
    ("之内", Word::Within),
    ("内", Word::Within),
    ("之前", Word::Before),
    ("以前", Word::Before),
    ("前", Word::Before),
    ("之后", Word::After),
    ("以后", Word::After),
    ("后", Word::After),
    ("响应", Word::Respond),
    ("应答", Word::Respond),
    ("回复", Word::Respond),
    ("答复", Word::Respond),
    ("到达现场", Word::Arrive),
    ("到达用户现场", Word::Arrive),
    ("赶到现场", Word::Arrive),
    ("抵达现场", Word::Arrive),
    ("到场", Word::Arrive),
    ("上门", Word::Arrive),
    ("现场", Word::Arrive),
    ("解决", Word::Resolve),
    ("排除", Word::Resolve),
    ("修复", Word::Resolve),
    ("恢复", Word::Resolve),
    ("处置", Word::Resolve),
    ("报告", Word::Report),
    ("巡检", Word::Inspect),
    ("检查", Word::Inspect),
    ("巡查", Word::Inspect),
    ("巡视", Word::Inspect),
    ("每月", Word::Every(Period::Month)),
    ("每个月", Word::Every(Period::Month)),
    ("按月", Word::Every(Period::Month)),
    ("每季度", Word::Every(Period::Quarter)),
    ("每季", Word::Every(Period::Quarter)),
    ("每个季度", Word::Every(Period::Quarter)),
    ("按季度", Word::Every(Period::Quarter)),
    ("每年", Word::Every(Period::ContractYear)),
    ("每年年底", Word::Every(Period::CalendarYear)),
    ("每年年末", Word::Every(Period::CalendarYear)),
    ("每年末", Word::Every(Period::CalendarYear)),
    ("每年度", Word::Every(Period::ContractYear)),
    ("每周", Word::Every(Period::Week)),
    ("每星期", Word::Every(Period::Week)),
    ("签订", Word::Event(EventWord::Signing)),
    ("签订之日", Word::Event(EventWord::Signing)),
    ("签署", Word::Event(EventWord::Signing)),
    ("签字", Word::Event(EventWord::Signing)),
    ("签约", Word::Event(EventWord::Signing)),
    ("生效", Word::Event(EventWord::Effective)),
    ("验收合格", Word::Event(EventWord::Acceptance)),
    ("验收通过", Word::Event(EventWord::Acceptance)),
    ("终验", Word::Event(EventWord::Acceptance)),
    ("验收", Word::Event(EventWord::Acceptance)),
    ("到货", Word::Event(EventWord::Delivery)),
    ("交货", Word::Event(EventWord::Delivery)),
    ("交付", Word::Event(EventWord::Delivery)),
    ("上线", Word::Event(EventWord::GoLive)),
    ("开具发票", Word::Event(EventWord::Invoice)),
    ("服务期满", Word::Event(EventWord::TermEnd)),
    ("服务期届满", Word::Event(EventWord::TermEnd)),
    ("合同期满", Word::Event(EventWord::TermEnd)),
    ("期限届满", Word::Event(EventWord::TermEnd)),
    ("合同终止", Word::Event(EventWord::TermEnd)),
    ("合同解除或终止", Word::Event(EventWord::TermEnd)),
    ("合同终止或解除", Word::Event(EventWord::TermEnd)),
    ("质保期满", Word::Event(EventWord::WarrantyEnd)),
    ("质保期届满", Word::Event(EventWord::WarrantyEnd)),
    ("维保期满", Word::Event(EventWord::WarrantyEnd)),
    ("维保期届满", Word::Event(EventWord::WarrantyEnd)),
    ("维保期结束", Word::Event(EventWord::WarrantyEnd)),
    ("质保期结束", Word::Event(EventWord::WarrantyEnd)),
    ("保修期满", Word::Event(EventWord::WarrantyEnd)),
    ("保修期届满", Word::Event(EventWord::WarrantyEnd)),
    ("通知", Word::Event(EventWord::Notice)),
    ("7×24", Word::RoundTheClock),
    ("7*24", Word::RoundTheClock),
    ("7x24", Word::RoundTheClock),
    ("7X24", Word::RoundTheClock),
    ("工作时间", Word::WorkingHours),
    ("非工作时间", Word::OffHours),
    ("节假日", Word::OffHours),
    ("至", Word::To),
    ("到", Word::To),
    ("~", Word::To),
    ("～", Word::To),
    ("-", Word::To),
    ("—", Word::To),
    ("增加", Word::Increase),
    ("加收", Word::Increase),
    ("递增", Word::Increase),
    ("加倍", Word::Increase),
    ("倍", Word::Times),
    ("超过", Word::Over),
    ("达到", Word::Reach),
    ("质保金", Word::Retention),
    ("质量保证金", Word::Retention),
    ("履约保证金", Word::Retention),
    ("发票", Word::Invoice),
    ("之日起", Word::After),
    ("起", Word::After),
    ("一级", Word::Level("L1")),
    ("二级", Word::Level("L2")),
    ("三级", Word::Level("L3")),
    ("四级", Word::Level("L4")),
    ("五级", Word::Level("L5")),
    ("I级", Word::Level("I")),
    ("Ⅰ级", Word::Level("I")),
    ("II级", Word::Level("II")),
    ("Ⅱ级", Word::Level("II")),
    ("III级", Word::Level("III")),
    ("Ⅲ级", Word::Level("III")),
    ("IV级", Word::Level("IV")),
    ("Ⅳ级", Word::Level("IV")),
    ("特别重大", Word::Level("especially_major")),
    ("重大故障", Word::Level("major")),
    ("重大安全事件", Word::Level("major")),
    ("重大事件", Word::Level("major")),
    ("较重大", Word::Level("relatively_major")),
    ("较大故障", Word::Level("relatively_major")),
    ("一般故障", Word::Level("general")),
    ("一般安全事件", Word::Level("general")),
    ("一般问题", Word::Level("general")),
    ("紧急故障", Word::Level("urgent")),
    ("紧急问题", Word::Level("urgent")),
    ("严重故障", Word::Level("severe")),
    ("严重问题", Word::Level("severe")),
    ("提交", Word::Submit),
    ("提供", Word::Submit),
    ("出具", Word::Submit),
    ("报送", Word::Submit),
    ("上报", Word::Submit),
    ("召开", Word::Submit),
    ("开展", Word::Submit),
    ("组织", Word::Submit),
    ("完成", Word::Submit),
    ("进行", Word::Submit),
    ("服务期限", Word::TermWord),
    ("服务期为", Word::TermWord),
    ("合同期限", Word::TermWord),
    ("合同有效期", Word::TermWord),
    ("履行期限", Word::TermWord),
    ("维保期限", Word::TermWord),
    ("维护期限", Word::TermWord),
    ("运维期限", Word::TermWord),
    ("服务周期", Word::TermWord),
    ("合同期为", Word::TermWord),
    ("自动续期", Word::Renew),
    ("自动续展", Word::Renew),
    ("自动延续", Word::Renew),
    ("自动续签", Word::Renew),
    ("自动续约", Word::Renew),
    ("自动顺延", Word::Renew),
    ("非自动", Word::NoRenew),
    ("不自动续", Word::NoRenew),
    ("提前", Word::Ahead),
    ("超时", Word::Overrun),
    ("超出规定时间", Word::Overrun),
    ("未在规定时间", Word::Overrun),
    ("未按规定时间", Word::Overrun),
    ("缺少", Word::Missed),
    ("少一次", Word::Missed),
    ("少提交", Word::Missed),
    ("漏交", Word::Missed),
    ("未提交", Word::Missed),
    ("未按时提交", Word::Missed),
    ("未按期提交", Word::Missed),
    ("未按要求提交", Word::Missed),
    ("漏检", Word::Missed),
    ("及时相应", Word::Respond),
    ("及时处理", Word::Resolve),
    ("处理", Word::Resolve),
    ("回访", Word::Inspect),
    ("提醒", Word::Report),
    ("告知", Word::Report),
    ("告之", Word::Report),
];

/// The tokens of a folded sentence, left to right; characters no rule reads are skipped.
pub fn tokens(folded: &str) -> Vec<Token> {
    let chars: Vec<char> = folded.chars().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match scan(&chars, i, out.last()) {
            Some((tok, end)) => {
                out.push(Token { tok, start: i, end });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

fn scan(c: &[char], i: usize, prev: Option<&Token>) -> Option<(Tok, usize)> {
    date(c, i)
        .or_else(|| words_amount(c, i))
        .or_else(|| rate(c, i))
        .or_else(|| quantity(c, i, prev))
        .or_else(|| word(c, i).map(|(w, e)| (Tok::Word(w), e)))
}

fn word(c: &[char], i: usize) -> Option<(Word, usize)> {
    let first = *c.get(i)?;
    // The longest word of the table at `i`: the candidates are those with this first
    // character, longest first (the table is read once into this index).
    by_first()
        .get(&first)?
        .iter()
        .find(|(text, _)| c.len() - i >= text.len() && c[i..i + text.len()] == text[..])
        .map(|(text, w)| (*w, i + text.len()))
}

type Index = std::collections::HashMap<char, Vec<(Vec<char>, Word)>>;

/// [`WORDS`] by first character, each list longest first (the first of equal length kept
/// first, as the table's order says).
fn by_first() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index::new();
        for (text, w) in WORDS {
            let chars: Vec<char> = text.chars().collect();
            if let Some(&first) = chars.first() {
                index.entry(first).or_default().push((chars, *w));
            }
        }
        for list in index.values_mut() {
            list.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        }
        index
    })
}

/// An arabic number at `i` (digits, thousands commas, one decimal point): its text and end.
fn arabic(c: &[char], i: usize) -> Option<(String, usize)> {
    if !c.get(i)?.is_ascii_digit() {
        return None;
    }
    let mut j = i;
    let mut text = String::new();
    while let Some(&ch) = c.get(j) {
        let digit_after = c.get(j + 1).is_some_and(|d| d.is_ascii_digit());
        if ch.is_ascii_digit() || (ch == '.' && digit_after && !text.contains('.')) {
            text.push(ch);
        } else if ch != ',' || !digit_after {
            break;
        }
        j += 1;
    }
    Some((text, j))
}

/// A Chinese numeral at `i` (`三十`, `一百二十`, `两`, with `点` as a decimal point).
fn chinese(c: &[char], i: usize) -> Option<(rust_decimal::Decimal, usize)> {
    let s: String = c[i..c.len().min(i + 12)].iter().collect();
    let (n, len) = chinese_int_prefix(&s)?;
    if s.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    Some((rust_decimal::Decimal::from(n), i + s[..len].chars().count()))
}

/// A number at `i`, arabic or Chinese.
fn number(c: &[char], i: usize) -> Option<(rust_decimal::Decimal, usize)> {
    match arabic(c, i) {
        Some((t, e)) => t.parse().ok().map(|d| (d, e)),
        None => chinese(c, i),
    }
}

fn starts(c: &[char], i: usize, w: &str) -> bool {
    let n = w.chars().count();
    i + n <= c.len() && w.chars().zip(&c[i..i + n]).all(|(a, &b)| a == b)
}

fn date(c: &[char], i: usize) -> Option<(Tok, usize)> {
    let (y, e) = arabic(c, i)?;
    if y.len() != 4 || !matches!(c.get(e), Some('年') | Some('-') | Some('/') | Some('.')) {
        return None;
    }
    let (m, e2) = arabic(c, e + 1)?;
    if !matches!(c.get(e2), Some('月') | Some('-') | Some('/') | Some('.')) {
        return None;
    }
    let (d, mut e3) = arabic(c, e2 + 1)?;
    if matches!(c.get(e3), Some('日') | Some('号')) {
        e3 += 1;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some((Tok::Date(date), e3))
}

const UPPER: &str = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整";

/// An amount in words (`壹佰叁拾伍万元整`), optionally after 人民币 or 大写.
fn words_amount(c: &[char], i: usize) -> Option<(Tok, usize)> {
    let mut start = if starts(c, i, "人民币") { i + 3 } else { i };
    while start > i && c.get(start) == Some(&' ') {
        start += 1;
    }
    let mut j = start;
    while c
        .get(j)
        .is_some_and(|ch| UPPER.contains(*ch) || "千百".contains(*ch))
    {
        j += 1;
    }
    let text: String = c[start..j].iter().collect();
    let upper = text
        .chars()
        .filter(|ch| "壹贰叁肆伍陆柒捌玖拾佰仟".contains(*ch))
        .count();
    if upper < 2 || !(text.contains('元') || text.contains('圆')) {
        return None;
    }
    let amount = read_words(&text).ok()?.amount;
    Some((Tok::Amount(amount), j))
}

fn rate(c: &[char], i: usize) -> Option<(Tok, usize)> {
    for per in ["百分之", "千分之", "万分之"] {
        if starts(c, i, per) {
            let mut j = i + 3;
            while c.get(j).is_some_and(|ch| {
                ch.is_ascii_digit() || *ch == '.' || "零一二三四五六七八九十百两点".contains(*ch)
            }) {
                j += 1;
            }
            let text: String = c[i..j].iter().collect();
            return Rate::parse(&text).ok().map(|r| (Tok::Rate(r), j));
        }
    }
    let (t, e) = arabic(c, i)?;
    let sign = *c.get(e)?;
    if !matches!(sign, '%' | '‰' | '‱') {
        return None;
    }
    Rate::parse(&format!("{t}{sign}"))
        .ok()
        .map(|r| (Tok::Rate(r), e + 1))
}

/// A number with what follows it: money, a span, a count, a factor, a day of the month.
fn quantity(c: &[char], i: usize, prev: Option<&Token>) -> Option<(Tok, usize)> {
    let yen = matches!(c.get(i), Some('¥') | Some('￥'));
    let rmb = starts(c, i, "人民币");
    let at = if yen {
        i + 1
    } else if rmb {
        i + 3
    } else {
        i
    };
    if i > 0 && matches!(c[i - 1], '×' | '*' | 'x' | 'X') {
        return None;
    }
    let (n, e) = number(c, at)?;
    let e = skip_fill(c, e);
    if let Some(t) = money(c, n, e, yen || rmb) {
        return Some(t);
    }
    let after_month = prev.is_some_and(|p| {
        p.tok == Tok::Word(Word::Every(Period::Month))
            && p.end <= i
            && c[p.end..i].iter().all(|ch| *ch == ' ')
    });
    if after_month && matches!(c.get(e), Some('日') | Some('号')) {
        return whole(n).map(|d| (Tok::DayOfMonth(d), e + 1));
    }
    if let Some((span, end)) = span_unit(c, e) {
        let n = whole(n)?;
        return Some((Tok::Span(Span { n, unit: span }), end));
    }
    match c.get(e) {
        Some('次') | Some('人') | Some('项') | Some('个')
            if !starts(c, e, "个月") && !starts(c, e, "个工作日") =>
        {
            whole(n).map(|k| (Tok::Count(k), e + 1))
        }
        Some('倍') => Some((Tok::Factor(n), e + 1)),
        _ => None,
    }
}

/// Skips what forms put between a number and its unit: spaces and the brackets of a blank
/// filled in (`[980000]元`, `30 日`).
fn skip_fill(c: &[char], mut e: usize) -> usize {
    while c
        .get(e)
        .is_some_and(|ch| *ch == ' ' || *ch == ']' || *ch == '\t')
    {
        e += 1;
    }
    e
}

fn whole(n: rust_decimal::Decimal) -> Option<u32> {
    use rust_decimal::prelude::ToPrimitive;
    if n.fract().is_zero() {
        n.to_u32()
    } else {
        None
    }
}

fn money(c: &[char], n: rust_decimal::Decimal, e: usize, marked: bool) -> Option<(Tok, usize)> {
    let (factor, end) = if starts(c, e, "万元") {
        (10_000, e + 2)
    } else if starts(c, e, "元") || starts(c, e, "圆") {
        (1, e + 1)
    } else if marked && starts(c, e, "万") && !starts(c, e, "万分之") {
        (10_000, e + 1)
    } else if marked {
        (1, e)
    } else {
        return None;
    };
    let yuan = n.checked_mul(rust_decimal::Decimal::from(factor))?;
    Some((Tok::Amount(Amount::new(yuan)), end))
}

/// A unit of time at `e`: the unit and the end of its characters.
fn span_unit(c: &[char], e: usize) -> Option<(SpanUnit, usize)> {
    const UNITS: &[(&str, SpanUnit)] = &[
        ("个工作日", SpanUnit::WorkingDays),
        ("工作日", SpanUnit::WorkingDays),
        ("个小时", SpanUnit::Hours),
        ("小时", SpanUnit::Hours),
        ("分钟", SpanUnit::Minutes),
        ("个自然日", SpanUnit::Days),
        ("自然日", SpanUnit::Days),
        ("日历天", SpanUnit::Days),
        ("日", SpanUnit::Days),
        ("天", SpanUnit::Days),
        ("个星期", SpanUnit::Weeks),
        ("星期", SpanUnit::Weeks),
        ("周", SpanUnit::Weeks),
        ("个月", SpanUnit::Months),
        ("月", SpanUnit::Months),
        ("年", SpanUnit::Years),
    ];
    UNITS
        .iter()
        .find(|(w, _)| starts(c, e, w))
        .map(|(w, u)| (*u, e + w.chars().count()))
}
