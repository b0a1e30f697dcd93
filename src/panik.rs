//! What a panic prints. There must be none, but a panic message can quote whatever value
//! was at hand: Rust's own message for a bad string slice quotes the string, which in
//! `check` is a draft's text. So the program says where it failed, never what the
//! message said, in every command; `serve` logs the same through its own hook.

use std::panic::PanicHookInfo;

/// Where the panic happened, as `file:line`, or empty.
pub fn place(info: &PanicHookInfo<'_>) -> String {
    info.location()
        .map_or_else(String::new, |l| format!("{}:{}", l.file(), l.line()))
}

/// The line written on standard error instead of Rust's panic message.
pub fn message(place: &str) -> String {
    format!(
        "beslutskoll: internt fel ({place}). Ärendets innehåll skrivs inte ut. \
         Rapportera felet med platsen inom parentes, gärna med ett avidentifierat ärende \
         som ger det."
    )
}

/// Replace Rust's panic hook for the command line and the language server: the place,
/// not the message, and no backtrace (it would name no case content, but says nothing a
/// handläggare can act on either).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("{}", message(&place(info)));
    }));
}
