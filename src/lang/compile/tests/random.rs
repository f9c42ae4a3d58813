//! Random nestings of every block statement, each with early exits in every position: all must compile to
//! code whose stack depths agree on every path (checked by `compile`).

use super::compile;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Statements nested up to `depth` more levels, indented by `ind`; `in_loop` allows `break`/`continue`.
fn block(rng: &mut Rng, out: &mut String, ind: usize, depth: u32, in_loop: bool) {
    let n = 1 + rng.below(3);
    for _ in 0..n {
        stmt(rng, out, ind, depth, in_loop);
    }
}

fn stmt(rng: &mut Rng, out: &mut String, ind: usize, depth: u32, in_loop: bool) {
    let pad = " ".repeat(ind);
    let choice = if depth == 0 { rng.below(4) } else { rng.below(13) };
    match choice {
        0 => out.push_str(&format!("{pad}x = f(a, b < c < d, [i for i in e if i])\n")),
        1 => out.push_str(&format!("{pad}return {}\n", ["g(x)", "1", ""][rng.below(3) as usize])),
        2 if in_loop => out.push_str(&format!("{pad}break\n")),
        3 if in_loop => out.push_str(&format!("{pad}continue\n")),
        2 | 3 => out.push_str(&format!("{pad}y = yield x\n")),
        4 => {
            out.push_str(&format!("{pad}for v in w:\n"));
            block(rng, out, ind + 4, depth - 1, true);
            if rng.below(3) == 0 {
                out.push_str(&format!("{pad}else:\n"));
                block(rng, out, ind + 4, depth - 1, in_loop);
            }
        }
        5 => {
            out.push_str(&format!("{pad}while h():\n"));
            block(rng, out, ind + 4, depth - 1, true);
        }
        6 | 7 => {
            out.push_str(&format!("{pad}try:\n"));
            block(rng, out, ind + 4, depth - 1, in_loop);
            let handlers = rng.below(3);
            for k in 0..handlers {
                let clause =
                    ["except E as e:", "except (E, F):", "except:"][if k + 1 == handlers { 2 } else { k as usize }];
                out.push_str(&format!("{pad}{clause}\n"));
                block(rng, out, ind + 4, depth - 1, in_loop);
            }
            if handlers > 0 && rng.below(2) == 0 {
                out.push_str(&format!("{pad}else:\n"));
                block(rng, out, ind + 4, depth - 1, in_loop);
            }
            if handlers == 0 || rng.below(2) == 0 {
                out.push_str(&format!("{pad}finally:\n"));
                block(rng, out, ind + 4, depth - 1, in_loop);
            }
        }
        8 | 9 => {
            let items = ["m", "m as z", "m as (p, q), n"][rng.below(3) as usize];
            out.push_str(&format!("{pad}with {items}:\n"));
            block(rng, out, ind + 4, depth - 1, in_loop);
        }
        10 => {
            out.push_str(&format!("{pad}if t:\n"));
            block(rng, out, ind + 4, depth - 1, in_loop);
            out.push_str(&format!("{pad}else:\n"));
            block(rng, out, ind + 4, depth - 1, in_loop);
        }
        11 => {
            out.push_str(&format!("{pad}def inner(k=x):\n"));
            block(rng, out, ind + 4, depth - 1, false);
        }
        _ => out.push_str(&format!("{pad}del dd, o.at, o[1:2]\n")),
    }
}

#[test]
fn random_nestings_have_consistent_stacks() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..800 {
        let mut src = String::from("def f(a, w):\n    x = 0\n");
        block(&mut rng, &mut src, 4, 4, false);
        src.push_str("class K:\n    def m(self):\n        return super().m()\n");
        compile(&src);
    }
}
