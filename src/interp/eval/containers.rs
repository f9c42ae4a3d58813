//! Container-building instructions: displays, comprehension appends, unpacking, f-string pieces.

use super::pop;
use crate::interp::error::PyErr;
use crate::interp::frame::Frame;
use crate::interp::ops;
use crate::interp::thread::ThreadState;
use crate::object::{Dict, List, ObjRef, Slice, Str, Tuple, dict_obj, list_obj, str_obj, tuple_obj};
use crate::strategy::Strategy;

/// `BUILD_SLICE n`
pub(super) fn build_slice<S: Strategy>(frame: &mut Frame<S>, n: u32) {
    let step = if n == 3 { pop(&mut frame.stack) } else { crate::object::none() };
    let stop = pop(&mut frame.stack);
    let start = pop(&mut frame.stack);
    frame.stack.push(ObjRef::new(Slice { start, stop, step }));
}

/// `BUILD_TUPLE n`
#[inline]
pub(super) fn build_tuple<S: Strategy>(frame: &mut Frame<S>, n: usize) {
    let at = frame.stack.len() - n;
    let items: Vec<ObjRef<S>> = frame.stack.drain(at..).collect();
    frame.stack.push(tuple_obj(items));
}

/// `BUILD_LIST n`
#[inline]
pub(super) fn build_list<S: Strategy>(frame: &mut Frame<S>, n: usize) {
    let at = frame.stack.len() - n;
    let items: Vec<ObjRef<S>> = frame.stack.drain(at..).collect();
    frame.stack.push(list_obj(items).into_obj());
}

/// `BUILD_MAP n`
pub(super) fn build_map<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    n: usize,
) -> Result<(), PyErr<S>> {
    let at = frame.stack.len() - 2 * n;
    let d = dict_obj::<S>();
    let mut items = frame.stack.drain(at..);
    while let (Some(k), Some(v)) = (items.next(), items.next()) {
        if let Err(e) = d.set(k, v, &ts.pin) {
            drop(items);
            return Err(ts.obj_err(e));
        }
    }
    drop(items);
    frame.stack.push(d.into_obj());
    Ok(())
}

/// `BUILD_STRING n`
pub(super) fn build_string<S: Strategy>(frame: &mut Frame<S>, n: usize) {
    let at = frame.stack.len() - n;
    let mut out = String::new();
    for s in frame.stack.drain(at..) {
        out.push_str(s.downcast::<Str>().map_or("", Str::as_str));
    }
    frame.stack.push(str_obj(&out));
}

/// `LIST_APPEND i`
#[inline]
pub(super) fn list_append<S: Strategy>(ts: &ThreadState<'_, S>, frame: &mut Frame<S>, i: usize) {
    let v = pop(&mut frame.stack);
    let list = &frame.stack[frame.stack.len() - i];
    list.downcast::<List<S>>().expect("LIST_APPEND target is a list").append(v, &ts.pin);
}

/// `MAP_ADD i`
pub(super) fn map_add<S: Strategy>(ts: &ThreadState<'_, S>, frame: &mut Frame<S>, i: usize) -> Result<(), PyErr<S>> {
    let v = pop(&mut frame.stack);
    let k = pop(&mut frame.stack);
    let d = &frame.stack[frame.stack.len() - i];
    let old =
        d.downcast::<Dict<S>>().expect("MAP_ADD target is a dict").set(k, v, &ts.pin).map_err(|e| ts.obj_err(e))?;
    drop(old);
    Ok(())
}

/// `LIST_EXTEND i`
pub(super) fn list_extend<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    i: usize,
) -> Result<(), PyErr<S>> {
    let it = pop(&mut frame.stack);
    let items = ops::iterate(ts, &it)?;
    let list = &frame.stack[frame.stack.len() - i];
    let l = list.downcast::<List<S>>().expect("LIST_EXTEND target is a list");
    for v in items {
        l.append(v, &ts.pin);
    }
    Ok(())
}

/// `LIST_TO_TUPLE`
pub(super) fn list_to_tuple<S: Strategy>(ts: &ThreadState<'_, S>, frame: &mut Frame<S>) {
    let l = pop(&mut frame.stack);
    let items = l.downcast::<List<S>>().map(|l| l.to_vec(&ts.pin)).unwrap_or_default();
    frame.stack.push(tuple_obj(items));
}

/// `DICT_MERGE i`
pub(super) fn dict_merge<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    i: usize,
) -> Result<(), PyErr<S>> {
    let m = pop(&mut frame.stack);
    let Some(src) = m.downcast::<Dict<S>>() else {
        return Err(ts.type_error(format!("argument after ** must be a mapping, not {}", ts.vm.type_name(&m))));
    };
    let items = src.items(&ts.pin);
    let d = frame.stack[frame.stack.len() - i].downcast::<Dict<S>>().expect("DICT_MERGE target is a dict");
    for (k, v) in items {
        drop(d.set(k, v, &ts.pin).map_err(|e| ts.obj_err(e))?);
    }
    Ok(())
}

/// `FORMAT_VALUE flags`
pub(super) fn format_value<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    flags: u32,
) -> Result<(), PyErr<S>> {
    let spec = if flags & 4 != 0 { Some(pop(&mut frame.stack)) } else { None };
    let v = pop(&mut frame.stack);
    let v = match flags & 3 {
        1 => str_obj(&ops::str_of(ts, &v)?),
        2 | 3 => str_obj(&ops::repr_of(ts, &v)?),
        _ => v,
    };
    let spec_text = spec.as_ref().and_then(|s| ops::as_str(s).map(str::to_owned)).unwrap_or_default();
    let out = crate::interp::format::format(ts, &v, &spec_text)?;
    frame.stack.push(out);
    Ok(())
}

/// `UNPACK_SEQUENCE n`
pub(super) fn unpack_sequence<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    n: usize,
) -> Result<(), PyErr<S>> {
    let seq = pop(&mut frame.stack);
    if let Some(t) = seq.downcast::<Tuple<S>>()
        && t.len() == n
    {
        frame.stack.extend(t.items().iter().rev().cloned());
        return Ok(());
    }
    let items = ops::iterate(ts, &seq)?;
    if items.len() > n {
        return Err(ts.value_error(format!("too many values to unpack (expected {n})")));
    }
    if items.len() < n {
        return Err(ts.value_error(format!("not enough values to unpack (expected {n}, got {})", items.len())));
    }
    frame.stack.extend(items.into_iter().rev());
    Ok(())
}

/// `UNPACK_EX before | after << 8`
pub(super) fn unpack_ex<S: Strategy>(
    ts: &mut ThreadState<'_, S>,
    frame: &mut Frame<S>,
    arg: u32,
) -> Result<(), PyErr<S>> {
    let before = (arg & 0xff) as usize;
    let after = ((arg >> 8) & 0xff) as usize;
    let seq = pop(&mut frame.stack);
    let mut items = ops::iterate(ts, &seq)?;
    if items.len() < before + after {
        return Err(ts.value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let tail: Vec<ObjRef<S>> = items.split_off(items.len() - after);
    let middle: Vec<ObjRef<S>> = items.split_off(before);
    frame.stack.extend(tail.into_iter().rev());
    frame.stack.push(list_obj(middle).into_obj());
    frame.stack.extend(items.into_iter().rev());
    Ok(())
}
