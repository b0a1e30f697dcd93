//! The `beslutskoll` binary: parse arguments, dispatch, map errors to exit codes.
//! All work happens in the library; see `cli.rs`.

use clap::Parser;

// Reading a case and checking it allocate many small strings; under load (`serve`)
// mimalloc gives about a third more checks per second than the system allocator on
// our 2-core machines (docs/prestanda-http.md). The library leaves the choice to
// whoever links it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    // A panic says where, never what: its message could quote a case's text.
    beslutskoll::panik::install();
    beslutskoll::cli::run(beslutskoll::cli::Cli::parse())
}
