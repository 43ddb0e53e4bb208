//! The one registry of scalar functions: name, arity, documentation; the planner resolves calls through it, the executor dispatches on its ids, the REPL completes from it.
//!
//! Adding a function means adding a [`Func`] variant and its [`FunctionInfo`] row here; the
//! executor's `match` over [`Func`] is exhaustive, so the build fails until it is
//! implemented. Aggregates (`count`, `collect`, ...) are planned separately ([`AGGREGATES`]).

/// A scalar function, as resolved by the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Func {
    /// `id`: the identity of a node or relationship (a string).
    Id,
    /// `elementId`: the identity of a node or relationship, as `id`.
    ElementId,
    /// `labels`: a node's labels, as a list of strings.
    Labels,
    /// `type`: a relationship's type.
    Type,
    /// `properties`: the properties of a node or relationship as a map (a map is returned as is).
    Properties,
    /// `keys`: the property keys of a node, relationship or map.
    Keys,
    /// `hasLabels`: whether a node carries every label of a list (the planner's form of `n:A:B`).
    HasLabels,
    /// `length`: the number of relationships in a path.
    Length,
    /// `nodes`: the nodes of a path, in order.
    Nodes,
    /// `relationships`: the relationships of a path, in order.
    Relationships,
    /// `startNode`: a relationship's start node.
    StartNode,
    /// `endNode`: a relationship's end node.
    EndNode,
    /// `size`: the length of a list or string, or the number of entries of a map.
    Size,
    /// `char_length`: the number of characters of a string (as `size`).
    CharLength,
    /// `character_length`: the number of characters of a string (as `size`).
    CharacterLength,
    /// `isEmpty`: whether a list, string or map is empty.
    IsEmpty,
    /// `head`: the first element of a list.
    Head,
    /// `last`: the last element of a list.
    Last,
    /// `tail`: a list without its first element.
    Tail,
    /// `reverse`: a list or string reversed.
    Reverse,
    /// `coalesce`: the first argument that is not null.
    Coalesce,
    /// `nullIf`: null when both arguments are equal, else the first.
    NullIf,
    /// `toString`: a value as a string.
    ToString,
    /// `toStringOrNull`: a value as a string, or null when it has no string form.
    ToStringOrNull,
    /// `toInteger`: a value as an integer.
    ToInteger,
    /// `toIntegerOrNull`: a value as an integer, or null when it cannot be one.
    ToIntegerOrNull,
    /// `toFloat`: a value as a float.
    ToFloat,
    /// `toFloatOrNull`: a value as a float, or null when it cannot be one.
    ToFloatOrNull,
    /// `toBoolean`: a value as a boolean.
    ToBoolean,
    /// `toBooleanOrNull`: a value as a boolean, or null when it cannot be one.
    ToBooleanOrNull,
    /// `toUpper`: a string in upper case.
    ToUpper,
    /// `toLower`: a string in lower case.
    ToLower,
    /// `trim`: a string without leading and trailing white space.
    Trim,
    /// `lTrim`: a string without leading white space.
    LTrim,
    /// `rTrim`: a string without trailing white space.
    RTrim,
    /// `split`: a string split at every occurrence of a delimiter.
    Split,
    /// `substring`: part of a string: from a start index, optionally of a length.
    Substring,
    /// `replace`: a string with every occurrence of one string replaced by another.
    Replace,
    /// `left`: the first n characters of a string.
    Left,
    /// `right`: the last n characters of a string.
    Right,
    /// `abs`: the absolute value of a number.
    Abs,
    /// `sign`: the sign of a number: -1, 0 or 1.
    Sign,
    /// `ceil`: the smallest integral float not below a number.
    Ceil,
    /// `floor`: the largest integral float not above a number.
    Floor,
    /// `round`: a number rounded (optionally to a number of digits).
    Round,
    /// `sqrt`: the square root.
    Sqrt,
    /// `exp`: e to the power of a number.
    Exp,
    /// `log`: the natural logarithm.
    Log,
    /// `log10`: the base-10 logarithm.
    Log10,
    /// `sin`: the sine of an angle in radians.
    Sin,
    /// `cos`: the cosine of an angle in radians.
    Cos,
    /// `tan`: the tangent of an angle in radians.
    Tan,
    /// `asin`: the arcsine, in radians.
    Asin,
    /// `acos`: the arccosine, in radians.
    Acos,
    /// `atan`: the arctangent, in radians.
    Atan,
    /// `atan2`: the arctangent of y/x, in radians.
    Atan2,
    /// `degrees`: radians to degrees.
    Degrees,
    /// `radians`: degrees to radians.
    Radians,
    /// `pi`: the number pi.
    Pi,
    /// `e`: the number e.
    E,
    /// `rand`: a number in [0, 1).
    Rand,
    /// `timestamp`: milliseconds since 1970-01-01 UTC.
    Timestamp,
    /// `range`: a list of integers from start to end inclusive, optionally by a step.
    Range,
    /// `exists`: whether a value is not null (with a pattern: whether the pattern matches).
    Exists,
    /// `sources`: the sources of a node or relationship: a list of {document, section, quote} maps (provenance).
    Sources,
    /// `entity`: the node a name, id or alias stands for, or null (forgiving, like the REPL).
    Entity,
    /// `valid_at`: whether a node, relationship, list of relationships or path holds in a year (time).
    ValidAt,
    /// `date`: a date: from a string, a map, another temporal value, or (no argument) the statement's clock.
    Date,
    /// `date.transaction`: a date: the transaction's clock (optionally in a zone).
    DateTransaction,
    /// `date.statement`: a date: the statement's clock (optionally in a zone).
    DateStatement,
    /// `date.realtime`: a date: the real-time clock (optionally in a zone).
    DateRealtime,
    /// `date.truncate`: a date: another temporal value truncated to a unit, then the map's components set.
    DateTruncate,
    /// `localtime`: a local time: from a string, a map, another temporal value, or (no argument) the statement's clock.
    LocalTime,
    /// `localtime.transaction`: a local time: the transaction's clock (optionally in a zone).
    LocalTimeTransaction,
    /// `localtime.statement`: a local time: the statement's clock (optionally in a zone).
    LocalTimeStatement,
    /// `localtime.realtime`: a local time: the real-time clock (optionally in a zone).
    LocalTimeRealtime,
    /// `localtime.truncate`: a local time: another temporal value truncated to a unit, then the map's components set.
    LocalTimeTruncate,
    /// `time`: a time with an offset: from a string, a map, another temporal value, or (no argument) the statement's clock.
    Time,
    /// `time.transaction`: a time with an offset: the transaction's clock (optionally in a zone).
    TimeTransaction,
    /// `time.statement`: a time with an offset: the statement's clock (optionally in a zone).
    TimeStatement,
    /// `time.realtime`: a time with an offset: the real-time clock (optionally in a zone).
    TimeRealtime,
    /// `time.truncate`: a time with an offset: another temporal value truncated to a unit, then the map's components set.
    TimeTruncate,
    /// `localdatetime`: a local date-time: from a string, a map, another temporal value, or (no argument) the statement's clock.
    LocalDateTime,
    /// `localdatetime.transaction`: a local date-time: the transaction's clock (optionally in a zone).
    LocalDateTimeTransaction,
    /// `localdatetime.statement`: a local date-time: the statement's clock (optionally in a zone).
    LocalDateTimeStatement,
    /// `localdatetime.realtime`: a local date-time: the real-time clock (optionally in a zone).
    LocalDateTimeRealtime,
    /// `localdatetime.truncate`: a local date-time: another temporal value truncated to a unit, then the map's components set.
    LocalDateTimeTruncate,
    /// `datetime`: a date-time with an offset or zone: from a string, a map, another temporal value, or (no argument) the statement's clock.
    DateTime,
    /// `datetime.transaction`: a date-time with an offset or zone: the transaction's clock (optionally in a zone).
    DateTimeTransaction,
    /// `datetime.statement`: a date-time with an offset or zone: the statement's clock (optionally in a zone).
    DateTimeStatement,
    /// `datetime.realtime`: a date-time with an offset or zone: the real-time clock (optionally in a zone).
    DateTimeRealtime,
    /// `datetime.truncate`: a date-time with an offset or zone: another temporal value truncated to a unit, then the map's components set.
    DateTimeTruncate,
    /// `datetime.fromepoch`: a UTC date-time from epoch seconds and nanoseconds.
    DateTimeFromEpoch,
    /// `datetime.fromepochmillis`: a UTC date-time from epoch milliseconds.
    DateTimeFromEpochMillis,
    /// `duration`: a duration: from a string or a map.
    Duration,
    /// `duration.between`: the duration from one temporal value to another (months, days, seconds).
    DurationBetween,
    /// `duration.inMonths`: the duration between two temporal values in whole months.
    DurationInMonths,
    /// `duration.inDays`: the duration between two temporal values in whole days.
    DurationInDays,
    /// `duration.inSeconds`: the duration between two temporal values in seconds.
    DurationInSeconds,
}

/// What the registry knows of one function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionInfo {
    /// The id the executor dispatches on.
    pub func: Func,
    /// The name as documented (`toUpper`); calls match it ignoring case.
    pub name: &'static str,
    /// Fewest arguments.
    pub min_args: usize,
    /// Most arguments (`usize::MAX`: any number).
    pub max_args: usize,
    /// One line for people and models.
    pub doc: &'static str,
}

/// Every scalar function, in the order of [`Func`]'s variants.
pub const FUNCTIONS: &[FunctionInfo] = &[
    FunctionInfo { func: Func::Id, name: "id", min_args: 1, max_args: 1, doc: "the identity of a node or relationship (a string)" },
    FunctionInfo { func: Func::ElementId, name: "elementId", min_args: 1, max_args: 1, doc: "the identity of a node or relationship, as `id`" },
    FunctionInfo { func: Func::Labels, name: "labels", min_args: 1, max_args: 1, doc: "a node's labels, as a list of strings" },
    FunctionInfo { func: Func::Type, name: "type", min_args: 1, max_args: 1, doc: "a relationship's type" },
    FunctionInfo { func: Func::Properties, name: "properties", min_args: 1, max_args: 1, doc: "the properties of a node or relationship as a map (a map is returned as is)" },
    FunctionInfo { func: Func::Keys, name: "keys", min_args: 1, max_args: 1, doc: "the property keys of a node, relationship or map" },
    FunctionInfo { func: Func::HasLabels, name: "hasLabels", min_args: 1, max_args: 1, doc: "whether a node carries every label of a list (the planner's form of `n:A:B`)" },
    FunctionInfo { func: Func::Length, name: "length", min_args: 1, max_args: 1, doc: "the number of relationships in a path" },
    FunctionInfo { func: Func::Nodes, name: "nodes", min_args: 1, max_args: 1, doc: "the nodes of a path, in order" },
    FunctionInfo { func: Func::Relationships, name: "relationships", min_args: 1, max_args: 1, doc: "the relationships of a path, in order" },
    FunctionInfo { func: Func::StartNode, name: "startNode", min_args: 1, max_args: 1, doc: "a relationship's start node" },
    FunctionInfo { func: Func::EndNode, name: "endNode", min_args: 1, max_args: 1, doc: "a relationship's end node" },
    FunctionInfo { func: Func::Size, name: "size", min_args: 1, max_args: 1, doc: "the length of a list or string, or the number of entries of a map" },
    FunctionInfo { func: Func::CharLength, name: "char_length", min_args: 1, max_args: 1, doc: "the number of characters of a string (as `size`)" },
    FunctionInfo { func: Func::CharacterLength, name: "character_length", min_args: 1, max_args: 1, doc: "the number of characters of a string (as `size`)" },
    FunctionInfo { func: Func::IsEmpty, name: "isEmpty", min_args: 1, max_args: 1, doc: "whether a list, string or map is empty" },
    FunctionInfo { func: Func::Head, name: "head", min_args: 1, max_args: 1, doc: "the first element of a list" },
    FunctionInfo { func: Func::Last, name: "last", min_args: 1, max_args: 1, doc: "the last element of a list" },
    FunctionInfo { func: Func::Tail, name: "tail", min_args: 1, max_args: 1, doc: "a list without its first element" },
    FunctionInfo { func: Func::Reverse, name: "reverse", min_args: 1, max_args: 1, doc: "a list or string reversed" },
    FunctionInfo { func: Func::Coalesce, name: "coalesce", min_args: 1, max_args: usize::MAX, doc: "the first argument that is not null" },
    FunctionInfo { func: Func::NullIf, name: "nullIf", min_args: 2, max_args: 2, doc: "null when both arguments are equal, else the first" },
    FunctionInfo { func: Func::ToString, name: "toString", min_args: 1, max_args: 1, doc: "a value as a string" },
    FunctionInfo { func: Func::ToStringOrNull, name: "toStringOrNull", min_args: 1, max_args: 1, doc: "a value as a string, or null when it has no string form" },
    FunctionInfo { func: Func::ToInteger, name: "toInteger", min_args: 1, max_args: 1, doc: "a value as an integer" },
    FunctionInfo { func: Func::ToIntegerOrNull, name: "toIntegerOrNull", min_args: 1, max_args: 1, doc: "a value as an integer, or null when it cannot be one" },
    FunctionInfo { func: Func::ToFloat, name: "toFloat", min_args: 1, max_args: 1, doc: "a value as a float" },
    FunctionInfo { func: Func::ToFloatOrNull, name: "toFloatOrNull", min_args: 1, max_args: 1, doc: "a value as a float, or null when it cannot be one" },
    FunctionInfo { func: Func::ToBoolean, name: "toBoolean", min_args: 1, max_args: 1, doc: "a value as a boolean" },
    FunctionInfo { func: Func::ToBooleanOrNull, name: "toBooleanOrNull", min_args: 1, max_args: 1, doc: "a value as a boolean, or null when it cannot be one" },
    FunctionInfo { func: Func::ToUpper, name: "toUpper", min_args: 1, max_args: 1, doc: "a string in upper case" },
    FunctionInfo { func: Func::ToLower, name: "toLower", min_args: 1, max_args: 1, doc: "a string in lower case" },
    FunctionInfo { func: Func::Trim, name: "trim", min_args: 1, max_args: 1, doc: "a string without leading and trailing white space" },
    FunctionInfo { func: Func::LTrim, name: "lTrim", min_args: 1, max_args: 1, doc: "a string without leading white space" },
    FunctionInfo { func: Func::RTrim, name: "rTrim", min_args: 1, max_args: 1, doc: "a string without trailing white space" },
    FunctionInfo { func: Func::Split, name: "split", min_args: 2, max_args: 2, doc: "a string split at every occurrence of a delimiter" },
    FunctionInfo { func: Func::Substring, name: "substring", min_args: 2, max_args: 3, doc: "part of a string: from a start index, optionally of a length" },
    FunctionInfo { func: Func::Replace, name: "replace", min_args: 3, max_args: 3, doc: "a string with every occurrence of one string replaced by another" },
    FunctionInfo { func: Func::Left, name: "left", min_args: 2, max_args: 2, doc: "the first n characters of a string" },
    FunctionInfo { func: Func::Right, name: "right", min_args: 2, max_args: 2, doc: "the last n characters of a string" },
    FunctionInfo { func: Func::Abs, name: "abs", min_args: 1, max_args: 1, doc: "the absolute value of a number" },
    FunctionInfo { func: Func::Sign, name: "sign", min_args: 1, max_args: 1, doc: "the sign of a number: -1, 0 or 1" },
    FunctionInfo { func: Func::Ceil, name: "ceil", min_args: 1, max_args: 1, doc: "the smallest integral float not below a number" },
    FunctionInfo { func: Func::Floor, name: "floor", min_args: 1, max_args: 1, doc: "the largest integral float not above a number" },
    FunctionInfo { func: Func::Round, name: "round", min_args: 1, max_args: 3, doc: "a number rounded (optionally to a number of digits)" },
    FunctionInfo { func: Func::Sqrt, name: "sqrt", min_args: 1, max_args: 1, doc: "the square root" },
    FunctionInfo { func: Func::Exp, name: "exp", min_args: 1, max_args: 1, doc: "e to the power of a number" },
    FunctionInfo { func: Func::Log, name: "log", min_args: 1, max_args: 1, doc: "the natural logarithm" },
    FunctionInfo { func: Func::Log10, name: "log10", min_args: 1, max_args: 1, doc: "the base-10 logarithm" },
    FunctionInfo { func: Func::Sin, name: "sin", min_args: 1, max_args: 1, doc: "the sine of an angle in radians" },
    FunctionInfo { func: Func::Cos, name: "cos", min_args: 1, max_args: 1, doc: "the cosine of an angle in radians" },
    FunctionInfo { func: Func::Tan, name: "tan", min_args: 1, max_args: 1, doc: "the tangent of an angle in radians" },
    FunctionInfo { func: Func::Asin, name: "asin", min_args: 1, max_args: 1, doc: "the arcsine, in radians" },
    FunctionInfo { func: Func::Acos, name: "acos", min_args: 1, max_args: 1, doc: "the arccosine, in radians" },
    FunctionInfo { func: Func::Atan, name: "atan", min_args: 1, max_args: 1, doc: "the arctangent, in radians" },
    FunctionInfo { func: Func::Atan2, name: "atan2", min_args: 2, max_args: 2, doc: "the arctangent of y/x, in radians" },
    FunctionInfo { func: Func::Degrees, name: "degrees", min_args: 1, max_args: 1, doc: "radians to degrees" },
    FunctionInfo { func: Func::Radians, name: "radians", min_args: 1, max_args: 1, doc: "degrees to radians" },
    FunctionInfo { func: Func::Pi, name: "pi", min_args: 0, max_args: 0, doc: "the number pi" },
    FunctionInfo { func: Func::E, name: "e", min_args: 0, max_args: 0, doc: "the number e" },
    FunctionInfo { func: Func::Rand, name: "rand", min_args: 0, max_args: 0, doc: "a number in [0, 1)" },
    FunctionInfo { func: Func::Timestamp, name: "timestamp", min_args: 0, max_args: 0, doc: "milliseconds since 1970-01-01 UTC" },
    FunctionInfo { func: Func::Range, name: "range", min_args: 2, max_args: 3, doc: "a list of integers from start to end inclusive, optionally by a step" },
    FunctionInfo { func: Func::Exists, name: "exists", min_args: 1, max_args: 1, doc: "whether a value is not null (with a pattern: whether the pattern matches)" },
    FunctionInfo { func: Func::Sources, name: "sources", min_args: 1, max_args: 1, doc: "the sources of a node or relationship: a list of {document, section, quote} maps (provenance)" },
    FunctionInfo { func: Func::Entity, name: "entity", min_args: 1, max_args: 1, doc: "the node a name, id or alias stands for, or null (forgiving, like the REPL)" },
    FunctionInfo { func: Func::ValidAt, name: "valid_at", min_args: 2, max_args: 2, doc: "whether a node, relationship, list of relationships or path holds in a year (time)" },
    FunctionInfo { func: Func::Date, name: "date", min_args: 0, max_args: 1, doc: "a date: from a string, a map, another temporal value, or (no argument) the statement's clock" },
    FunctionInfo { func: Func::DateTransaction, name: "date.transaction", min_args: 0, max_args: 1, doc: "a date: the transaction's clock (optionally in a zone)" },
    FunctionInfo { func: Func::DateStatement, name: "date.statement", min_args: 0, max_args: 1, doc: "a date: the statement's clock (optionally in a zone)" },
    FunctionInfo { func: Func::DateRealtime, name: "date.realtime", min_args: 0, max_args: 1, doc: "a date: the real-time clock (optionally in a zone)" },
    FunctionInfo { func: Func::DateTruncate, name: "date.truncate", min_args: 2, max_args: 3, doc: "a date: another temporal value truncated to a unit, then the map's components set" },
    FunctionInfo { func: Func::LocalTime, name: "localtime", min_args: 0, max_args: 1, doc: "a local time: from a string, a map, another temporal value, or (no argument) the statement's clock" },
    FunctionInfo { func: Func::LocalTimeTransaction, name: "localtime.transaction", min_args: 0, max_args: 1, doc: "a local time: the transaction's clock (optionally in a zone)" },
    FunctionInfo { func: Func::LocalTimeStatement, name: "localtime.statement", min_args: 0, max_args: 1, doc: "a local time: the statement's clock (optionally in a zone)" },
    FunctionInfo { func: Func::LocalTimeRealtime, name: "localtime.realtime", min_args: 0, max_args: 1, doc: "a local time: the real-time clock (optionally in a zone)" },
    FunctionInfo { func: Func::LocalTimeTruncate, name: "localtime.truncate", min_args: 2, max_args: 3, doc: "a local time: another temporal value truncated to a unit, then the map's components set" },
    FunctionInfo { func: Func::Time, name: "time", min_args: 0, max_args: 1, doc: "a time with an offset: from a string, a map, another temporal value, or (no argument) the statement's clock" },
    FunctionInfo { func: Func::TimeTransaction, name: "time.transaction", min_args: 0, max_args: 1, doc: "a time with an offset: the transaction's clock (optionally in a zone)" },
    FunctionInfo { func: Func::TimeStatement, name: "time.statement", min_args: 0, max_args: 1, doc: "a time with an offset: the statement's clock (optionally in a zone)" },
    FunctionInfo { func: Func::TimeRealtime, name: "time.realtime", min_args: 0, max_args: 1, doc: "a time with an offset: the real-time clock (optionally in a zone)" },
    FunctionInfo { func: Func::TimeTruncate, name: "time.truncate", min_args: 2, max_args: 3, doc: "a time with an offset: another temporal value truncated to a unit, then the map's components set" },
    FunctionInfo { func: Func::LocalDateTime, name: "localdatetime", min_args: 0, max_args: 1, doc: "a local date-time: from a string, a map, another temporal value, or (no argument) the statement's clock" },
    FunctionInfo { func: Func::LocalDateTimeTransaction, name: "localdatetime.transaction", min_args: 0, max_args: 1, doc: "a local date-time: the transaction's clock (optionally in a zone)" },
    FunctionInfo { func: Func::LocalDateTimeStatement, name: "localdatetime.statement", min_args: 0, max_args: 1, doc: "a local date-time: the statement's clock (optionally in a zone)" },
    FunctionInfo { func: Func::LocalDateTimeRealtime, name: "localdatetime.realtime", min_args: 0, max_args: 1, doc: "a local date-time: the real-time clock (optionally in a zone)" },
    FunctionInfo { func: Func::LocalDateTimeTruncate, name: "localdatetime.truncate", min_args: 2, max_args: 3, doc: "a local date-time: another temporal value truncated to a unit, then the map's components set" },
    FunctionInfo { func: Func::DateTime, name: "datetime", min_args: 0, max_args: 1, doc: "a date-time with an offset or zone: from a string, a map, another temporal value, or (no argument) the statement's clock" },
    FunctionInfo { func: Func::DateTimeTransaction, name: "datetime.transaction", min_args: 0, max_args: 1, doc: "a date-time with an offset or zone: the transaction's clock (optionally in a zone)" },
    FunctionInfo { func: Func::DateTimeStatement, name: "datetime.statement", min_args: 0, max_args: 1, doc: "a date-time with an offset or zone: the statement's clock (optionally in a zone)" },
    FunctionInfo { func: Func::DateTimeRealtime, name: "datetime.realtime", min_args: 0, max_args: 1, doc: "a date-time with an offset or zone: the real-time clock (optionally in a zone)" },
    FunctionInfo { func: Func::DateTimeTruncate, name: "datetime.truncate", min_args: 2, max_args: 3, doc: "a date-time with an offset or zone: another temporal value truncated to a unit, then the map's components set" },
    FunctionInfo { func: Func::DateTimeFromEpoch, name: "datetime.fromepoch", min_args: 2, max_args: 2, doc: "a UTC date-time from epoch seconds and nanoseconds" },
    FunctionInfo { func: Func::DateTimeFromEpochMillis, name: "datetime.fromepochmillis", min_args: 1, max_args: 1, doc: "a UTC date-time from epoch milliseconds" },
    FunctionInfo { func: Func::Duration, name: "duration", min_args: 1, max_args: 1, doc: "a duration: from a string or a map" },
    FunctionInfo { func: Func::DurationBetween, name: "duration.between", min_args: 2, max_args: 2, doc: "the duration from one temporal value to another (months, days, seconds)" },
    FunctionInfo { func: Func::DurationInMonths, name: "duration.inMonths", min_args: 2, max_args: 2, doc: "the duration between two temporal values in whole months" },
    FunctionInfo { func: Func::DurationInDays, name: "duration.inDays", min_args: 2, max_args: 2, doc: "the duration between two temporal values in whole days" },
    FunctionInfo { func: Func::DurationInSeconds, name: "duration.inSeconds", min_args: 2, max_args: 2, doc: "the duration between two temporal values in seconds" },
];

/// The aggregate functions, by their documented names.
pub const AGGREGATES: &[&str] = &[
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "collect",
    "stDev",
    "stDevP",
    "percentileCont",
    "percentileDisc",
];

/// The function called `name`, ignoring case.
///
/// ```
/// use evroad::functions::{lookup, Func};
/// assert_eq!(lookup("TOUPPER").map(|f| f.func), Some(Func::ToUpper));
/// assert_eq!(lookup("nope"), None);
/// ```
pub fn lookup(name: &str) -> Option<&'static FunctionInfo> {
    FUNCTIONS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

impl Func {
    /// What the registry knows of this function.
    pub fn info(self) -> &'static FunctionInfo {
        // The rows are in variant order (the unit test below checks it): one index, as
        // the executor asks for a function's name on every call.
        &FUNCTIONS[self as usize]
    }

    /// The documented name.
    pub fn name(self) -> &'static str {
        self.info().name
    }
}

/// What a temporal function does (see [`Func::temporal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemporalOp {
    /// `date(...)`: from a string, map or temporal value; no argument reads the statement's clock.
    Construct,
    /// `date.transaction()` and `date.statement()`: the statement's clock.
    Statement,
    /// `date.realtime()`: the clock now.
    Realtime,
    /// `date.truncate(unit, value[, map])`.
    Truncate,
    /// `datetime.fromepoch(seconds, nanoseconds)`.
    FromEpoch,
    /// `datetime.fromepochmillis(ms)`.
    FromEpochMillis,
    /// `duration.between` and its `inMonths`, `inDays`, `inSeconds` variants.
    Between(crate::temporal::Between),
}

impl Func {
    /// Whether a call's value is fixed for a statement once its arguments are: every function
    /// but `rand`, `timestamp`, the `*.realtime` clocks and the application's functions about
    /// entities. A call to one with constant arguments is evaluated once per statement.
    ///
    /// ```
    /// use evroad::functions::Func;
    /// assert!(Func::Date.stable());
    /// assert!(!Func::DateRealtime.stable() && !Func::Rand.stable());
    /// ```
    pub fn stable(self) -> bool {
        !matches!(
            self,
            Func::Rand
                | Func::Timestamp
                | Func::DateRealtime
                | Func::LocalTimeRealtime
                | Func::TimeRealtime
                | Func::LocalDateTimeRealtime
                | Func::DateTimeRealtime
                | Func::Sources
                | Func::Entity
                | Func::ValidAt
                | Func::Exists
        )
    }

    /// The kind and operation of a temporal function; `None` for the others.
    ///
    /// ```
    /// use evroad::functions::{lookup, TemporalOp};
    /// use evroad::temporal::Kind;
    /// let f = lookup("date.truncate").unwrap().func;
    /// assert_eq!(f.temporal(), Some((Kind::Date, TemporalOp::Truncate)));
    /// ```
    pub fn temporal(self) -> Option<(crate::temporal::Kind, TemporalOp)> {
        use crate::temporal::{Between, Kind};
        use TemporalOp as O;
        Some(match self {
            Func::Date => (Kind::Date, O::Construct),
            Func::DateTransaction | Func::DateStatement => (Kind::Date, O::Statement),
            Func::DateRealtime => (Kind::Date, O::Realtime),
            Func::DateTruncate => (Kind::Date, O::Truncate),
            Func::LocalTime => (Kind::LocalTime, O::Construct),
            Func::LocalTimeTransaction | Func::LocalTimeStatement => {
                (Kind::LocalTime, O::Statement)
            }
            Func::LocalTimeRealtime => (Kind::LocalTime, O::Realtime),
            Func::LocalTimeTruncate => (Kind::LocalTime, O::Truncate),
            Func::Time => (Kind::Time, O::Construct),
            Func::TimeTransaction | Func::TimeStatement => (Kind::Time, O::Statement),
            Func::TimeRealtime => (Kind::Time, O::Realtime),
            Func::TimeTruncate => (Kind::Time, O::Truncate),
            Func::LocalDateTime => (Kind::LocalDateTime, O::Construct),
            Func::LocalDateTimeTransaction | Func::LocalDateTimeStatement => {
                (Kind::LocalDateTime, O::Statement)
            }
            Func::LocalDateTimeRealtime => (Kind::LocalDateTime, O::Realtime),
            Func::LocalDateTimeTruncate => (Kind::LocalDateTime, O::Truncate),
            Func::DateTime => (Kind::DateTime, O::Construct),
            Func::DateTimeTransaction | Func::DateTimeStatement => (Kind::DateTime, O::Statement),
            Func::DateTimeRealtime => (Kind::DateTime, O::Realtime),
            Func::DateTimeTruncate => (Kind::DateTime, O::Truncate),
            Func::DateTimeFromEpoch => (Kind::DateTime, O::FromEpoch),
            Func::DateTimeFromEpochMillis => (Kind::DateTime, O::FromEpochMillis),
            Func::Duration => (Kind::Duration, O::Construct),
            Func::DurationBetween => (Kind::Duration, O::Between(Between::All)),
            Func::DurationInMonths => (Kind::Duration, O::Between(Between::Months)),
            Func::DurationInDays => (Kind::Duration, O::Between(Between::Days)),
            Func::DurationInSeconds => (Kind::Duration, O::Between(Between::Seconds)),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_has_one_row_and_a_distinct_name() {
        for (i, f) in FUNCTIONS.iter().enumerate() {
            assert_eq!(f.func.info(), f, "{}", f.name);
            assert!(f.min_args <= f.max_args);
            assert!(
                FUNCTIONS[..i]
                    .iter()
                    .all(|g| !g.name.eq_ignore_ascii_case(f.name)),
                "{} twice",
                f.name
            );
        }
    }
}
