//! Per-operation cost of the mutable containers (`list`, `dict`), per strategy, on one attached thread.
//!
//! Every benchmark is stamped once per strategy by [`gilfree::for_each_strategy!`], so the IDs of one
//! operation sit side by side (`list_get/gil`, `list_get/atomic`, ...). Nothing contends: these figures
//! are the single-thread tax of each strategy's container protocol (a per-container lock for writers and
//! lock-free optimistic reads under `atomic`, nothing but the GIL under `gil`).
//!
//! - `list_append/<strategy>`: `list.append(x)` of a shared small int (immortal where the strategy has
//!   immortality). The list is cleared every 1000 appends, so it never grows past its first capacity and the
//!   figure is the append itself plus 1/1000 of a clear.
//! - `list_get/<strategy>`: `list[i]` (a new reference, dropped at once) on a 1000-item list of floats,
//!   which are never immortal, so the read's incref and the drop's decref really touch the count. `i` cycles
//!   through the list.
//! - `dict_get/<strategy>`: a hit of `dict.get(key)` on a 1000-entry dict with interned str keys and int
//!   values, keys cycling; the figure includes hashing the key and dropping the returned value.
//! - `dict_set/<strategy>`: `dict[key] = value` overwriting an existing key (no insertion, no growth) with a
//!   shared float, keys cycling; the figure includes dropping the replaced value.
//! - `dict_insert/<strategy>`: a fresh dict, 8 insertions of interned keys, and its drop (an instance's
//!   attribute dict being built in `__init__`) and a safepoint; the figure is per dict, not per insertion.
//!
//! Measurement times are short (1 s warm-up, 2 s measurement, 20 samples) so that `cargo bench` of the
//! whole crate finishes in a few minutes on a small machine; pass criterion's own flags to change them.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use gilfree::object::{Dict, ObjRef, Typed, dict_obj, float_obj, int_obj, intern, list_obj};
use gilfree::strategy::{Attached, Runtime, Strategy};

/// Items in the lists and entries in the dicts.
const N: usize = 1000;

/// The next index of a cycle through `0..len` (cheaper than `i % len`, which divides).
#[inline(always)]
fn next(i: &mut usize, len: usize) -> usize {
    let cur = *i;
    *i = if cur + 1 == len { 0 } else { cur + 1 };
    cur
}

fn list_append<S: Strategy>(g: &mut BenchmarkGroup<'_, WallTime>, name: &str) {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let at = th.attach();
    let list = list_obj::<S>(vec![]);
    let item: ObjRef<S> = int_obj::<S>(7);
    g.bench_function(name, |b| {
        let mut n = 0;
        b.iter(|| {
            list.append(black_box(item.clone()), &at);
            n += 1;
            if n == N {
                n = 0;
                list.clear(&at);
            }
        });
    });
    drop(list);
}

fn list_get<S: Strategy>(g: &mut BenchmarkGroup<'_, WallTime>, name: &str) {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let at = th.attach();
    let list = list_obj::<S>((0..N).map(|i| float_obj::<S>(i as f64 + 0.5)).collect());
    let len = list.len();
    g.bench_function(name, |b| {
        let mut i = 0;
        b.iter(|| {
            let v = list.get(next(&mut i, len), &at);
            black_box(v)
        });
    });
    drop(list);
}

/// A dict of `N` interned str keys `k0`.. `k999` to ints, and its keys in insertion order.
fn keyed_dict<S: Strategy>(at: &Attached<'_, S>) -> (Typed<S, Dict<S>>, Vec<ObjRef<S>>) {
    let d = dict_obj::<S>();
    let keys: Vec<ObjRef<S>> = (0..N).map(|i| intern::<S>(&format!("k{i}"))).collect();
    for (i, k) in keys.iter().enumerate() {
        let old = d.set(k.clone(), int_obj::<S>(i as i64), at).expect("str keys are hashable");
        assert!(old.is_none(), "keys are distinct");
    }
    (d, keys)
}

fn dict_get<S: Strategy>(g: &mut BenchmarkGroup<'_, WallTime>, name: &str) {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let at = th.attach();
    let (d, keys) = keyed_dict::<S>(&at);
    g.bench_function(name, |b| {
        let mut i = 0;
        b.iter(|| {
            let v = d.get(&keys[next(&mut i, keys.len())], &at);
            debug_assert!(matches!(v, Ok(Some(_))));
            black_box(v)
        });
    });
    drop((d, keys));
}

fn dict_set<S: Strategy>(g: &mut BenchmarkGroup<'_, WallTime>, name: &str) {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let at = th.attach();
    let (d, keys) = keyed_dict::<S>(&at);
    let value: ObjRef<S> = float_obj::<S>(2.5);
    g.bench_function(name, |b| {
        let mut i = 0;
        b.iter(|| {
            let old = d.set(keys[next(&mut i, keys.len())].clone(), value.clone(), &at);
            debug_assert!(matches!(old, Ok(Some(_))));
            black_box(old)
        });
    });
    drop((d, keys, value));
}

/// A fresh dict filled with 8 interned keys, then dropped: the attribute-dict traffic of creating an
/// instance and setting its attributes in `__init__`.
fn dict_insert<S: Strategy>(g: &mut BenchmarkGroup<'_, WallTime>, name: &str) {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let mut at = th.attach();
    let keys: Vec<ObjRef<S>> = (0..8).map(|i| intern::<S>(&format!("attr{i}"))).collect();
    let value: ObjRef<S> = int_obj::<S>(1);
    g.bench_function(name, |b| {
        b.iter(|| {
            let d = dict_obj::<S>();
            for k in &keys {
                let old = d.set(k.clone(), value.clone(), &at);
                debug_assert!(matches!(old, Ok(None)));
            }
            drop(black_box(d));
            // A safepoint per dict, as the eval loop would reach one: it lets the epoch advance so the
            // retired dict memory is actually reclaimed instead of piling up.
            at.safepoint();
        });
    });
    drop((keys, value));
}

/// One criterion group per operation, named after it, with one benchmark per strategy in it: the IDs come
/// out as `list_append/gil`, `list_append/atomic`, ...
fn containers(c: &mut Criterion) {
    macro_rules! stamp {
        ($bench:ident) => {{
            let mut g = c.benchmark_group(stringify!($bench));
            macro_rules! one {
                ($name:ident, $S:ty) => {
                    $bench::<$S>(&mut g, stringify!($name));
                };
            }
            gilfree::for_each_strategy!(one);
            g.finish();
        }};
    }
    stamp!(list_append);
    stamp!(list_get);
    stamp!(dict_get);
    stamp!(dict_set);
    stamp!(dict_insert);
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2)).sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = containers
}
criterion_main!(benches);
