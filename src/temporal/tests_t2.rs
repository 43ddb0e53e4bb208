//! Parsing strings: TCK Temporal2 rows as direct calls.

use super::tests::*;
#[allow(unused_imports)]
use super::*;

/// Temporal2 [1] Should parse date from string
#[test]
fn t2_1_date() {
    let t = r#"
| str          | result       |
| '2015-07-21' | '2015-07-21' |
| '20150721'   | '2015-07-21' |
| '2015-07'    | '2015-07-01' |
| '201507'     | '2015-07-01' |
| '2015-W30-2' | '2015-07-21' |
| '2015W302'   | '2015-07-21' |
| '2015-W30'   | '2015-07-20' |
| '2015W30'    | '2015-07-20' |
| '2015-202'   | '2015-07-21' |
| '2015202'    | '2015-07-21' |
| '2015'       | '2015-01-01' |
"#;
    assert!(outline("date(<str>)", "result", t) > 0);
}

/// Temporal2 [2] Should parse local time from string
#[test]
fn t2_2_localtime() {
    let t = r#"
| str            | result         |
| '21:40:32.142' | '21:40:32.142' |
| '214032.142'   | '21:40:32.142' |
| '21:40:32'     | '21:40:32'     |
| '214032'       | '21:40:32'     |
| '21:40'        | '21:40'        |
| '2140'         | '21:40'        |
| '21'           | '21:00'        |
"#;
    assert!(outline("localtime(<str>)", "result", t) > 0);
}

/// Temporal2 [3] Should parse time from string
#[test]
fn t2_3_time() {
    let t = r#"
| str                 | result               |
| '21:40:32.142+0100' | '21:40:32.142+01:00' |
| '214032.142Z'       | '21:40:32.142Z'      |
| '21:40:32+01:00'    | '21:40:32+01:00'     |
| '214032-0100'       | '21:40:32-01:00'     |
| '21:40-01:30'       | '21:40-01:30'        |
| '2140-00:00'        | '21:40Z'             |
| '2140-02'           | '21:40-02:00'        |
| '22+18:00'          | '22:00+18:00'        |
"#;
    assert!(outline("time(<str>)", "result", t) > 0);
}

/// Temporal2 [4] Should parse local date time from string
#[test]
fn t2_4_localdatetime() {
    let t = r#"
| str                       | result                    |
| '2015-07-21T21:40:32.142' | '2015-07-21T21:40:32.142' |
| '2015-W30-2T214032.142'   | '2015-07-21T21:40:32.142' |
| '2015-202T21:40:32'       | '2015-07-21T21:40:32'     |
| '2015T214032'             | '2015-01-01T21:40:32'     |
| '20150721T21:40'          | '2015-07-21T21:40'        |
| '2015-W30T2140'           | '2015-07-20T21:40'        |
| '2015202T21'              | '2015-07-21T21:00'        |
"#;
    assert!(outline("localdatetime(<str>)", "result", t) > 0);
}

/// Temporal2 [5] Should parse date time from string
#[test]
fn t2_5_datetime() {
    let t = r#"
| str                            | result                          |
| '2015-07-21T21:40:32.142+0100' | '2015-07-21T21:40:32.142+01:00' |
| '2015-W30-2T214032.142Z'       | '2015-07-21T21:40:32.142Z'      |
| '2015-202T21:40:32+01:00'      | '2015-07-21T21:40:32+01:00'     |
| '2015T214032-0100'             | '2015-01-01T21:40:32-01:00'     |
| '20150721T21:40-01:30'         | '2015-07-21T21:40-01:30'        |
| '2015-W30T2140-00:00'          | '2015-07-20T21:40Z'             |
| '2015-W30T2140-02'             | '2015-07-20T21:40-02:00'        |
| '2015202T21+18:00'             | '2015-07-21T21:00+18:00'        |
"#;
    assert!(outline("datetime(<str>)", "result", t) > 0);
}

/// Temporal2 [6] Should parse date time with named time zone from string
#[test]
fn t2_6_datetime_named_zone() {
    let t = r#"
| str                                               | result                                               |
| '2015-07-21T21:40:32.142+02:00[Europe/Stockholm]' | '2015-07-21T21:40:32.142+02:00[Europe/Stockholm]'    |
| '2015-07-21T21:40:32.142+0845[Australia/Eucla]'   | '2015-07-21T21:40:32.142+08:45[Australia/Eucla]'     |
| '2015-07-21T21:40:32.142-04[America/New_York]'    | '2015-07-21T21:40:32.142-04:00[America/New_York]'    |
| '2015-07-21T21:40:32.142[Europe/London]'          | '2015-07-21T21:40:32.142+01:00[Europe/London]'       |
| '1818-07-21T21:40:32.142[Europe/Stockholm]'       | '1818-07-21T21:40:32.142+00:53:28[Europe/Stockholm]' |
"#;
    assert!(outline("datetime(<str>)", "result", t) > 0);
}

/// Temporal2 [7] Should parse duration from string
#[test]
fn t2_7_duration() {
    let t = r#"
| str                        | result                     |
| 'P14DT16H12M'              | 'P14DT16H12M'              |
| 'P5M1.5D'                  | 'P5M1DT12H'                |
| 'P0.75M'                   | 'P22DT19H51M49.5S'         |
| 'PT0.75M'                  | 'PT45S'                    |
| 'P2.5W'                    | 'P17DT12H'                 |
| 'P12Y5M14DT16H12M70S'      | 'P12Y5M14DT16H13M10S'      |
| 'P2012-02-02T14:37:21.545' | 'P2012Y2M2DT14H37M21.545S' |
"#;
    assert!(outline("duration(<str>)", "result", t) > 0);
}
