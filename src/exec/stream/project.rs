//! Plain projections over a streaming batch: row by row, with row kernels over a batch of rows, or over a column batch.

use super::{Cols, Slot, State};
use crate::exec::kernel::Kernel;
use crate::exec::memory::val_bytes;
use crate::exec::project::clear_scope;
use crate::exec::{eval, Ctx, ExecError, Row, Val};
use crate::plan::{PExpr, PKind, ProjectOp};
use crate::val::Key;

/// A plain projection over one batch: items, DISTINCT, SKIP, LIMIT, the WITH filter, and
/// the old scope cleared. Returns the rows and whether the LIMIT is now reached.
pub(super) fn project_batch<'g>(
    p: &ProjectOp,
    st: &State<'g>,
    batch: Vec<Row>,
    ctx: &Ctx<'g>,
) -> Result<(Vec<Row>, bool), ExecError> {
    if p.row_kernels && st.limit.get().is_none() {
        let k = st.kernels.get_or_init(|| RowKernels::new(p, ctx));
        return Ok((project_kernels(p, st, k, batch, ctx)?, false));
    }
    let mut out = Vec::with_capacity(batch.len());
    let mut vals = Vec::with_capacity(p.items.len());
    for mut row in batch {
        if st.limit.get() == Some(0) {
            break;
        }
        vals.clear();
        for (e, _) in &p.items {
            vals.push(item(e, &row, ctx)?);
        }
        for ((_, slot), v) in p.items.iter().zip(vals.drain(..)) {
            row[*slot] = v;
        }
        if !admit(p, st, &row, ctx)? {
            continue;
        }
        if let Some(l) = st.limit.get() {
            st.limit.set(Some(l - 1));
        }
        if let Some(f) = &p.filter {
            if !eval::eval(f, &row, ctx)?.is_true() {
                continue;
            }
        }
        clear_scope(p, &mut row);
        out.push(row);
    }
    Ok((out, st.limit.get() == Some(0)))
}

/// A projection item's value on `row` (a bare variable is copied without the evaluator).
#[inline]
fn item(e: &PExpr, row: &[Val], ctx: &Ctx<'_>) -> Result<Val, ExecError> {
    match e.kind {
        PKind::Slot(s) => Ok(row.get(s).cloned().unwrap_or(Val::Null)),
        _ => eval::eval(e, row, ctx),
    }
}

/// Whether a projected row passes DISTINCT and SKIP (and is counted against both).
fn admit(p: &ProjectOp, st: &State<'_>, row: &Row, ctx: &Ctx<'_>) -> Result<bool, ExecError> {
    if p.distinct {
        let k: Vec<Key> = p.items.iter().map(|(_, s)| row[*s].key()).collect();
        let mut seen = st.seen.borrow_mut();
        if seen.contains(&k) {
            return Ok(false);
        }
        ctx.budget
            .charge(p.items.iter().map(|(_, s)| val_bytes(&row[*s])).sum())?;
        seen.insert(k);
    }
    if st.skip.get() > 0 {
        st.skip.set(st.skip.get() - 1);
        return Ok(false);
    }
    Ok(true)
}

/// The row kernels of a projection's items and WITH filter (`None`: evaluated row by row).
pub(super) struct RowKernels<'g> {
    items: Vec<Option<Kernel<'g>>>,
    filter: Option<Kernel<'g>>,
}

impl<'g> RowKernels<'g> {
    fn new(p: &ProjectOp, ctx: &Ctx<'g>) -> Self {
        RowKernels {
            items: p
                .items
                .iter()
                .map(|(e, _)| Kernel::compile_rows(e, ctx))
                .collect(),
            filter: p.filter.as_ref().and_then(|f| Kernel::compile_rows(f, ctx)),
        }
    }
}

/// [`project_batch`] without a LIMIT (`Pass::RowKernels`): each item with a kernel is
/// computed over the whole batch first, then the rows are projected in order (the
/// evaluator taking over where a kernel gave up), then the filter's kernel runs over the
/// projected rows. An evaluator error is reported as row by row would: a filter's error
/// on an earlier row comes before an item's error on a later one.
fn project_kernels<'g>(
    p: &ProjectOp,
    st: &State<'g>,
    k: &RowKernels<'g>,
    batch: Vec<Row>,
    ctx: &Ctx<'g>,
) -> Result<Vec<Row>, ExecError> {
    let mut computed: Vec<Vec<Option<Val>>> = k
        .items
        .iter()
        .map(|k| {
            let mut out = Vec::new();
            if let Some(k) = k {
                k.values_rows(&batch, &mut out);
            }
            out
        })
        .collect();
    let mut vals = Vec::with_capacity(p.items.len());
    let mut mid = Vec::with_capacity(batch.len());
    let mut failed = None;
    'rows: for (r, mut row) in batch.into_iter().enumerate() {
        vals.clear();
        for ((e, _), done) in p.items.iter().zip(&mut computed) {
            let v = match done.get_mut(r).and_then(Option::take) {
                Some(v) => v,
                None => match item(e, &row, ctx) {
                    Ok(v) => v,
                    Err(err) => {
                        failed = Some(err);
                        break 'rows;
                    }
                },
            };
            vals.push(v);
        }
        for ((_, slot), v) in p.items.iter().zip(vals.drain(..)) {
            row[*slot] = v;
        }
        match admit(p, st, &row, ctx) {
            Ok(true) => mid.push(row),
            Ok(false) => {}
            Err(err) => {
                failed = Some(err);
                break;
            }
        }
    }
    let mut verdicts = Vec::new();
    if let Some(f) = &k.filter {
        f.test_rows(&mid, &mut verdicts);
    }
    let mut out = Vec::with_capacity(mid.len());
    for (r, mut row) in mid.into_iter().enumerate() {
        if let Some(f) = &p.filter {
            let pass = match verdicts.get(r).copied().flatten() {
                Some(pass) => pass,
                None => eval::eval(f, &row, ctx)?.is_true(),
            };
            if !pass {
                continue;
            }
        }
        clear_scope(p, &mut row);
        out.push(row);
    }
    match failed {
        Some(err) => Err(err),
        None => Ok(out),
    }
}

/// Per item of `p`: whether it is a bare variable that the projection drops and nothing else
/// in it reads, so that its column can be moved instead of copied.
fn movable(p: &ProjectOp) -> Vec<bool> {
    let mut read = Vec::new();
    p.items
        .iter()
        .enumerate()
        .map(|(j, (e, _))| {
            let PKind::Slot(s) = e.kind else {
                return false;
            };
            read.clear();
            for (_, (x, _)) in p.items.iter().enumerate().filter(|(k, _)| *k != j) {
                x.slots(&mut read);
            }
            if let Some(f) = &p.filter {
                f.slots(&mut read);
            }
            p.clear.contains(&s) && !read.iter().any(|r| *r == s || *r == usize::MAX)
        })
        .collect()
}

/// Whether a column batch goes through `p` as columns ([`project_cols`]): no DISTINCT, and
/// no SKIP or LIMIT still counting (they take rows one by one).
pub(super) fn on_columns(p: &ProjectOp, st: &State<'_>) -> bool {
    !p.distinct && st.skip.get() == 0 && st.limit.get().is_none()
}

/// [`project_batch`] over a column batch ([`on_columns`]): each item is a column at once (a
/// bare variable's column copied, else its row kernel over the columns, the evaluator on a
/// built row where there is none or it gives up), then the WITH filter's kernel over the
/// projected columns keeps the survivors. Errors come as row by row would give them: the
/// first failing row's first failing item, unless the filter fails on an earlier row.
pub(super) fn project_cols<'g>(
    p: &ProjectOp,
    st: &State<'g>,
    mut cols: Cols,
    ctx: &Ctx<'g>,
) -> Result<Cols, ExecError> {
    let k = match p.row_kernels {
        true => Some(st.kernels.get_or_init(|| RowKernels::new(p, ctx))),
        false => None,
    };
    let moves = st.moves.get_or_init(|| movable(p));
    // Rows before `upto` have every item; `failed` is the error of row `upto`.
    let mut upto = cols.len();
    let mut failed = None;
    let mut row = Vec::new();
    let mut done = Vec::new();
    let mut projected = Vec::with_capacity(p.items.len());
    for (j, (e, _)) in p.items.iter().enumerate() {
        if let PKind::Slot(s) = e.kind {
            projected.push(match moves[j] {
                true => cols.take(s),
                false => cols.slot(s).cloned().unwrap_or(Slot::Same(Val::Null)),
            });
            continue;
        }
        // A literal or a parameter: one value for the batch.
        if matches!(e.kind, PKind::Lit(_) | PKind::Param(_)) && upto > 0 {
            match eval::eval(e, &[], ctx) {
                Ok(v) => projected.push(Slot::Same(v)),
                Err(err) => {
                    // Row 0 fails: the batch ends there (the slot stays for alignment).
                    (upto, failed) = (0, Some(err));
                    projected.push(Slot::Same(Val::Null));
                }
            }
            continue;
        }
        done.clear();
        if let Some(kernel) = k.and_then(|k| k.items[j].as_ref()) {
            kernel.values_cols(&cols, &mut done);
        }
        let mut vals = Vec::with_capacity(upto);
        let rows = upto;
        for i in 0..rows {
            match done.get_mut(i).and_then(Option::take) {
                Some(v) => vals.push(v),
                None => {
                    cols.row_into(i, &mut row);
                    match eval::eval(e, &row, ctx) {
                        Ok(v) => vals.push(v),
                        Err(err) => {
                            (upto, failed) = (i, Some(err));
                            break;
                        }
                    }
                }
            }
        }
        projected.push(Slot::of(vals));
    }
    cols.truncate(upto);
    for ((_, slot), mut col) in p.items.iter().zip(projected) {
        col.truncate(upto);
        cols.set(*slot, col);
    }
    if let Some(f) = &p.filter {
        let mut verdicts = Vec::new();
        if let Some(kernel) = k.and_then(|k| k.filter.as_ref()) {
            kernel.test_cols(&cols, &mut verdicts);
        }
        let mut keep = Vec::with_capacity(upto);
        for i in 0..upto {
            keep.push(match verdicts.get(i).copied().flatten() {
                Some(pass) => pass,
                None => {
                    cols.row_into(i, &mut row);
                    eval::eval(f, &row, ctx)?.is_true()
                }
            });
        }
        cols.retain(&keep);
    }
    for s in &p.clear {
        cols.set(*s, Slot::Same(Val::Null));
    }
    match failed {
        Some(err) => Err(err),
        None => Ok(cols),
    }
}
