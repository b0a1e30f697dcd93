//! What the program embeds, made from files in the repository; nothing is downloaded.
//!
//! 1. The rule files are embedded in the binary (`include_dir!` in `src/engine.rs`);
//!    cargo rebuilds when any of them changes, so `cargo run` never checks a case
//!    against yesterday's rules.
//! 2. The built-in rules are parsed and checked here, with the rule-language crate
//!    the program itself uses, and written to `$OUT_DIR/inbyggda_regler.bin` in the
//!    binary form of `beslutskoll_sprak::kompilerad`. The program reads that at
//!    start instead of parsing the texts. When the checker has any error or warning
//!    the file is left empty, and the program parses the texts at run time as
//!    before, so that the diagnostics are shown exactly as `--rules rules` would.
//! 3. The lagrum register, `rules/lagrum.yaml`, read with the program's own serde
//!    types (`src/lagrum/raw.rs`) and written to `$OUT_DIR/lagrum.bin` in postcard
//!    form; empty when the file does not read, and the program then reads the YAML
//!    and reports the error as before.
//! 4. The word lists of the individual-motivering measure (`data/`), lower-cased and
//!    stemmed with the program's own stemmer (`src/copy/ordlistor.rs`), as Rust
//!    constants in `$OUT_DIR/ordlistor.rs`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use beslutskoll_sprak::check::Input;
use beslutskoll_sprak::diag::Source;
use beslutskoll_sprak::kompilerad;
use beslutskoll_sprak::parse;

#[path = "src/copy/ordlistor.rs"]
mod ordlistor;
#[path = "src/lagrum/raw.rs"]
#[allow(dead_code)]
mod raw;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=examples");
    println!("cargo:rerun-if-changed=data");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let bytes = compile_builtin(Path::new("rules"));
    std::fs::write(out.join("inbyggda_regler.bin"), bytes).expect("OUT_DIR is writable");
    std::fs::write(
        out.join("lagrum.bin"),
        register_postcard(Path::new("rules/lagrum.yaml")),
    )
    .expect("OUT_DIR is writable");
    std::fs::write(out.join("ordlistor.rs"), word_lists()).expect("OUT_DIR is writable");
}

/// The word lists of `src/copy/individuell.rs` as Rust constants.
fn word_lists() -> String {
    let read = |name: &str| {
        std::fs::read_to_string(Path::new("data").join(name)).expect("data/ is readable")
    };
    let lists = ordlistor::read(
        &read("funktionsord.txt"),
        &read("allmanna_ord.txt"),
        &read("beslutsord.txt"),
        &read("dokumentfrekvens.txt"),
    );
    let mut out = String::from("// Written by build.rs from data/*.txt.\n");
    out += &format!("pub(super) const WORDS: &[&str] = &{:?};\n", lists.words);
    out += &format!("pub(super) const STEMS: &[&str] = &{:?};\n", lists.stems);
    out += &format!("pub(super) const DF: &[(&str, u32)] = &{:?};\n", lists.df);
    out += &format!("pub(super) const DOCS: u32 = {};\n", lists.docs);
    out
}

/// The lagrum register in postcard form, or nothing when it does not read.
fn register_postcard(path: &Path) -> Vec<u8> {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| serde_yaml::from_str::<raw::RawRegister>(&text).ok())
        .and_then(|reg| postcard::to_allocvec(&reg).ok())
        .unwrap_or_default()
}

/// The compiled built-in rules, or nothing when they do not load cleanly.
fn compile_builtin(dir: &Path) -> Vec<u8> {
    // Named and ordered as `engine::builtin_sources` names and orders them.
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut inputs = Vec::new();
    for (name, path) in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Vec::new();
        };
        let source: Arc<Source> = Source::new(name, text);
        match parse::parse_file(&source) {
            Ok(file) => inputs.push(Input {
                source,
                file,
                local: false,
            }),
            Err(_) => return Vec::new(),
        }
    }
    match kompilerad::compile(&inputs) {
        Some(compiled) => compiled.to_bytes().unwrap_or_default(),
        None => Vec::new(),
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "regler") {
            if let Ok(rel) = path.strip_prefix(root) {
                out.push((format!("rules/{}", rel.display()), path.clone()));
            }
        }
    }
}
