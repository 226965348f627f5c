//! Character error rate of a text file against a ground truth, as the corpus README
//! counts it. `--body` compares with the body part of an `NNN.gt.txt` only.
//!
//! `cargo run --release --example cer -- [--body] HYPOTHESIS.txt TRUTH.txt`

#[path = "../tests/common/cer.rs"]
mod cer;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let body = args.first().is_some_and(|a| a == "--body");
    if body {
        args.remove(0);
    }
    let hyp = std::fs::read_to_string(&args[0]).unwrap();
    let truth = std::fs::read_to_string(&args[1]).unwrap();
    let truth = if body { cer::gt_body(&truth) } else { &truth };
    println!(
        "cer {:.2} % wer {:.2} %",
        cer::cer(&hyp, truth) * 100.0,
        cer::wer(&hyp, truth) * 100.0
    );
}
