//! The `seamline` binary: parses the command line and dispatches; exit codes 0 ok, 1 findings,
//! 2 error.

fn main() {
    println!("seamline");
}
