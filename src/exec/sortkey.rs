//! Full sorts on normalised keys: each row's ORDER BY values are encoded once into bytes that compare as the values do, and the sort compares those byte strings, held side by side, instead of values behind pointers.
//!
//! The encoding follows [`crate::val::order`] for the values it covers: null, booleans,
//! strings, and numbers when a key's column holds only integers or only floats (an integer
//! and a float compare exactly, which a fixed-width encoding of both cannot promise). A
//! value of another kind (a list, a map, an entity, a temporal value), or a key mixing
//! integers and floats, leaves the rows to the comparison sort.
//!
//! Each value is a type byte (the rank `order` gives the type: strings before booleans
//! before numbers before null) and a body: a string's bytes with `0x00` escaped as
//! `0x00 0xFF` and ended by `0x00 0x00` (so no encoding is a prefix of another), a
//! boolean's byte, a number's eight bytes in an order-preserving form. A descending key's
//! bytes are inverted, which reverses their order because no key's bytes are a prefix of
//! another's.

use crate::val::Val;

/// Type bytes, in `order`'s ranking of the types covered.
const STR: u8 = 6;
const BOOL: u8 = 7;
const NUM: u8 = 8;
const NULL: u8 = 9;

/// Sorts `rows` by their keys (`key(row, i)` the `i`th of `desc.len()`, `desc[i]` its
/// direction), stably, as a comparison sort with [`crate::val::order`] would. Returns
/// false, leaving `rows` as they were, when a key holds a value the encoding does not
/// cover.
pub(crate) fn sort_encoded<T>(
    rows: &mut Vec<T>,
    desc: &[bool],
    key: impl Fn(&T, usize) -> &Val,
) -> bool {
    let Some((bytes, ends)) = encode_all(rows, desc, &key) else {
        return false;
    };
    let at = |i: u32| {
        let i = i as usize;
        let start = if i == 0 { 0 } else { ends[i - 1] as usize };
        &bytes[start..ends[i] as usize]
    };
    let mut order: Vec<(u64, u32)> = (0..rows.len() as u32).map(|i| (0, i)).collect();
    sort_by_chunks(&mut order, &at);
    let mut old: Vec<Option<T>> = rows.drain(..).map(Some).collect();
    rows.extend(order.iter().filter_map(|(_, i)| old[*i as usize].take()));
    true
}

/// Runs this short or shorter are sorted by comparing their keys' remaining bytes.
const SHORT_RUN: usize = 16;

/// Sorts `(_, row)` pairs by their rows' encoded keys (`key(row)`), ties by row: eight bytes
/// at a time, most significant first. Each run of rows whose keys agree so far is sorted on
/// its next eight bytes (held in the pair's first field), so keys that share long prefixes
/// (names built from a few words) cost a sort of integers per eight shared bytes rather
/// than a byte comparison per pair compared. No key is a prefix of another (see the module
/// comment), so a run whose keys agree up to where one of them ends holds equal keys only.
fn sort_by_chunks<'k>(order: &mut [(u64, u32)], key: &impl Fn(u32) -> &'k [u8]) {
    let mut todo = vec![(0, order.len(), 0)];
    while let Some((lo, hi, depth)) = todo.pop() {
        let run = &mut order[lo..hi];
        if run.len() <= SHORT_RUN {
            let rest = |i: u32| key(i).get(depth..).unwrap_or(&[]);
            run.sort_unstable_by(|a, b| rest(a.1).cmp(rest(b.1)).then(a.1.cmp(&b.1)));
            continue;
        }
        for e in run.iter_mut() {
            e.0 = chunk(key(e.1), depth);
        }
        run.sort_unstable();
        let mut i = 0;
        while i < run.len() {
            let j = i + run[i..].iter().take_while(|e| e.0 == run[i].0).count();
            if j - i > 1 && run[i..j].iter().any(|e| key(e.1).len() > depth + 8) {
                todo.push((lo + i, lo + j, depth + 8));
            }
            i = j;
        }
    }
}

/// Every row's keys, encoded one after another, and where each row's bytes end; `None`
/// when a value has no encoding or the bytes would not fit 32-bit offsets.
fn encode_all<T>(
    rows: &[T],
    desc: &[bool],
    key: &impl Fn(&T, usize) -> &Val,
) -> Option<(Vec<u8>, Vec<u32>)> {
    // Per key: whether it has held an integer (`Some(true)`) or a float (`Some(false)`).
    touch(rows, desc.len(), key);
    let mut ints: Vec<Option<bool>> = vec![None; desc.len()];
    let mut bytes = Vec::with_capacity(rows.len() * (desc.len() * 10));
    let mut ends = Vec::with_capacity(rows.len());
    for row in rows {
        for (k, down) in desc.iter().enumerate() {
            let v = key(row, k);
            let start = bytes.len();
            match v {
                Val::Int(_) | Val::Float(_) => {
                    let int = matches!(v, Val::Int(_));
                    if *ints[k].get_or_insert(int) != int {
                        return None;
                    }
                }
                _ => {}
            }
            encode(v, &mut bytes)?;
            if *down {
                bytes[start..].iter_mut().for_each(|b| *b = !*b);
            }
        }
        ends.push(u32::try_from(bytes.len()).ok()?);
    }
    Some((bytes, ends))
}

/// Reads the first bytes of every row's keys, each row independently of the last, so that
/// the processor fetches many rows' scattered values from memory at once before they are
/// encoded one after another.
fn touch<T>(rows: &[T], keys: usize, key: &impl Fn(&T, usize) -> &Val) {
    let mut seen = 0u8;
    for row in rows {
        for k in 0..keys {
            seen ^= match key(row, k) {
                Val::Str(s) => s.as_bytes().first().copied().unwrap_or(0),
                _ => 0,
            };
        }
    }
    std::hint::black_box(seen);
}

/// Appends `v`'s encoding; `None` for a value the encoding does not cover.
fn encode(v: &Val, out: &mut Vec<u8>) -> Option<()> {
    match v {
        Val::Null => out.push(NULL),
        Val::Bool(b) => out.extend([BOOL, u8::from(*b)]),
        Val::Int(i) => {
            out.push(NUM);
            out.extend(((*i as u64) ^ (1 << 63)).to_be_bytes());
        }
        Val::Float(f) => {
            out.push(NUM);
            out.extend(float_bits(*f).to_be_bytes());
        }
        Val::Str(s) => {
            out.push(STR);
            // A zero byte is escaped as 0 0xFF, so the terminator 0 0 sorts first.
            for (i, part) in s.as_bytes().split(|b| *b == 0).enumerate() {
                if i > 0 {
                    out.extend([0, 0xFF]);
                }
                out.extend_from_slice(part);
            }
            out.extend([0, 0]);
        }
        _ => return None,
    }
    Some(())
}

/// `f`'s bits in an order that compares as `order` compares floats: negative zero as
/// zero, every NaN alike and after every number.
fn float_bits(f: f64) -> u64 {
    let f = if f == 0.0 { 0.0 } else { f };
    let bits = if f.is_nan() {
        f64::NAN.to_bits() & !(1 << 63)
    } else {
        f.to_bits()
    };
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// Eight bytes of `key` from `depth`, zero-padded past its end, as a big-endian number.
fn chunk(key: &[u8], depth: usize) -> u64 {
    let rest = key.get(depth..).unwrap_or(&[]);
    let mut p = [0u8; 8];
    let n = rest.len().min(8);
    p[..n].copy_from_slice(&rest[..n]);
    u64::from_be_bytes(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::val::order;
    use std::cmp::Ordering;

    fn by_order(rows: &mut [(usize, Vec<Val>)], desc: &[bool]) {
        rows.sort_by(|(_, a), (_, b)| {
            for (i, d) in desc.iter().enumerate() {
                let o = order(&a[i], &b[i]);
                let o = if *d { o.reverse() } else { o };
                if o.is_ne() {
                    return o;
                }
            }
            Ordering::Equal
        });
    }

    fn check(keys: Vec<Vec<Val>>, desc: &[bool]) {
        let rows: Vec<(usize, Vec<Val>)> = keys.into_iter().enumerate().collect();
        let mut want = rows.clone();
        by_order(&mut want, desc);
        let mut got = rows;
        assert!(sort_encoded(&mut got, desc, |r, i| &r.1[i]));
        let ids = |r: &[(usize, Vec<Val>)]| r.iter().map(|(i, _)| *i).collect::<Vec<_>>();
        assert_eq!(ids(&got), ids(&want));
    }

    fn s(x: &str) -> Val {
        Val::Str(x.into())
    }

    #[test]
    fn strings_sort_as_values_do_with_prefixes_zero_bytes_and_nulls() {
        let words = [
            "b", "a", "", "ab", "a\0", "a\0b", "abc", "ab", "\u{e9}", "Z",
        ];
        for desc in [false, true] {
            let mut keys: Vec<Vec<Val>> = words.iter().map(|w| vec![s(w)]).collect();
            keys.push(vec![Val::Null]);
            keys.push(vec![Val::Bool(true)]);
            keys.push(vec![Val::Int(3)]);
            check(keys, &[desc]);
        }
    }

    #[test]
    fn numbers_sort_as_values_do() {
        let ints = [0, -1, 1, i64::MIN, i64::MAX, 7, -7, 0];
        let floats = [
            0.0,
            -0.0,
            1.5,
            -1.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for desc in [false, true] {
            check(ints.iter().map(|i| vec![Val::Int(*i)]).collect(), &[desc]);
            check(
                floats.iter().map(|f| vec![Val::Float(*f)]).collect(),
                &[desc],
            );
        }
    }

    #[test]
    fn several_keys_and_ties_keep_arrival_order() {
        let keys = (0..40)
            .map(|i| {
                vec![
                    Val::Int(i % 3),
                    s(&format!("n{}", i % 5)),
                    Val::Bool(i % 2 == 0),
                ]
            })
            .collect::<Vec<_>>();
        for desc in [[false, true, false], [true, false, true]] {
            check(keys.clone(), &desc);
        }
    }

    /// Random rows of two keys drawn from nulls, booleans, short strings (with shared
    /// prefixes and zero bytes), integers near zero and the extremes, and (in other rows
    /// than integers, as a column of one kind) floats: the encoded sort agrees with the
    /// comparison sort on each of 300 batches, in every direction.
    #[test]
    fn random_rows_sort_as_values_do() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..300 {
            let floats = round % 3 == 0;
            let value = |next: &mut dyn FnMut(u64) -> u64| match next(6) {
                0 => Val::Null,
                1 => Val::Bool(next(2) == 0),
                2 | 3 => {
                    let len = next(5) as usize;
                    let bytes = (0..len).map(|_| [b'a', b'b', 0, 0xc3][next(4) as usize]);
                    s(&String::from_utf8_lossy(&bytes.collect::<Vec<_>>()))
                }
                _ if floats => {
                    Val::Float([-0.0, 0.0, 1.5, -2.0, f64::NAN, 1e300][next(6) as usize])
                }
                _ => Val::Int([0, 1, -1, 2, i64::MIN, i64::MAX][next(6) as usize]),
            };
            let rows = (0..next(40) + 2)
                .map(|_| vec![value(&mut next), value(&mut next)])
                .collect::<Vec<_>>();
            let desc = [next(2) == 0, next(2) == 0];
            check(rows, &desc);
        }
    }

    /// Many rows whose strings share long prefixes (longer than one eight-byte chunk, some
    /// ending inside a chunk, some with zero bytes), in runs longer than [`SHORT_RUN`], as
    /// a second key after a few integers: sorted as values are, ties in arrival order.
    #[test]
    fn long_shared_prefixes_sort_as_values_do() {
        let stems = [
            "Silicon Carbide Inverter Gen ",
            "Silicon Carbide",
            "Silicon\0Carbide",
            "",
        ];
        let keys = (0..600)
            .map(|i| {
                let stem = stems[i % stems.len()];
                vec![
                    Val::Int((i % 3) as i64),
                    s(&format!("{stem}{}", (i * 7) % 23)),
                ]
            })
            .collect::<Vec<_>>();
        for desc in [[false, false], [true, false], [false, true]] {
            check(keys.clone(), &desc);
        }
        let one = (0..200)
            .map(|i| vec![s(&format!("{}{}", stems[0], i % 50))])
            .collect();
        check(one, &[false]);
    }

    #[test]
    fn values_without_an_encoding_are_left_to_the_comparison_sort() {
        let mut mixed = vec![((), vec![Val::Int(1)]), ((), vec![Val::Float(0.5)])];
        assert!(!sort_encoded(&mut mixed, &[false], |r, i| &r.1[i]));
        assert_eq!(mixed.len(), 2);
        let mut lists = vec![((), vec![Val::List(vec![])])];
        assert!(!sort_encoded(&mut lists, &[false], |r, i| &r.1[i]));
    }
}
