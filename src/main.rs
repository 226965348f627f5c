//! `undoc`: the command-line entry point. Everything happens in the library; see
//! `cli` for the commands and `pipeline` for the stages.

fn main() {
    std::process::exit(undoc::cli::main());
}
