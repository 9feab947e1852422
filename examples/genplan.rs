//! Writes a deterministic synthetic plan for benchmarking the whole process:
//! `cargo run --release --example genplan -- 1M target/plans/1m.md`.
//! Sizes take K or M suffixes (powers of 1024).

#[path = "../benches/plan_gen.rs"]
mod plan_gen;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [size, path] = args.as_slice() else {
        eprintln!("usage: genplan SIZE PATH   (SIZE like 10K, 1M)");
        std::process::exit(2);
    };
    let (digits, scale) = match size.strip_suffix(['K', 'k']) {
        Some(d) => (d, 1 << 10),
        None => match size.strip_suffix(['M', 'm']) {
            Some(d) => (d, 1 << 20),
            None => (size.as_str(), 1),
        },
    };
    let Ok(n) = digits.parse::<usize>() else {
        eprintln!("genplan: `{size}` is not a size such as 10K or 1M");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::write(path, plan_gen::plan(n * scale)) {
        eprintln!("genplan: cannot write {path}: {e}");
        std::process::exit(1);
    }
}
