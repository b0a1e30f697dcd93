//! The `beslutskoll` binary: parse arguments, dispatch, map errors to exit codes.
//! All work happens in the library; see `cli.rs`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    beslutskoll::cli::run(beslutskoll::cli::Cli::parse())
}
