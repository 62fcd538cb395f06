//! Measures hot-loop indexing of `Slice<bool>`/`Slice<i64>` against `Vec` (a sieve of
//! Eratosthenes and a summing loop): `cargo run --release -p go2rs-runtime --example sieve_bench`.

use std::time::Instant;

use go2rs_runtime::prelude::*;

const N: i64 = 20_000_000;

fn sieve_slice() -> i64 {
    let composite = Slice::<bool>::make_len(N + 1);
    let mut count = 0;
    let mut i = 2;
    while i <= N {
        if !composite.get(i) {
            count += 1;
            let mut j = i * i;
            while j <= N {
                composite.set(j, true);
                j += i;
            }
        }
        i += 1;
    }
    count
}

fn sieve_vec() -> i64 {
    let mut composite = vec![false; (N + 1) as usize];
    let mut count = 0;
    let mut i = 2;
    while i <= N {
        if !composite[i as usize] {
            count += 1;
            let mut j = i * i;
            while j <= N {
                composite[j as usize] = true;
                j += i;
            }
        }
        i += 1;
    }
    count
}

fn sum_slice(s: &Slice<i64>) -> i64 {
    let mut total = 0i64;
    for i in 0..s.len() {
        total = total.wrapping_add(s.get(i));
    }
    total
}

fn time<R: std::fmt::Debug>(name: &str, f: impl FnOnce() -> R) {
    let t = Instant::now();
    let r = f();
    println!("{name:12} {:>8.1} ms  ({r:?})", t.elapsed().as_secs_f64() * 1e3);
}

fn main() {
    time("sieve Vec", sieve_vec);
    time("sieve Slice", sieve_slice);
    let v: Vec<i64> = (0..N).collect();
    let s = Slice::from_vec(v.clone());
    time("sum Vec", || v.iter().fold(0i64, |a, b| a.wrapping_add(*b)));
    time("sum Slice", || sum_slice(&s));
    time("sum iter", || s.iter().fold(0i64, i64::wrapping_add));
    let p = Ptr::new(0i64);
    time("Ptr counter", || {
        for _ in 0..N {
            p.update(|n| *n += 1);
        }
        p.get()
    });
}
