//! Unit tests for every object type, stamped once per strategy by `for_each_strategy!`.
//!
//! Each test checks, besides its own assertions, that it freed every object it allocated: the per-thread
//! live count ([`counts`](crate::object::counts)) must return to where it started.

use crate::object::hash::{hash_float, hash_int, hash_str};
use crate::object::scalar::Int;

/// CPython 3.11 values, printed by `python3 -c 'print(hash(...))'` on x86-64.
#[test]
fn number_hashes_match_cpython() {
    assert_eq!(hash_int(-1), -2);
    assert_eq!(hash_int((1 << 61) - 1), 0);
    assert_eq!(hash_int(1 << 61), 1);
    assert_eq!(hash_int(-(1 << 61)), -2);
    assert_eq!(hash_int(i64::MAX), 3);
    assert_eq!(hash_int(i64::MIN), -4);
    assert_eq!(hash_float(1.5, 0), 1_152_921_504_606_846_977);
    assert_eq!(hash_float(-1.5, 0), -1_152_921_504_606_846_977);
    assert_eq!(hash_float(0.1, 0), 230_584_300_921_369_408);
    assert_eq!(hash_float(1e300, 0), 1_224_995_262_755_759_164);
    assert_eq!(hash_float(5e-324, 0), 16_777_216);
    assert_eq!(hash_float(-2.0, 0), -2);
    assert_eq!(hash_float(1e16, 0), 10_000_000_000_000_000);
    assert_eq!(hash_float(f64::INFINITY, 0), 314_159);
    assert_eq!(hash_float(f64::NEG_INFINITY, 0), -314_159);
    assert_ne!(hash_float(f64::NAN, 0x1000), hash_float(f64::NAN, 0x2000), "NaN hashes by identity");
    assert_ne!(hash_str("a"), hash_str("b"));
    assert_eq!(hash_str("abc"), hash_str("abc"));
}

#[test]
fn int_arithmetic_follows_python_and_overflows_cleanly() {
    assert_eq!(Int::floordiv(-7, 2), Ok(-4));
    assert_eq!(Int::modulo(-7, 2), Ok(1));
    assert_eq!(Int::floordiv(7, -2), Ok(-4));
    assert_eq!(Int::modulo(7, -2), Ok(-1));
    assert_eq!(Int::floordiv(-7, -2), Ok(3));
    assert_eq!(Int::modulo(-7, -2), Ok(-1));
    assert_eq!(Int::modulo(i64::MIN, -1), Ok(0));
    assert_eq!(Int::floordiv(1, 0).unwrap_err().py_name(), "ZeroDivisionError");
    assert_eq!(Int::modulo(1, 0).unwrap_err().py_name(), "ZeroDivisionError");
    assert_eq!(Int::add(i64::MAX, 1).unwrap_err().py_name(), "OverflowError");
    assert_eq!(Int::mul(i64::MIN, -1).unwrap_err().py_name(), "OverflowError");
    assert_eq!(Int::floordiv(i64::MIN, -1).unwrap_err().py_name(), "OverflowError");
    assert_eq!(Int::neg(i64::MIN).unwrap_err().py_name(), "OverflowError");
    assert_eq!(Int::sub(-3, 4), Ok(-7));
}

macro_rules! object_tests {
    ($name:ident, $S:ty) => {
        mod $name {
            use crate::object::counts::live_on_this_thread;
            use crate::object::hash::hash;
            use crate::object::*;
            use crate::strategy::{Runtime, Strategy};

            type S = $S;

            /// Runs `body` attached, then checks it freed everything it allocated (under a collector, after
            /// a collection with no roots: the body dropped everything it held).
            fn run(body: impl FnOnce(&mut crate::strategy::Attached<'_, S>)) {
                let rt = Runtime::<S>::default();
                let mut th = rt.thread();
                let before = live_on_this_thread();
                {
                    let mut at = th.attach();
                    body(&mut at);
                    at.collect(&ExplicitRoots(&[]));
                }
                assert_eq!(live_on_this_thread(), before, "objects leaked (or freed twice)");
            }

            /// `o`'s count is `n` (skipped without counts: under a collector `refcount` means nothing).
            fn assert_rc(o: &Obj<S>, n: usize) {
                if !S::CONSTRAINTS.traces() {
                    assert_eq!(o.refcount(), n);
                }
            }

            /// A plain class (no built-in base) named `name`.
            fn class_obj(name: &str, base: Option<ObjRef<S>>) -> ObjRef<S> {
                ObjRef::new(Class {
                    name: intern::<S>(name),
                    base,
                    dict: dict_obj::<S>(),
                    builtin: None,
                    is_exception: false,
                    finalizer: false,
                })
            }

            fn int_of(o: &Obj<S>) -> i64 {
                o.downcast::<Int>().expect("an int").0
            }

            #[test]
            fn singletons_are_shared_and_immortal() {
                run(|_| {
                    assert!(none::<S>().is(&none::<S>()));
                    assert!(bool_obj::<S>(true).is(&bool_obj::<S>(true)));
                    assert!(!bool_obj::<S>(true).is(&bool_obj::<S>(false)));
                    assert!(int_obj::<S>(-5).is(&int_obj::<S>(-5)));
                    assert!(int_obj::<S>(256).is(&int_obj::<S>(256)));
                    assert!(!int_obj::<S>(257).is(&int_obj::<S>(257)));
                    assert!(!int_obj::<S>(-6).is(&int_obj::<S>(-6)));
                    assert_eq!(int_of(&int_obj::<S>(100)), 100);
                    let n = none::<S>();
                    assert_eq!(n.is_immortal(), S::CONSTRAINTS.immortal);
                    let before = n.refcount();
                    let extra: Vec<_> = (0..10).map(|_| n.clone()).collect();
                    if S::CONSTRAINTS.immortal {
                        assert_eq!(n.refcount(), before, "immortal counts are never written");
                    }
                    drop(extra);
                    assert_eq!(none::<S>().kind(), TypeKind::None);
                    assert_eq!(none::<S>().type_name(), "NoneType");
                });
            }

            #[test]
            fn refcounts_follow_clone_and_drop() {
                run(|_| {
                    let f = float_obj::<S>(2.5);
                    assert_rc(&f, 1);
                    let g = f.clone();
                    assert_rc(&f, 2);
                    assert!(f.is(&g));
                    drop(g);
                    assert_rc(&f, 1);
                    assert_eq!(f.downcast::<Float>().map(|x| x.0), Some(2.5));
                    assert!(f.downcast::<Int>().is_none());
                    let raw = f.clone().into_raw();
                    assert_rc(&f, 2);
                    // SAFETY: `raw` carries the reference `into_raw` kept.
                    drop(unsafe { ObjRef::<S>::from_raw(raw) });
                    assert_rc(&f, 1);
                });
            }

            #[test]
            fn strings_hash_once_and_intern() {
                run(|_| {
                    let a = str_obj::<S>("hello");
                    let b = str_obj::<S>("hello");
                    assert!(!a.is(&b));
                    assert_eq!(hash(&a), hash(&b));
                    assert!(crate::object::hash::key_eq(&a, &b));
                    let i1 = intern::<S>("an_identifier");
                    let i2 = intern::<S>("an_identifier");
                    assert!(i1.is(&i2));
                    assert_eq!(i1.is_immortal(), S::CONSTRAINTS.immortal);
                    assert_eq!(i1.downcast::<Str>().map(Str::as_str), Some("an_identifier"));
                });
            }

            #[test]
            fn tuples_own_and_trace_their_items() {
                run(|_| {
                    let item = float_obj::<S>(1.0);
                    let t = tuple_obj::<S>(vec![item.clone(), int_obj::<S>(1), str_obj::<S>("x")]);
                    assert_rc(&item, 2);
                    let tup = t.downcast::<Tuple<S>>().expect("a tuple");
                    assert_eq!(tup.len(), 3);
                    let kids = children(&t);
                    assert_eq!(kids.len(), 3);
                    assert_eq!(kids[0], item.as_ptr());
                    drop(t);
                    assert_rc(&item, 1);
                    let t = tuple_obj::<S>(vec![int_obj::<S>(1), int_obj::<S>(2)]);
                    assert_eq!(hash(&t), Ok(-3_550_055_125_485_641_917));
                    assert_eq!(hash(&tuple_obj::<S>(vec![])), Ok(5_740_354_900_026_072_187));
                });
            }

            #[test]
            fn list_operations() {
                run(|at| {
                    let l = list_obj::<S>(vec![int_obj::<S>(1), int_obj::<S>(2)]);
                    assert_eq!(l.len(), 2);
                    let x = float_obj::<S>(3.0);
                    l.append(x.clone(), at);
                    assert_rc(&x, 2);
                    assert!(l.get(2, at).is_some_and(|v| v.is(&x)));
                    assert!(l.get(3, at).is_none());
                    l.insert(0, int_obj::<S>(0), at);
                    let vals: Vec<i64> = l.to_vec(at)[..3].iter().map(|o| int_of(o)).collect();
                    assert_eq!(vals, [0, 1, 2]);
                    l.set(1, int_obj::<S>(10), at).unwrap();
                    assert_eq!(l.get(1, at).map(|o| int_of(&o)), Some(10));
                    assert_eq!(l.set(9, int_obj::<S>(0), at).unwrap_err().py_name(), "IndexError");
                    let last = l.pop(None, at).unwrap();
                    assert!(last.is(&x));
                    drop(last);
                    assert_rc(&x, 1);
                    assert_eq!(l.pop(Some(0), at).map(|o| int_of(&o)), Some(0));
                    assert_eq!(l.len(), 2);
                    assert!(l.pop(Some(5), at).is_none());
                    for i in 0..1000 {
                        l.append(float_obj::<S>(i as f64), at);
                    }
                    assert_eq!(l.len(), 1002);
                    assert_eq!(l.get(1001, at).and_then(|o| o.downcast::<Float>().map(|f| f.0)), Some(999.0));
                    assert_eq!(children(l.as_obj()).len(), 1002);
                    l.clear(at);
                    assert!(l.is_empty());
                    assert!(l.pop(None, at).is_none());
                    l.append(x.clone(), at);
                    assert_rc(&x, 2);
                });
            }

            #[test]
            fn dict_operations_keep_insertion_order() {
                run(|at| {
                    let d = dict_obj::<S>();
                    assert!(d.get(&int_obj::<S>(1), at).unwrap().is_none());
                    d.set(str_obj::<S>("b"), int_obj::<S>(2), at).unwrap();
                    d.set(str_obj::<S>("a"), int_obj::<S>(1), at).unwrap();
                    d.set(int_obj::<S>(1), str_obj::<S>("one"), at).unwrap();
                    assert_eq!(d.len(), 3);
                    // 1, 1.0 and True are one key.
                    let old = d.set(float_obj::<S>(1.0), str_obj::<S>("uno"), at).unwrap();
                    assert!(old.is_some());
                    assert_eq!(d.len(), 3);
                    let v = d.get(&bool_obj::<S>(true), at).unwrap().unwrap();
                    assert_eq!(v.downcast::<Str>().map(Str::as_str), Some("uno"));
                    // The original key object stays.
                    let keys = d.keys(at);
                    assert_eq!(keys[2].kind(), TypeKind::Int);
                    assert_eq!(keys[0].downcast::<Str>().map(Str::as_str), Some("b"));
                    // Delete and reinsert moves a key to the end.
                    let removed = d.remove(&str_obj::<S>("b"), at).unwrap();
                    assert_eq!(removed.map(|o| int_of(&o)), Some(2));
                    assert!(d.remove(&str_obj::<S>("b"), at).unwrap().is_none());
                    d.set(str_obj::<S>("b"), int_obj::<S>(3), at).unwrap();
                    let order: Vec<String> = d
                        .keys(at)
                        .iter()
                        .map(|k| match k.downcast::<Str>() {
                            Some(s) => s.as_str().to_owned(),
                            None => int_of(k).to_string(),
                        })
                        .collect();
                    assert_eq!(order, ["a", "1", "b"]);
                    assert_eq!(children(d.as_obj()).len(), 6);
                    // Unhashable keys raise TypeError.
                    let err = d.set(list_obj::<S>(vec![]).into_obj(), none::<S>(), at).unwrap_err();
                    assert_eq!(err.to_string(), "TypeError: unhashable type: 'list'");
                    assert!(d.get(dict_obj::<S>().as_obj(), at).is_err());
                    // Tuple keys compare by value.
                    let k = || tuple_obj::<S>(vec![int_obj::<S>(1), str_obj::<S>("x")]);
                    d.set(k(), int_obj::<S>(7), at).unwrap();
                    assert_eq!(d.get(&k(), at).unwrap().map(|o| int_of(&o)), Some(7));
                    d.clear(at);
                    assert!(d.is_empty());
                    assert!(d.items(at).is_empty());
                });
            }

            #[test]
            fn dict_grows_and_compacts() {
                run(|at| {
                    let d = dict_obj::<S>();
                    for round in 0..3 {
                        for i in 0..2000 {
                            d.set(int_obj::<S>(i), float_obj::<S>((i * round) as f64), at).unwrap();
                        }
                        for i in (0..2000).step_by(2) {
                            assert!(d.remove(&int_obj::<S>(i), at).unwrap().is_some());
                        }
                        assert_eq!(d.len(), 1000);
                        for i in 0..2000 {
                            let got = d.get(&int_obj::<S>(i), at).unwrap();
                            assert_eq!(got.is_some(), i % 2 == 1, "key {i} round {round}");
                        }
                    }
                    let items = d.items(at);
                    assert_eq!(items.len(), 1000);
                    assert_eq!(int_of(&items[0].0), 1);
                });
            }

            #[test]
            fn cells_bind_and_unbind() {
                run(|at| {
                    let c = ObjRef::<S>::new(Cell::new(None));
                    let cell = c.downcast::<Cell<S>>().unwrap();
                    assert!(cell.get(at).is_none());
                    let v = float_obj::<S>(9.0);
                    assert!(cell.set(Some(v.clone()), at).is_none());
                    assert!(cell.get(at).unwrap().is(&v));
                    assert_eq!(children(&c), vec![v.as_ptr()]);
                    drop(c);
                    assert_rc(&v, 1);
                });
            }

            #[test]
            fn interpreter_objects_allocate_trace_and_free() {
                run(|at| {
                    let globals = dict_obj::<S>();
                    let code = ObjRef::<S>::new(Code {
                        unit: std::sync::Arc::default(),
                        name: intern::<S>("f"),
                        consts: vec![none::<S>(), float_obj::<S>(0.5)].into(),
                        names: vec![intern::<S>("x")].into(),
                        tb_name: "f".into(),
                        top_level: true,
                    });
                    assert_eq!(children(&code).len(), 4);
                    let cell = ObjRef::<S>::new(Cell::new(Some(float_obj::<S>(1.0))));
                    let func = ObjRef::<S>::new(Function {
                        name: intern::<S>("f"),
                        qualname: intern::<S>("f"),
                        code: code.clone(),
                        globals: globals.clone().into_obj(),
                        defaults: Some(tuple_obj::<S>(vec![int_obj::<S>(3)])),
                        kwdefaults: None,
                        closure: Some(tuple_obj::<S>(vec![cell])),
                    });
                    assert_eq!(children(&func).len(), 6);
                    let class = class_obj("C", None);
                    class.downcast::<Class<S>>().unwrap().dict.set(intern::<S>("method"), func.clone(), at).unwrap();
                    let sub = class_obj("D", Some(class.clone()));
                    let inst = ObjRef::<S>::new(Instance::new(sub.clone()));
                    inst.downcast::<Instance<S>>()
                        .unwrap()
                        .dict
                        .set(intern::<S>("a"), float_obj::<S>(2.0), at)
                        .unwrap();
                    assert_eq!(children(&inst).len(), 2);
                    let bound = ObjRef::<S>::new(BoundMethod { receiver: inst.clone(), func: func.clone() });
                    assert_eq!(bound.type_name(), "method");
                    let module = ObjRef::<S>::new(Module { name: intern::<S>("m"), dict: globals.clone() });
                    globals.set(intern::<S>("C"), class.clone(), at).unwrap();
                    let exc =
                        ObjRef::<S>::new(Exception::new(class.clone(), tuple_obj::<S>(vec![str_obj::<S>("boom")])));
                    assert_eq!(children(&exc).len(), 3, "class, args, attribute dict");
                    let kinds: Vec<TypeKind> =
                        [&code, &func, &class, &inst, &bound, &module, &exc].iter().map(|o| o.kind()).collect();
                    assert_eq!(
                        kinds,
                        [
                            TypeKind::Code,
                            TypeKind::Function,
                            TypeKind::Class,
                            TypeKind::Instance,
                            TypeKind::BoundMethod,
                            TypeKind::Module,
                            TypeKind::Exception
                        ]
                    );
                    // globals -> C -> C.__dict__ -> f -> globals is a cycle, as in every real module: reference
                    // counting alone cannot free it; the collection that `run` ends with must (it checks).
                    let _ = at;
                });
            }

            /// Freeing a structure nested far deeper than the stack allows must not recurse that deep (the
            /// trashcan), and must still free every level.
            #[test]
            fn freeing_deep_nesting_does_not_overflow_the_stack() {
                run(|_| {
                    let mut cur = list_obj::<S>(vec![]).into_obj();
                    for i in 0..300_000 {
                        cur = if i % 2 == 0 { tuple_obj::<S>(vec![cur]) } else { list_obj::<S>(vec![cur]).into_obj() };
                    }
                    drop(cur);
                });
            }

            /// Cycles of every container shape (a self-referencing list, list ↔ dict, an instance whose
            /// attribute dict holds it, a cell holding a tuple holding the cell) survive until a collection,
            /// are freed by it (the count it returns included), and everything they held with them.
            #[test]
            fn a_collection_frees_cycles_and_what_they_hold() {
                use crate::object::probe::{Probe, ProbeLog};
                let log = ProbeLog::new(4);
                run(|at| {
                    let probe = |i| ObjRef::<S>::new(Probe::new(i, &log));
                    let l = list_obj::<S>(vec![probe(0)]);
                    l.append(l.as_obj().clone(), at);
                    let (a, d) = (list_obj::<S>(vec![probe(1)]), dict_obj::<S>());
                    d.set(int_obj::<S>(1), a.as_obj().clone(), at).unwrap();
                    a.append(d.as_obj().clone(), at);
                    let class = class_obj("C", None);
                    let inst = ObjRef::<S>::new(Instance::new(class));
                    let attrs = &inst.downcast::<Instance<S>>().unwrap().dict;
                    attrs.set(intern::<S>("me"), inst.clone(), at).unwrap();
                    attrs.set(intern::<S>("p"), probe(2), at).unwrap();
                    let cell = ObjRef::<S>::new(Cell::new(None));
                    drop(
                        cell.downcast::<Cell<S>>().unwrap().set(Some(tuple_obj::<S>(vec![cell.clone(), probe(3)])), at),
                    );
                    drop((l, a, d, inst, cell));
                    at.safepoint();
                    if !S::CONSTRAINTS.traces() {
                        assert_eq!((0..4).map(|i| log.drops(i)).collect::<Vec<_>>(), [0; 4], "freed by counting");
                    }
                    let freed = at.collect(&ExplicitRoots(&[]));
                    assert_eq!((0..4).map(|i| log.drops(i)).collect::<Vec<_>>(), [1; 4]);
                    // list; list, dict; class, instance, its dict; cell, tuple (tracing also counts leaves).
                    assert!(freed >= 9, "{freed} objects freed");
                });
            }

            #[test]
            fn probes_record_exactly_one_drop() {
                use crate::object::probe::{Probe, ProbeLog};
                let log = ProbeLog::new(3);
                run(|at| {
                    let p: Vec<ObjRef<S>> = (0..3).map(|i| ObjRef::new(Probe::new(i, &log))).collect();
                    let l = list_obj::<S>(vec![p[0].clone(), p[1].clone()]);
                    drop(p);
                    // Under a collector, probe 2 dies at the next collection; the list is all we hold.
                    at.collect(&ExplicitRoots(&[l.as_obj().clone()]));
                    assert_eq!(log.drops(2), 1);
                    assert_eq!(log.drops(0), 0);
                    drop(l);
                });
                assert_eq!((0..3).map(|i| log.drops(i)).collect::<Vec<_>>(), [1, 1, 1]);
            }
        }
    };
}

crate::for_each_strategy!(object_tests);
