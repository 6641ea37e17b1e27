//! Word's automatic list numbers, reconstructed.
//!
//! Why: in a `.docx`, "7.2" before a clause is usually not text but a list level
//! (`w:numPr` on the paragraph or on its style, defined in `word/numbering.xml`), and a reader
//! that keeps only `w:t` loses every clause number — the drafter then cannot say which clause a
//! penalty is. So the numbers are counted as Word counts them: one counter per level of each
//! list instance (`w:num`), a level's counter restarting when a higher level advances, and the
//! level's `w:lvlText` (`%1.%2`, `第%1条`) filled in with each level's format (decimal,
//! Chinese counting 一二三, 甲乙丙, circled ①, letters, roman). A format not known is written
//! in decimal; bullets are left out.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::xml::{attr, name, val_num};

/// One level of an abstract list.
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:suff`: `tab` (the default), `space` or `nothing`.
    suffix: String,
    /// `w:isLgl`: every level shown in decimal.
    legal: bool,
    /// The paragraph style this level belongs to.
    style: Option<String>,
}

/// A list instance: its abstract list and the levels that start elsewhere.
#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    starts: HashMap<u8, u32>,
}

/// A paragraph style's list and level, and the style it is based on.
#[derive(Clone, Debug, Default)]
struct Style {
    num: Option<String>,
    level: Option<u8>,
    based_on: Option<String>,
}

/// The lists of a document and the counters so far.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    counters: HashMap<String, [Option<u32>; 9]>,
}

/// The list reference of one paragraph: its own `w:numPr`, its style, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParaNum {
    pub num: Option<String>,
    pub level: Option<u8>,
    pub style: Option<String>,
}

impl Numbering {
    /// The lists of `numbering.xml` and the list references of `styles.xml` (either may be
    /// absent; a part that is not well-formed gives what was read before the fault).
    pub fn new(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(x) = numbering {
            n.read_numbering(x);
        }
        if let Some(x) = styles {
            n.read_styles(x);
        }
        n
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut abs: Option<String> = None;
        let mut lvl: Option<(u8, Level)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut over: Option<u8> = None;
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match name(&e) {
                    b"abstractNum" => abs = attr(&e, b"abstractNumId"),
                    b"lvl" if num.is_none() => {
                        lvl = level_of(&e).map(|i| {
                            (
                                i,
                                Level {
                                    start: 1,
                                    ..Level::default()
                                },
                            )
                        })
                    }
                    b"start" => {
                        if let (Some((_, l)), Some(v)) = (lvl.as_mut(), val_num(&e)) {
                            l.start = v;
                        }
                    }
                    b"numFmt" => set(&mut lvl, |l| {
                        l.format = attr(&e, b"val").unwrap_or_default()
                    }),
                    b"lvlText" => set(&mut lvl, |l| l.text = attr(&e, b"val").unwrap_or_default()),
                    b"suff" => set(&mut lvl, |l| {
                        l.suffix = attr(&e, b"val").unwrap_or_default()
                    }),
                    b"isLgl" => set(&mut lvl, |l| {
                        l.legal = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false")
                    }),
                    b"pStyle" => set(&mut lvl, |l| l.style = attr(&e, b"val")),
                    b"num" => num = attr(&e, b"numId").map(|id| (id, Num::default())),
                    b"abstractNumId" => {
                        if let (Some((_, n)), Some(v)) = (num.as_mut(), attr(&e, b"val")) {
                            n.abstract_id = v;
                        }
                    }
                    b"lvlOverride" => over = level_of(&e),
                    b"startOverride" => {
                        if let (Some((_, n)), Some(i), Some(v)) = (num.as_mut(), over, val_num(&e))
                        {
                            n.starts.insert(i, v);
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match strip(e.name().into_inner()) {
                    b"lvl" => {
                        if let (Some(a), Some((i, l))) = (abs.as_ref(), lvl.take()) {
                            self.abstracts.entry(a.clone()).or_default().insert(i, l);
                        }
                    }
                    b"num" => {
                        if let Some((id, n)) = num.take() {
                            self.nums.insert(id, n);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut cur: Option<(String, Style)> = None;
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let Some((_, s)) = cur.as_mut() else {
                        if name(&e) == b"style" {
                            cur = attr(&e, b"styleId").map(|id| (id, Style::default()));
                        }
                        continue;
                    };
                    match name(&e) {
                        b"basedOn" => s.based_on = attr(&e, b"val"),
                        b"numId" => s.num = attr(&e, b"val"),
                        b"ilvl" => s.level = val_num(&e).and_then(|v| u8::try_from(v).ok()),
                        _ => {}
                    }
                }
                Event::End(e) if strip(e.name().into_inner()) == b"style" => {
                    if let Some((id, s)) = cur.take() {
                        self.styles.insert(id, s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }

    /// The list and level of a paragraph: its own `w:numPr` first, then its style's (up the
    /// `basedOn` chain, at most 16 steps: a cycle ends there).
    fn resolve(&self, p: &ParaNum) -> Option<(String, u8)> {
        let mut num = p.num.clone();
        let mut level = p.level;
        let mut style = p.style.clone();
        for _ in 0..16 {
            if num.is_some() && level.is_some() {
                break;
            }
            let Some(s) = style.as_ref().and_then(|id| self.styles.get(id)) else {
                break;
            };
            if num.is_none() {
                num = s.num.clone();
            }
            if level.is_none() {
                level = s.level;
            }
            style = s.based_on.clone();
        }
        let num = num.filter(|n| n != "0")?;
        let level = level.or_else(|| self.level_of_style(&num, p.style.as_deref()));
        Some((num, level.unwrap_or(0).min(8)))
    }

    /// The level of list `num` whose `w:pStyle` is `style`.
    fn level_of_style(&self, num: &str, style: Option<&str>) -> Option<u8> {
        let levels = self.abstracts.get(&self.nums.get(num)?.abstract_id)?;
        let style = style?;
        levels
            .iter()
            .find(|(_, l)| l.style.as_deref() == Some(style))
            .map(|(i, _)| *i)
    }

    /// The number text of the next paragraph with this list reference (`7.2 `, `第三条 `),
    /// advancing the counters; None for a paragraph outside any list or a bullet. A level shows
    /// the higher levels in their own formats (`一.1`) unless it is legal numbering (`w:isLgl`,
    /// every level in decimal: `1.1`), as Word does.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::document::numbering::{Numbering, ParaNum};
    /// let xml = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
    ///   <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
    ///   <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
    /// </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    /// let mut n = Numbering::new(Some(xml), None);
    /// let at = |l| ParaNum { num: Some("1".into()), level: Some(l), style: None };
    /// assert_eq!(n.next(&at(0)).as_deref(), Some("第一条 "));
    /// assert_eq!(n.next(&at(1)).as_deref(), Some("1.1 "));
    /// assert_eq!(n.next(&at(1)).as_deref(), Some("1.2 "));
    /// assert_eq!(n.next(&at(0)).as_deref(), Some("第二条 "));
    /// assert_eq!(n.next(&at(1)).as_deref(), Some("2.1 "));
    /// ```
    pub fn next(&mut self, p: &ParaNum) -> Option<String> {
        let (num, level) = self.resolve(p)?;
        let inst = self.nums.get(&num)?;
        let levels = self.abstracts.get(&inst.abstract_id)?;
        let start = |i: u8| {
            inst.starts
                .get(&i)
                .copied()
                .unwrap_or_else(|| levels.get(&i).map_or(1, |l| l.start))
        };
        let counters = self.counters.entry(num.clone()).or_insert([None; 9]);
        let li = usize::from(level);
        counters[li] = Some(match counters[li] {
            Some(c) => c.saturating_add(1),
            None => start(level),
        });
        for (i, c) in counters.iter_mut().enumerate() {
            if i > li {
                *c = None;
            } else if c.is_none() {
                *c = Some(start(i as u8));
            }
        }
        let this = levels.get(&level)?;
        if this.format == "bullet" || this.text.is_empty() {
            return None;
        }
        let mut out = fill(&this.text, counters, levels, this.legal);
        match this.suffix.as_str() {
            "nothing" => {}
            _ => out.push(' '),
        }
        Some(out)
    }
}

/// `w:ilvl` of an element, as a level 0–8.
fn level_of(e: &quick_xml::events::BytesStart<'_>) -> Option<u8> {
    attr(e, b"ilvl")
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|i| *i < 9)
}

fn set(lvl: &mut Option<(u8, Level)>, f: impl FnOnce(&mut Level)) {
    if let Some((_, l)) = lvl.as_mut() {
        f(l);
    }
}

/// A closing tag's local name.
fn strip(full: &[u8]) -> &[u8] {
    match full.iter().position(|&b| b == b':') {
        Some(i) => &full[i + 1..],
        None => full,
    }
}

/// `%1.%2` with each `%N` replaced by level N's counter in its format.
fn fill(
    text: &str,
    counters: &[Option<u32>; 9],
    levels: &HashMap<u8, Level>,
    legal: bool,
) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit = chars
            .peek()
            .and_then(|d| d.to_digit(10))
            .filter(|d| (1..=9).contains(d));
        match (c, digit) {
            ('%', Some(d)) => {
                chars.next();
                let i = (d - 1) as u8;
                let n = counters[usize::from(i)].unwrap_or(1);
                let format = if legal {
                    "decimal"
                } else {
                    levels.get(&i).map_or("decimal", |l| l.format.as_str())
                };
                out.push_str(&format_number(n, format));
            }
            _ => out.push(c),
        }
    }
    out
}

/// A counter in a `w:numFmt`.
///
/// # Example
/// ```
/// use lvyue::domain::document::numbering::format_number;
/// assert_eq!(format_number(12, "chineseCounting"), "十二");
/// assert_eq!(format_number(3, "ideographTraditional"), "丙");
/// assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
/// assert_eq!(format_number(28, "lowerLetter"), "bb");
/// assert_eq!(format_number(14, "upperRoman"), "XIV");
/// ```
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "ideographDigital"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n),
        "chineseLegalSimplified" => chinese(n)
            .chars()
            .map(|c| match "一二三四五六七八九十百千".find(c) {
                Some(i) => "壹贰叁肆伍陆柒捌玖拾佰仟"[i..].chars().next().unwrap_or(c),
                None => c,
            })
            .collect(),
        "ideographTraditional" => nth("甲乙丙丁戊己庚辛壬癸", n),
        "ideographZodiac" => nth("子丑寅卯辰巳午未申酉戌亥", n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "decimalZero" if n < 10 => format!("0{n}"),
        "lowerLetter" => letters(n, b'a'),
        "upperLetter" => letters(n, b'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The `n`th (from 1) of a cycle of characters; beyond it, the decimal.
fn nth(cycle: &str, n: u32) -> String {
    let i = n.checked_sub(1).map(|i| i as usize);
    match i.and_then(|i| cycle.chars().nth(i)) {
        Some(c) => c.to_string(),
        None => n.to_string(),
    }
}

/// Chinese counting: 一, 十, 十一, 二十一, 一百零五, 一千二百; 10,000 and more in decimal.
fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n >= 10_000 {
        return n.to_string();
    }
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let units = ["千", "百", "十", ""];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十二, not 一十二, when ten is the highest unit.
        if !(i == 2 && d == 1 && out.is_empty()) {
            out.push_str(D[d as usize]);
        }
        out.push_str(units[i]);
    }
    out
}

/// a…z, aa…zz, aaa… (Word's letter lists repeat the letter).
fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let c = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(100) as usize).collect()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}
