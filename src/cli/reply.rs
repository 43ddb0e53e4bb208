//! The REPL's rendering of the command layer's structured replies and errors as text.

use super::output::Output;
use super::{describe, why};
use evroad::commands::{CommandError, Reply};

/// Notes (about close spellings taken) go before the output, on stderr.
fn noted(out: Output, notes: &[String]) -> Output {
    notes
        .iter()
        .rev()
        .fold(out, |o, n| o.noted(Some(n.clone())))
}

/// A reply as the REPL prints it.
pub fn output(reply: &Reply) -> Output {
    match reply {
        Reply::Help(text) => Output::out(text.clone()),
        Reply::Schema(s) => Output::out(describe::schema(s)),
        Reply::Labels(s) => Output::out(describe::labels(s)),
        Reply::Types(s) => Output::out(describe::types(s)),
        Reply::Described(d) => noted(Output::out(describe::described(d)), &d.notes),
        Reply::Neighbors(n) => noted(Output::out(describe::neighbors(n)), &n.notes),
        Reply::Path(p) => noted(Output::out(describe::path(p)), &p.notes),
        Reply::Why(w) => noted(Output::out(why::why(w)), &w.notes),
        Reply::Timeline(t) => Output::out(why::timeline(t)),
        Reply::Explained(x) => noted(Output::out(why::explained(x)), &x.notes),
        Reply::Compared(c, notes) => noted(Output::out(c.render()), notes),
    }
}

/// An error as the REPL prints it: the notes, then the message.
pub fn error(e: &CommandError) -> Output {
    noted(Output::err(e.message.clone()), &e.notes)
}
