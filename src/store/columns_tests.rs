//! Tests of the property columns (`columns.rs`).

use super::*;

mod types {
    use super::*;

    #[test]
    fn every_scalar_type_has_a_column_and_others_spill() {
        let mut c = Columns::default();
        c.set(1, 70, Some(&Value::Int(2020)));
        c.set(1, 5, Some(&Value::String("x".into())));
        c.set(2, 3, Some(&Value::Float(1.5)));
        c.set(3, 3, Some(&Value::Bool(true)));
        c.set(3, 4, Some(&Value::Bool(false)));
        c.set(4, 0, Some(&Value::String("Leaf".into())));
        c.set(4, 1, Some(&Value::List(vec![Value::Int(1)])));
        fn cell(c: &Columns, k: u32, i: u32) -> Cell<'_> {
            c.column(k).unwrap().cell(i)
        }
        assert_eq!(
            (cell(&c, 1, 70), cell(&c, 1, 5), cell(&c, 1, 6)),
            (Cell::Int(2020), Cell::Spill, Cell::Absent)
        );
        assert_eq!(
            (cell(&c, 2, 3), cell(&c, 3, 3), cell(&c, 3, 4)),
            (Cell::Float(1.5), Cell::Bool(true), Cell::Bool(false))
        );
        assert_eq!(
            (cell(&c, 4, 0), cell(&c, 4, 1), cell(&c, 4, 900)),
            (Cell::Str("Leaf"), Cell::Spill, Cell::Absent)
        );
        c.set(4, 0, Some(&Value::String("Ariya".into())));
        c.set(1, 70, None);
        c.clear(5);
        assert_eq!(
            (cell(&c, 4, 0), cell(&c, 1, 70), cell(&c, 1, 5)),
            (Cell::Str("Ariya"), Cell::Absent, Cell::Absent)
        );
        assert!(c.column(9).is_none());
    }

    #[test]
    fn a_string_column_drops_its_garbage() {
        let mut c = Columns::default();
        let long = "x".repeat(1 << 16);
        for round in 0..40 {
            for i in 0..2 {
                c.set(1, i, Some(&Value::String(format!("{round}{long}"))));
            }
        }
        let col = c.column(1).unwrap();
        assert_eq!(col.cell(1), Cell::Str(&format!("39{long}")));
        let Data::Str { heap, .. } = &col.data else {
            panic!("a string column")
        };
        assert!(heap.len() < 40 * (1 << 16), "heap of {} bytes", heap.len());
    }
}

mod scan_tests {
    use super::*;

    /// `count_range` against a plain loop over `get`, for every operator and some constants.
    fn agrees(c: &Columns, key: u32, lo: u32, hi: u32) {
        let col = c.column(key).unwrap().ints(false).unwrap();
        for op in [
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Gt,
            CmpOp::Ge,
        ] {
            for k in [i64::MIN, -5, 0, 7, 40, 1 << 40, i64::MAX] {
                let (n, missing) = col.count_range(lo, hi, op, k);
                let want = (lo..hi)
                    .filter_map(|i| col.get(i))
                    .filter(|v| op.holds(*v, k))
                    .count() as u64;
                let absent: Vec<u32> = (lo..hi).filter(|i| col.get(*i).is_none()).collect();
                assert_eq!((n, missing), (want, absent), "{op:?} {k} over {lo}..{hi}");
            }
        }
    }

    #[test]
    fn counts_narrow_wide_and_gappy_ranges() {
        let mut c = Columns::default();
        for i in 0..300u32 {
            if i % 37 != 5 {
                c.set(1, i, Some(&Value::Int(i64::from(i % 50) - 5)));
            }
        }
        agrees(&c, 1, 0, 300);
        agrees(&c, 1, 3, 250);
        agrees(&c, 1, 64, 128);
        // One value beyond 32 bits widens the column; the others keep their values.
        c.set(1, 70, Some(&Value::Int(1 << 40)));
        assert_eq!(c.column(1).unwrap().ints(false).unwrap().get(71), Some(16));
        assert_eq!(
            c.column(1).unwrap().ints(false).unwrap().get(70),
            Some(1 << 40)
        );
        agrees(&c, 1, 0, 300);
        agrees(&c, 1, 64, 128);
        c.set(1, 80, None);
        agrees(&c, 1, 0, 300);
    }
}

mod graph_tests {
    #[test]
    fn loaded_integers_are_in_their_column() {
        let g = crate::Graph::from_json_str(
            r#"{"nodes": [{"id": "a", "labels": ["X"], "properties": {"name": "A", "year": 7}},
                          {"id": "b", "labels": ["X"], "properties": {"name": "B", "year": 8}}],
                "relationships": []}"#,
            "t",
        )
        .unwrap();
        let col = g.int_column("year", false).unwrap();
        assert_eq!((col.get(0), col.get(1)), (Some(7), Some(8)));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.snap");
        g.save_snapshot(&path).unwrap();
        let back = crate::Graph::load(&path).unwrap();
        let col = back.int_column("year", false).unwrap();
        assert_eq!((col.get(0), col.get(1)), (Some(7), Some(8)));
    }
}
