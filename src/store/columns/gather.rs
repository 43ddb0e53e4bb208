//! A column's entries copied in another order: a relationship property laid out in the order of a typed adjacency array, so a node's relationships' values are one contiguous slice.

use super::{bit, put_bit, Column, Data, Vals};

impl Column {
    /// The column whose entry `j` is this column's entry `order[j]` (values, absences and
    /// spills alike).
    pub(crate) fn gathered(&self, order: &[u32]) -> Column {
        let mut present = Vec::new();
        let mut spilled = Vec::new();
        for (j, &i) in order.iter().enumerate() {
            if bit(&self.present, i as usize) {
                put_bit(&mut present, j, true);
            } else if bit(&self.spilled, i as usize) {
                put_bit(&mut spilled, j, true);
            }
        }
        fn pick<T: Copy + Default>(v: &[T], order: &[u32]) -> Vec<T> {
            order
                .iter()
                .map(|&i| v.get(i as usize).copied().unwrap_or_default())
                .collect()
        }
        let vals = |v: &Vals| match v {
            Vals::Narrow(v) => Vals::Narrow(pick(v, order)),
            Vals::Wide(v) => Vals::Wide(pick(v, order)),
        };
        let data = match &self.data {
            Data::Int(v) => Data::Int(vals(v)),
            Data::Date(v) => Data::Date(vals(v)),
            Data::Float(v) => Data::Float(pick(v, order)),
            Data::Bool(words) => {
                let mut out = Vec::new();
                for (j, &i) in order.iter().enumerate() {
                    put_bit(&mut out, j, bit(words, i as usize));
                }
                Data::Bool(out)
            }
            Data::Str { spans, heap, .. } => {
                let mut fresh = String::new();
                let mut out = Vec::with_capacity(order.len());
                for (j, &i) in order.iter().enumerate() {
                    let text = match (bit(&present, j), spans.get(i as usize)) {
                        (true, Some(&(s, n))) => heap.get(s as usize..(s + n) as usize),
                        _ => None,
                    };
                    let text = text.unwrap_or("");
                    out.push((fresh.len() as u32, text.len() as u32));
                    fresh.push_str(text);
                }
                Data::Str {
                    spans: out,
                    heap: fresh,
                    garbage: 0,
                }
            }
        };
        Column {
            data,
            present,
            spilled,
            generation: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Value;
    use crate::store::columns::Columns;
    use crate::store::Cell;

    #[test]
    fn a_gathered_column_holds_the_same_entries_in_the_new_order() {
        let mut cs = Columns::default();
        cs.set(0, 0, Some(&Value::Int(5)));
        cs.set(0, 2, Some(&Value::Int(7)));
        cs.set(1, 0, Some(&Value::String("a".into())));
        cs.set(1, 1, Some(&Value::String("bc".into())));
        let ints = cs.column(0).unwrap().gathered(&[2, 1, 0, 9]);
        let cells: Vec<String> = (0..4).map(|j| format!("{:?}", ints.cell(j))).collect();
        assert_eq!(cells, ["Int(7)", "Absent", "Int(5)", "Absent"]);
        let strs = cs.column(1).unwrap().gathered(&[1, 0, 2]);
        assert!(matches!(strs.cell(0), Cell::Str("bc")));
        assert!(matches!(strs.cell(1), Cell::Str("a")));
        assert!(matches!(strs.cell(2), Cell::Absent));
    }
}
