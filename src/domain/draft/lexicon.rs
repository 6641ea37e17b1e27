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
            _ => None,
        })
}

fn unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
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
            let rest: String = chars[i + 1..].iter().take(4).collect();
            units.iter().any(|u| rest.starts_with(u))
        }
    })
}
