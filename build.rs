//! The rule files are embedded in the binary (`include_dir!` in `src/engine.rs`); this
//! tells cargo to rebuild when any of them changes, so `cargo run` never checks a case
//! against yesterday's rules. Nothing is generated or downloaded here.
fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=examples");
}
