//! Median time of every question of `tests/questions/*.cypher` on the embedded Nissan graph.
//!
//! ```sh
//! cargo run --release --example questions_timing            # 1000 timed runs per question
//! cargo run --release --example questions_timing -- 200     # or another count
//! ```
//!
//! Each question runs 10 times untimed, then N times timed through [`Graph::query`] (parse,
//! plan, execute). The stages are also timed alone, N times each, through the public
//! [`evroad::syntax::parse`], [`evroad::plan::plan`] and [`evroad::exec::execute`]. Prints a
//! Markdown table of medians in microseconds, then the sum of the per-question medians.

use evroad::{Graph, Params};
use std::path::Path;
use std::time::Instant;

/// The median of `n` timings of `f`, in microseconds.
fn median_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    if n % 2 == 1 {
        t[n / 2]
    } else {
        (t[n / 2 - 1] + t[n / 2]) / 2.0
    }
}

fn main() {
    let runs: usize = match std::env::args().nth(1) {
        Some(a) => a.parse().expect("the run count is a positive integer"),
        None => 1000,
    };
    assert!(runs > 0, "the run count is a positive integer");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/questions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/questions exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
        .collect();
    files.sort();

    let mut g = Graph::nissan();
    let params = Params::new();
    println!("{runs} timed runs per question, medians in µs\n");
    println!("| question | rows | query | parse | plan | execute |");
    println!("|---|---|---|---|---|---|");
    let mut total = [0.0; 4];
    for path in &files {
        let name = path.file_stem().unwrap().to_string_lossy();
        let text = std::fs::read_to_string(path).unwrap();
        let rows = match g.query(&text) {
            Ok(r) => r.rows.len(),
            Err(e) => {
                println!("| {name} | error: {e} | | | | |");
                continue;
            }
        };
        for _ in 0..10 {
            let _ = std::hint::black_box(g.query(&text));
        }
        let query = median_us(runs, || {
            std::hint::black_box(g.query(&text).unwrap());
        });
        let parse = median_us(runs, || {
            std::hint::black_box(evroad::syntax::parse(&text).unwrap());
        });
        let statement = evroad::syntax::parse(&text).unwrap();
        let plan = median_us(runs, || {
            std::hint::black_box(evroad::plan::plan(&statement, &g).unwrap());
        });
        let planned = evroad::plan::plan(&statement, &g).unwrap();
        let execute = median_us(runs, || {
            std::hint::black_box(
                evroad::exec::execute(&planned, &mut g, &params, &evroad::facts::FUNCTIONS)
                    .unwrap(),
            );
        });
        for (sum, v) in total.iter_mut().zip([query, parse, plan, execute]) {
            *sum += v;
        }
        println!("| {name} | {rows} | {query:.1} | {parse:.1} | {plan:.1} | {execute:.1} |");
    }
    println!(
        "| sum of {} medians | | {:.1} | {:.1} | {:.1} | {:.1} |",
        files.len(),
        total[0],
        total[1],
        total[2],
        total[3]
    );
}
