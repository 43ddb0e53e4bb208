//! Hash joins and factorised counting give walking's answers on generated cyclic shapes: the
//! `joins` fuzz target's statements (`fuzz/src/joins.rs`, included with `#[path]`) for its
//! seeds and for a few hundred fixed pseudo-random inputs, with every pass, without
//! `hash-join` and without `factorised-count`.

#[path = "../fuzz/src/joins.rs"]
mod joins;

/// Inputs of 8 to 47 bytes from a linear congruential generator (the same every run).
fn inputs(n: usize) -> Vec<Vec<u8>> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u8
    };
    (0..n)
        .map(|_| {
            let len = 8 + usize::from(next()) % 40;
            (0..len).map(|_| next()).collect()
        })
        .collect()
}

/// The seed files of `fuzz/seeds/joins/`, in name order.
fn seeds() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/joins");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{} seeds", files.len());
    files
        .into_iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect()
}

#[test]
fn generated_cycles_answer_the_same_with_and_without_the_join() {
    let g = joins::graph();
    // A run that reaches the budget is not compared (plans differ in the work they do).
    let limits = joins::limits(50_000, 1_000);
    let (mut joined, mut counted, mut limited, mut total) = (0, 0, 0, 0);
    for data in seeds().into_iter().chain(inputs(400)) {
        let q = joins::statement(&data);
        let checked = joins::plans_agree(&g, &q, &limits);
        joined += usize::from(checked.joined);
        counted += usize::from(checked.counted);
        limited += usize::from(checked.limited);
        total += 1;
    }
    eprintln!("{total} statements: hash join in {joined}, factorised count in {counted}, {limited} reached the budget");
    // The comparison proves little unless the passes take part and most runs finish.
    assert!(joined >= total / 2, "hash join in {joined} of {total}");
    assert!(
        counted >= total / 50,
        "factorised count in {counted} of {total}"
    );
    assert!(
        limited <= total / 5,
        "{limited} of {total} reached the budget"
    );
}

#[test]
fn an_empty_input_is_the_plain_two_chain_count() {
    assert_eq!(
        joins::statement(&[]),
        "MATCH (a:A)-[r1:X]->(b1:B)-[r2:Y]->(t:T), (a)-[s1:Z]->(c1:C)-[s2:Y]->(t) RETURN count(*)"
    );
}
