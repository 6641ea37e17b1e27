//! The `lvyue` command-line tool. All of it lives in `lvyue::cli`; this only wires up the
//! process: arguments in, text out, the exit code back.

fn main() {
    let argv: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = lvyue::cli::run(&argv, &mut stdout.lock(), &mut stderr.lock());
    std::process::exit(code.0);
}
