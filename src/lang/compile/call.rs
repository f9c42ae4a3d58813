//! Calls (including zero-argument `super()`) and f-strings.

use super::Compiler;
use super::symtable::NameScope;
use crate::lang::ast::{Arg, Expr, ExprKind, FStringPart};
use crate::lang::bytecode::{ConstValue, Instr};
use crate::lang::error::CompileError;

type R = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    /// A call. Positional arguments only: `Call(n)`, or for `obj.meth(...)` `LoadMethod` + `CallMethod(n)`.
    /// Keywords: the values after the positional ones, then the constant tuple of names and `CallKw(n)`.
    /// `*args` or `**kwargs`: the positional arguments collected into a tuple (`BuildList`, `ListAppend`,
    /// `ListExtend`, `ListToTuple`), the keywords into a dict (`BuildMap`, `DictMerge`), then `CallEx`.
    pub(super) fn call(&mut self, func: &'a Expr, args: &'a [Arg]) -> R {
        if args.is_empty() && self.zero_arg_super(func) {
            return Ok(());
        }
        if args.iter().any(|a| matches!(a, Arg::Star(_) | Arg::DoubleStar(_))) {
            return self.call_ex(func, args);
        }
        let positional: Vec<&'a Expr> =
            args.iter().filter_map(|a| if let Arg::Positional(v) = a { Some(v) } else { None }).collect();
        let keywords: Vec<(&'a str, &'a Expr)> =
            args.iter().filter_map(|a| if let Arg::Keyword(k, v) = a { Some((k.as_str(), v)) } else { None }).collect();
        if let (ExprKind::Attribute { value, attr }, true) = (&func.kind, keywords.is_empty()) {
            self.expr(value)?;
            let i = self.u().add_name(attr);
            self.emit(Instr::LoadMethod(i));
            positional.iter().try_for_each(|a| self.expr(a))?;
            self.emit(Instr::CallMethod(positional.len() as u32));
            return Ok(());
        }
        self.expr(func)?;
        positional.iter().try_for_each(|a| self.expr(a))?;
        keywords.iter().try_for_each(|(_, v)| self.expr(v))?;
        let n = (positional.len() + keywords.len()) as u32;
        if keywords.is_empty() {
            self.emit(Instr::Call(n));
        } else {
            let names = keywords.iter().map(|(k, _)| ConstValue::Str((*k).to_owned())).collect();
            self.load_const(ConstValue::Tuple(names));
            self.emit(Instr::CallKw(n));
        }
        Ok(())
    }

    /// `super()` with no arguments in a function that has the `__class__` cell: `LoadSuper`.
    fn zero_arg_super(&mut self, func: &Expr) -> bool {
        let ExprKind::Name(name) = &func.kind else { return false };
        let scope = self.scope();
        if name != "super" || !scope.optimized() || scope.lookup("super") != NameScope::GlobalImplicit {
            return false;
        }
        match self.u().cell_index("__class__") {
            Some(i) => {
                self.emit(Instr::LoadSuper(i));
                true
            }
            None => false,
        }
    }

    /// A call with `*` or `**` arguments. Positional and starred arguments are evaluated first, then
    /// keywords and `**` mappings, each group in source order (as CPython does).
    fn call_ex(&mut self, func: &'a Expr, args: &'a [Arg]) -> R {
        self.expr(func)?;
        let mut listed = 0;
        let mut built = false;
        for a in args {
            match a {
                Arg::Positional(v) => {
                    self.expr(v)?;
                    if built {
                        self.emit(Instr::ListAppend(1));
                    } else {
                        listed += 1;
                    }
                }
                Arg::Star(v) => {
                    if !built {
                        self.emit(Instr::BuildList(listed));
                        built = true;
                    }
                    self.expr(v)?;
                    self.emit(Instr::ListExtend(1));
                }
                Arg::Keyword(..) | Arg::DoubleStar(_) => {}
            }
        }
        if !built {
            self.emit(Instr::BuildList(listed));
        }
        self.emit(Instr::ListToTuple);
        if !args.iter().any(|a| matches!(a, Arg::Keyword(..) | Arg::DoubleStar(_))) {
            self.emit(Instr::CallEx(0));
            return Ok(());
        }
        let (mut have_dict, mut pending) = (false, 0);
        for a in args {
            match a {
                Arg::Keyword(k, v) => {
                    self.load_const(ConstValue::Str(k.clone()));
                    self.expr(v)?;
                    pending += 1;
                }
                Arg::DoubleStar(v) => {
                    if pending > 0 || !have_dict {
                        self.flush_map(&mut pending, &mut have_dict);
                    }
                    self.expr(v)?;
                    self.emit(Instr::DictMerge(1));
                }
                Arg::Positional(_) | Arg::Star(_) => {}
            }
        }
        if pending > 0 {
            self.flush_map(&mut pending, &mut have_dict);
        }
        self.emit(Instr::CallEx(1));
        Ok(())
    }

    /// An f-string: a lone literal is a constant; otherwise each literal is a constant and each field is
    /// its value, `FormatValue` (conversion in bits 0–1, bit 2 when a spec, itself built like an f-string,
    /// is on the stack), and the pieces are joined with `BuildString(n)` (none needed for a lone field).
    pub(super) fn fstring(&mut self, parts: &'a [FStringPart]) -> R {
        let nonempty = |p: &&FStringPart| !matches!(p, FStringPart::Literal(s) if s.is_empty());
        let parts: Vec<&'a FStringPart> = parts.iter().filter(nonempty).collect();
        match parts[..] {
            [] => {
                self.load_const(ConstValue::Str(String::new()));
                return Ok(());
            }
            [FStringPart::Literal(s)] => {
                self.load_const(ConstValue::Str(s.clone()));
                return Ok(());
            }
            _ => {}
        }
        for part in &parts {
            match part {
                FStringPart::Literal(s) => self.load_const(ConstValue::Str(s.clone())),
                FStringPart::Field { expr, conversion, spec } => {
                    self.expr(expr)?;
                    let mut flags = match conversion {
                        None => 0,
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        Some(c) => {
                            let msg =
                                format!("f-string: invalid conversion character '{c}': expected 's', 'r', or 'a'");
                            return Err(CompileError::syntax(msg, expr.line, 0));
                        }
                    };
                    if !spec.is_empty() {
                        self.fstring(spec)?;
                        flags |= 4;
                    }
                    self.emit(Instr::FormatValue(flags));
                }
            }
        }
        if parts.len() > 1 {
            self.emit(Instr::BuildString(parts.len() as u32));
        }
        Ok(())
    }
}
