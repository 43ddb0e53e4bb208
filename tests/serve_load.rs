//! A bounded load test of `evroad serve` on loopback (ignored by default; see docs/performance.md):
//!
//! ```sh
//! cargo test --release --test serve_load -- --ignored --nocapture
//! ```
//!
//! 20 clients, each on one keep-alive connection, send 500 requests apiece (10 000 in all):
//! `POST /api/query` with the example questions of the web app in turn, plus every fifth request
//! a `GET /api/schema`. It stops by itself (fixed count, 120 s deadline, 30 s socket timeouts)
//! and asserts zero errors (every status 200, every body the expected JSON).
#![cfg(feature = "serve")]

mod http;

use evroad::serve::{self, Config, EXAMPLES};
use evroad::Graph;
use std::io::{BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const CLIENTS: usize = 20;
const PER_CLIENT: usize = 500;

#[test]
#[ignore = "load test: run with --release -- --ignored --nocapture"]
fn serve_load_20_clients_10000_requests() {
    let server = serve::start(
        Graph::nissan(),
        Config {
            port: 0,
            ..Config::default()
        },
    )
    .expect("start");
    let addr = server.addr();
    assert!(addr.ip().is_loopback());
    let requests: Vec<Vec<u8>> = EXAMPLES
        .iter()
        .map(|(_, q)| {
            let body = serde_json::json!({ "query": q }).to_string();
            http::request_bytes(
                "POST",
                "/api/query",
                &[("Content-Type", "application/json")],
                body.as_bytes(),
                false,
            )
        })
        .chain(std::iter::once(http::request_bytes(
            "GET",
            "/api/schema",
            &[],
            b"",
            false,
        )))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(120);
    let start = Instant::now();
    let handles: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let requests = requests.clone();
            std::thread::spawn(move || {
                let stream = TcpStream::connect(addr).expect("connect");
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                stream.set_nodelay(true).unwrap();
                let mut writer = stream.try_clone().unwrap();
                let mut reader = BufReader::new(stream);
                let mut latencies = Vec::with_capacity(PER_CLIENT);
                let mut errors = 0usize;
                for i in 0..PER_CLIENT {
                    if Instant::now() > deadline {
                        errors += PER_CLIENT - i;
                        break;
                    }
                    // every fifth request reads the schema; the others rotate over the examples
                    let k = if i % 5 == 4 {
                        requests.len() - 1
                    } else {
                        (c + i) % (requests.len() - 1)
                    };
                    let t = Instant::now();
                    writer.write_all(&requests[k]).expect("write");
                    match http::read_response(&mut reader) {
                        Ok(r) if r.status == 200 && r.body.starts_with('{') => {}
                        Ok(r) => {
                            eprintln!("error: {} {}", r.status, r.body);
                            errors += 1;
                        }
                        Err(e) => {
                            eprintln!("error: {e}");
                            errors += 1;
                            break;
                        }
                    }
                    latencies.push(t.elapsed());
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().expect("client thread");
        latencies.extend(l);
        errors += e;
    }
    let wall = start.elapsed();
    server.stop();
    latencies.sort();
    let pct = |p: f64| {
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1000.0
    };
    let total = latencies.len();
    println!(
        "serve load: {CLIENTS} clients, {total} requests in {:.2} s: {:.0} requests/s; latency ms p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}; errors {errors}",
        wall.as_secs_f64(),
        total as f64 / wall.as_secs_f64(),
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0),
    );
    assert_eq!(errors, 0);
    assert_eq!(total, CLIENTS * PER_CLIENT);
}
