//! A disassembler for debugging, in the spirit of CPython's `dis`.

use std::fmt::Write;

use super::stackdepth::jump_target;
use crate::lang::bytecode::{CodeUnit, ConstValue, Instr};

/// A listing of `unit` and, after it, of every code unit among its constants: per instruction the source
/// line (where it changes), `>>` on jump targets, the index, the instruction, and what its argument means;
/// then the exception table.
pub fn disassemble(unit: &CodeUnit) -> String {
    let mut out = String::new();
    dis_one(unit, &mut out);
    out
}

fn dis_one(unit: &CodeUnit, out: &mut String) {
    let f = unit.flags;
    let flags: Vec<&str> = [(f.optimized, "optimized"), (f.varargs, "varargs"), (f.varkeywords, "varkeywords")]
        .into_iter()
        .chain([(f.generator, "generator")])
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
    let _ = writeln!(
        out,
        "Disassembly of {} ({}, line {}): stacksize {}, args {}, kwonly {}, flags [{}]",
        unit.qualname,
        unit.filename,
        unit.firstline,
        unit.stacksize,
        unit.argcount,
        unit.kwonlyargcount,
        flags.join(", ")
    );
    let targets: Vec<u32> = unit.instrs.iter().filter_map(|i| jump_target(*i)).collect();
    let handlers: Vec<u32> = unit.exc_table.iter().map(|e| e.target).collect();
    let mut last_line = None;
    for (pc, &instr) in unit.instrs.iter().enumerate() {
        let line = unit.lines[pc];
        let line_col = if last_line == Some(line) { String::new() } else { line.to_string() };
        last_line = Some(line);
        let mark = if targets.contains(&(pc as u32)) || handlers.contains(&(pc as u32)) { ">>" } else { "" };
        let text = format!("{instr:?}");
        let (name, arg) = match text.split_once('(') {
            Some((n, rest)) => (n.to_owned(), rest.trim_end_matches(')').to_owned()),
            None => (text.clone(), String::new()),
        };
        let meaning = meaning(unit, instr).map(|m| format!(" ({m})")).unwrap_or_default();
        let row = format!("{line_col:>4} {mark:>3} {pc:>4} {name:<18} {arg:>4}{meaning}");
        let _ = writeln!(out, "{}", row.trim_end());
    }
    if !unit.exc_table.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in &unit.exc_table {
            let _ = writeln!(out, "  {} to {} -> {} [{}]", e.start, e.end, e.target, e.depth);
        }
    }
    for c in &unit.consts {
        if let ConstValue::Code(inner) = c {
            let _ = writeln!(out);
            dis_one(inner, out);
        }
    }
}

/// What an instruction's argument refers to.
fn meaning(unit: &CodeUnit, instr: Instr) -> Option<String> {
    let name = |i: u32| unit.names.get(i as usize).cloned();
    let cell = |i: u32| {
        let i = i as usize;
        unit.cellvars.get(i).or_else(|| unit.freevars.get(i.checked_sub(unit.cellvars.len())?)).cloned()
    };
    match instr {
        Instr::LoadConst(i) => unit.consts.get(i as usize).map(const_repr),
        Instr::LoadFast(i) | Instr::StoreFast(i) | Instr::DeleteFast(i) => unit.varnames.get(i as usize).cloned(),
        Instr::LoadDeref(i) | Instr::StoreDeref(i) | Instr::LoadClosure(i) | Instr::LoadSuper(i) => cell(i),
        Instr::LoadGlobal(i)
        | Instr::StoreGlobal(i)
        | Instr::DeleteGlobal(i)
        | Instr::LoadName(i)
        | Instr::StoreName(i)
        | Instr::DeleteName(i)
        | Instr::LoadAttr(i)
        | Instr::StoreAttr(i)
        | Instr::DeleteAttr(i)
        | Instr::LoadMethod(i)
        | Instr::ImportName(i)
        | Instr::ImportFrom(i) => name(i),
        Instr::FormatValue(f) => {
            let conv = ["", "!s", "!r", "!a"][(f & 3) as usize];
            Some(format!("{conv}{}", if f & 4 != 0 { " with spec" } else { "" })).filter(|s| !s.is_empty())
        }
        Instr::UnpackEx(a) => Some(format!("{} before, {} after", a & 0xff, (a >> 8) & 0xff)),
        Instr::MakeFunction(f) => {
            let parts: Vec<&str> = [(1, "defaults"), (2, "kwdefaults"), (8, "closure")]
                .iter()
                .filter(|(bit, _)| f & bit != 0)
                .map(|(_, n)| *n)
                .collect();
            Some(parts.join(", ")).filter(|s| !s.is_empty())
        }
        _ => jump_target(instr).map(|t| format!("to {t}")),
    }
}

/// A Python-like repr of a constant.
fn const_repr(c: &ConstValue) -> String {
    match c {
        ConstValue::None => "None".into(),
        ConstValue::Bool(b) => if *b { "True" } else { "False" }.into(),
        ConstValue::Int(i) => i.to_string(),
        ConstValue::Float(f) => format!("{f:?}"),
        ConstValue::Str(s) => {
            let escaped: String = s
                .chars()
                .flat_map(|ch| match ch {
                    '\\' => vec!['\\', '\\'],
                    '\'' => vec!['\\', '\''],
                    '\n' => vec!['\\', 'n'],
                    '\t' => vec!['\\', 't'],
                    c => vec![c],
                })
                .collect();
            format!("'{escaped}'")
        }
        ConstValue::Ellipsis => "Ellipsis".into(),
        ConstValue::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(const_repr).collect();
            if inner.len() == 1 { format!("({},)", inner[0]) } else { format!("({})", inner.join(", ")) }
        }
        ConstValue::Code(code) => format!("<code object {} at line {}>", code.name, code.firstline),
    }
}
