//! The command line, read into [`Args`] once; every mistake becomes a [`UsageError`] that names
//! the offending word, in the user's language.

use serde::Serialize;

use crate::domain::{Lang, Localize};

/// The parsed command line.
#[derive(Debug, Default)]
pub struct Args {
    pub command: Option<String>,
    pub positionals: Vec<String>,
    pub lang: Lang,
    pub json: bool,
    pub holidays: Vec<String>,
    pub clock: Option<String>,
    pub time: Option<String>,
    pub no_extension: bool,
    pub check: Option<String>,
    pub zheng_after_jiao: bool,
    /// `eval --events FILE`.
    pub events: Option<String>,
    /// `eval --as-of DATE`: overrides the events' as-of date.
    pub as_of: Option<String>,
    /// `eval --reading CLAUSE=READING`, repeatable.
    pub readings: Vec<String>,
    /// `eval --format json|md|csv|statement|xlsx`.
    pub format: Option<String>,
    /// `eval --output FILE`: write the answer to a file (required for xlsx).
    pub output: Option<String>,
    /// `eval --format statement --with-checks`: add the document checks to the statement.
    pub with_checks: bool,
}

/// A mistake on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum UsageError {
    UnknownOption {
        option: String,
    },
    MissingValue {
        option: String,
    },
    BadLang {
        value: String,
    },
    UnknownCommand(String),
    MissingArgs {
        command: String,
        expected: Vec<String>,
        given: usize,
    },
    TooManyArgs {
        command: String,
        extra: Vec<String>,
    },
    CannotRead {
        path: String,
        reason: String,
    },
    BadFormat {
        value: String,
    },
    BadReading {
        value: String,
    },
    MissingEvents,
    BadSchema {
        value: String,
    },
    /// `--format xlsx` without `--output FILE`.
    NeedsOutput {
        format: String,
    },
    CannotWrite {
        path: String,
        reason: String,
    },
    /// `--output` names one of the input files (by another name, too: a link, `..`).
    OutputIsInput {
        path: String,
        input: String,
    },
    /// `--output` given to a command that writes no file.
    OutputNotUsed {
        command: String,
    },
    /// `draft` given a contract file (JSON), not a document.
    AlreadyContract {
        path: String,
    },
}

impl Localize for UsageError {
    fn localize(&self, lang: Lang) -> String {
        use UsageError::*;
        match (self, lang) {
            (UnknownOption { option }, Lang::Zh) => format!("未知选项“{option}”"),
            (UnknownOption { option }, Lang::En) => format!("unknown option \"{option}\""),
            (MissingValue { option }, Lang::Zh) => format!("选项“{option}”后缺少取值"),
            (MissingValue { option }, Lang::En) => format!("option \"{option}\" needs a value"),
            (BadLang { value }, Lang::Zh) => format!("不支持的语言“{value}”：可选 zh 或 en"),
            (BadLang { value }, Lang::En) => {
                format!("unsupported language \"{value}\": use zh or en")
            }
            (UnknownCommand(c), Lang::Zh) => {
                format!("未知命令“{c}”：可用 eval、check、draft、schema、migrate、workday、deadline、words、vat")
            }
            (UnknownCommand(c), Lang::En) => {
                format!("unknown command \"{c}\": use eval, check, draft, schema, migrate, workday, deadline, words or vat")
            }
            (
                MissingArgs {
                    command,
                    expected,
                    given,
                },
                Lang::Zh,
            ) => format!(
                "{command} 需要参数 {}，只给了 {given} 个",
                expected.join(" ")
            ),
            (
                MissingArgs {
                    command,
                    expected,
                    given,
                },
                Lang::En,
            ) => format!("{command} needs {}; {given} given", expected.join(" ")),
            (TooManyArgs { command, extra }, Lang::Zh) => {
                format!("{command} 多出参数：{}", extra.join(" "))
            }
            (TooManyArgs { command, extra }, Lang::En) => {
                format!("{command}: unexpected arguments: {}", extra.join(" "))
            }
            (CannotRead { path, reason }, Lang::Zh) => format!("无法读取文件“{path}”：{reason}"),
            (CannotRead { path, reason }, Lang::En) => format!("cannot read \"{path}\": {reason}"),
            (BadFormat { value }, Lang::Zh) => {
                format!("不支持的输出格式“{value}”：可选 json、md、csv、statement 或 xlsx")
            }
            (BadFormat { value }, Lang::En) => {
                format!("unsupported format \"{value}\": use json, md, csv, statement or xlsx")
            }
            (BadReading { value }, Lang::Zh) => {
                format!("“{value}”不是“条款=解读”的形式，例如 --reading 4.5=started")
            }
            (BadReading { value }, Lang::En) => {
                format!("\"{value}\" is not CLAUSE=READING, e.g. --reading 4.5=started")
            }
            (MissingEvents, Lang::Zh) => "eval 需要 --events 记录文件".to_string(),
            (MissingEvents, Lang::En) => "eval needs --events FILE".to_string(),
            (BadSchema { value }, Lang::Zh) => {
                format!("未知格式“{value}”：可选 contract、events 或 report")
            }
            (BadSchema { value }, Lang::En) => {
                format!("unknown format \"{value}\": use contract, events or report")
            }
            (NeedsOutput { format }, Lang::Zh) => {
                format!("--format {format} 需要 --output 文件名（不向终端输出二进制文件）")
            }
            (NeedsOutput { format }, Lang::En) => {
                format!("--format {format} needs --output FILE (binary output is not written to the terminal)")
            }
            (CannotWrite { path, reason }, Lang::Zh) => format!("无法写入文件“{path}”：{reason}"),
            (CannotWrite { path, reason }, Lang::En) => {
                format!("cannot write \"{path}\": {reason}")
            }
            (OutputIsInput { path, input }, Lang::Zh) => format!(
                "不写入“{path}”：它就是输入文件“{input}”，写入会覆盖它；请用 --output 另选一个文件"
            ),
            (OutputIsInput { path, input }, Lang::En) => format!(
                "will not write \"{path}\": it is the input file \"{input}\", which it would overwrite; give --output another file"
            ),
            (OutputNotUsed { command }, Lang::Zh) => {
                format!("{command} 不写文件：--output 只用于 eval、migrate 和 draft")
            }
            (OutputNotUsed { command }, Lang::En) => {
                format!("{command} writes no file: --output is for eval, migrate and draft")
            }
            (AlreadyContract { path }, Lang::Zh) => format!(
                "“{path}”已是合同文件（JSON），不是合同文本：请用 lvyue check 或 lvyue eval 读取它"
            ),
            (AlreadyContract { path }, Lang::En) => format!(
                "\"{path}\" is a contract file (JSON), not a contract document: read it with lvyue check or lvyue eval"
            ),
        }
    }
}

/// The language asked for, even when the rest of the command line is wrong.
pub fn sniff_lang(argv: &[String]) -> Lang {
    let mut it = argv.iter();
    while let Some(a) = it.next() {
        if a == "--lang" {
            if let Some(l) = it.next().and_then(|v| Lang::parse(v)) {
                return l;
            }
        } else if let Some(l) = a.strip_prefix("--lang=").and_then(Lang::parse) {
            return l;
        }
    }
    Lang::default()
}

fn looks_like_number(a: &str) -> bool {
    a.strip_prefix('-')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit() || c == '.'))
}

impl Args {
    /// Reads the command line. Options may stand anywhere; `--` ends them; a negative number
    /// such as `-3` is an argument, not an option.
    ///
    /// # Errors
    /// [`UsageError`] for an unknown option, a missing option value or an unknown language.
    pub fn parse(argv: &[String]) -> Result<Args, UsageError> {
        let mut args = Args::default();
        let mut words: Vec<String> = Vec::new();
        let mut it = argv.iter();
        let mut options_done = false;
        while let Some(a) = it.next() {
            if options_done || !a.starts_with('-') || a == "-" || looks_like_number(a) {
                words.push(a.clone());
                continue;
            }
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (a.as_str(), None),
            };
            let mut value = |opt: &str| -> Result<String, UsageError> {
                match &inline {
                    Some(v) => Ok(v.clone()),
                    None => it.next().cloned().ok_or(UsageError::MissingValue {
                        option: opt.to_string(),
                    }),
                }
            };
            match name {
                "--" => options_done = true,
                "-h" | "--help" => args.command = Some("help".into()),
                "-V" | "--version" => args.command = Some("version".into()),
                "--json" => args.json = true,
                "--with-checks" => args.with_checks = true,
                "--no-extension" | "--no-holiday-extension" => args.no_extension = true,
                "--zheng-after-jiao" => args.zheng_after_jiao = true,
                "--lang" => {
                    let v = value(name)?;
                    args.lang = Lang::parse(&v).ok_or(UsageError::BadLang { value: v })?;
                }
                "--holidays" => args.holidays.push(value(name)?),
                "--clock" => args.clock = Some(value(name)?),
                "--time" => args.time = Some(value(name)?),
                "--check" => args.check = Some(value(name)?),
                "--events" => args.events = Some(value(name)?),
                "--as-of" => args.as_of = Some(value(name)?),
                "--reading" => args.readings.push(value(name)?),
                "--format" => args.format = Some(value(name)?),
                "--output" | "-o" => args.output = Some(value(name)?),
                _ => return Err(UsageError::UnknownOption { option: a.clone() }),
            }
        }
        let mut words = words.into_iter();
        if args.command.is_none() {
            args.command = words.next();
        }
        args.positionals = words.collect();
        Ok(args)
    }

    /// Exactly `N` positional arguments, named `names` in messages.
    pub fn positionals<const N: usize>(
        &self,
        command: &str,
        names: &[&str; N],
    ) -> Result<[&str; N], UsageError> {
        if self.positionals.len() < N {
            return Err(UsageError::MissingArgs {
                command: command.to_string(),
                expected: names.iter().map(|s| s.to_string()).collect(),
                given: self.positionals.len(),
            });
        }
        if self.positionals.len() > N {
            return Err(UsageError::TooManyArgs {
                command: command.to_string(),
                extra: self.positionals[N..].to_vec(),
            });
        }
        Ok(std::array::from_fn(|i| self.positionals[i].as_str()))
    }
}

/// The help text.
pub fn help(lang: Lang) -> String {
    match lang {
        Lang::Zh => "履约 lvyue：合同期限、金额与税额计算

用法：
  lvyue workday 日期                       是否工作日及原因（周末、节假日、调休上班日）
  lvyue deadline 日期 N 单位               期限最后一日及所依规则
        单位：days（日）workdays（工作日）months（月）years（年）hours（小时）
        --no-extension                     最后一日遇休息日不顺延（合同另有约定时）
        --time HH:MM                       按小时计算时的起算时刻（或日期写作 2024-03-01T09:00）
        --clock 7x24|5x8|working-hours     按小时计算时的计时方式
  lvyue words 金额                         大写金额
  lvyue words --check 金额 \"大写\"          核对大写金额与数字是否一致（不一致时退出码为 1）
  lvyue vat 含税金额 税率                  价税分离，如 lvyue vat 980000 6%
  lvyue eval 合同文件 --events 记录文件     计算违约金、付款、服务时限与义务
        --as-of 日期                       以该日为计算基准日（覆盖记录中的 as_of）
        --reading 条款=解读                对有歧义的条款选用某一解读（可重复）
        --format json|md|csv|statement|xlsx  输出格式（默认 md）：statement 为计算说明书，
                                           csv 为带 BOM 的 UTF-8，xlsx 须配合 --output
        --output 文件                      写入文件而非终端
        --with-checks                      计算说明书附上合同文本检查（默认不列）
  lvyue check 合同文件 [--events 记录文件] 校验文件并检查合同文本（有错误时退出码为 1）
  lvyue schema contract|events|report      输出该格式的 JSON Schema
  lvyue migrate 文件 [--output 新文件]      将旧版格式的合同或记录文件写为当前版本
  lvyue draft 文档 [--output 合同文件]      由合同文本（.docx、.txt：UTF-8、UTF-16、GB18030）起草
                                           合同文件，并列出识别与未识别的条款（含行:列、可信度）；
                                           无 --output 时合同写到标准输出、清单写到标准错误；
                                           --json 输出完整的起草结果（lvyue-draft/1）

通用选项：
  --lang zh|en        输出语言（默认 zh）
  --json              以 JSON 输出
  --holidays 文件     载入自定义的年度放假安排（lvyue-holidays/1 格式），增补或替换该年
  -h, --help          显示本帮助；-V, --version 显示版本
"
        .to_string(),
        Lang::En => "lvyue: contract periods, amounts and tax, computed exactly

Usage:
  lvyue workday DATE                       working day or not, and why
  lvyue deadline DATE N UNIT               the last day of a period and the rules applied
        UNIT: days, workdays, months, years, hours
        --no-extension                     do not move a last day that falls on a day off
        --time HH:MM                       start time for hours (or write 2024-03-01T09:00)
        --clock 7x24|5x8|working-hours     the clock hours are counted on
  lvyue words AMOUNT                       the amount in uppercase words (大写)
  lvyue words --check AMOUNT \"TEXT\"        check written words against a figure (exit 1 if they differ)
  lvyue vat AMOUNT RATE                    split a tax-inclusive amount, e.g. lvyue vat 980000 6%
  lvyue eval CONTRACT --events EVENTS      penalties, payments, service levels and obligations
        --as-of DATE                       the day to evaluate on (overrides the events' as_of)
        --reading CLAUSE=READING           a reading of an ambiguous clause (repeatable)
        --format json|md|csv|statement|xlsx  output format (default md): statement is the
                                           calculation statement, csv is UTF-8 with a BOM,
                                           xlsx needs --output
        --output FILE                      write to a file instead of the terminal
        --with-checks                      add the document checks to the statement (left out by default)
  lvyue check CONTRACT [--events EVENTS]   validate the files and check the contract text (exit 1 on an error)
  lvyue schema contract|events|report      print the JSON Schema of a format
  lvyue migrate FILE [--output NEW]        write a contract or events file of an earlier format version in the current one
  lvyue draft DOCUMENT [--output CONTRACT] draft a contract file from a contract's text (.docx, .txt in
                                           UTF-8, UTF-16 or GB18030) and list what was understood
                                           (line:column, confidence) and what was not; without
                                           --output the contract goes to stdout and the list to
                                           stderr; --json prints the whole draft (lvyue-draft/1)

Options:
  --lang zh|en        language of the output (default zh)
  --json              JSON output
  --holidays FILE     load a yearly holiday schedule (lvyue-holidays/1), adding or replacing that year
  -h, --help          this help; -V, --version the version
"
        .to_string(),
    }
}
