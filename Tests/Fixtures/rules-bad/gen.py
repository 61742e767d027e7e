#!/usr/bin/env python3
"""Generates the large or repetitive rule files of this folder.

    python3 gen.py              # rewrites the committed generated files (all small)
    python3 gen.py --long DIR   # writes the test-time-only 1 MB files into DIR

Committed (each line 1, `let zz-deep = ` takes columns 1-14, so the expression starts in
column 15):

nested-parens-10000.rules   10,000 nested parentheses around 1
nested-parens-150.rules     150 nested parentheses: exactly the documented limit, accepted
nested-parens-151.rules     151 nested parentheses: one level too deep
nested-not-10000.rules      `not not … true`, 10,000 prefix operators
plus-chain-10000.rules      `1 + 1 + … + 1`, 10,000 operands (a flat sum, not nesting)
and-chain-10000.rules       `true and true and …`, 10,000 operands
field-chain-10000.rules     `contract.end.end.end…`, 10,000 field reads (a type error)
fullwidth-parens-10000.rules 10,000 full-width `（` … `）` around 1
let-chain-10000.rules       10,001 definitions, each defined by the next (lines 1-10001)
let-cycle-10000.rules       10,000 definitions in one cycle
rule-chain-300.rules        301 rules, each passing when the next passed
call-chain-10000.rules      10,001 definitions with a parameter, each calling the next (typing
                            them was exponential; deep enough to need fresh stack segments)
call-cycle.rules            two definitions with a parameter calling each other (recursed
                            without end in the checker)

Test time only (--long DIR; 1 MiB each, not committed):

long-identifier.rules       `let zz-aaaa…a = 1`, a name of 1 MiB + 3 bytes, starting at 1:5
long-number.rules           `let zz-n = 999…9`, a number literal of 1 MiB digits, at 1:12
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
N = 10_000


def write(directory, name, text):
    with open(os.path.join(directory, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(name, len(text.encode()), "bytes")


def rule_tail(rule_id, condition):
    return (f'rule {rule_id} "生成的规则"\n  advice\n  for community dossiers\n  cite 民法典-946 ¶1\n'
            f'  decide\n    pass when {condition} "ok"\n    otherwise fail "no"\n')


def committed(d):
    lead = "let zz-deep = "
    write(d, "nested-parens-10000.rules", lead + "(" * N + "1" + ")" * N + "\n")
    write(d, "nested-parens-150.rules", lead + "(" * 150 + "1" + ")" * 150 + "\n")
    write(d, "nested-parens-151.rules", lead + "(" * 151 + "1" + ")" * 151 + "\n")
    write(d, "nested-not-10000.rules", lead + "not " * N + "true\n")
    write(d, "plus-chain-10000.rules", lead + " + ".join(["1"] * N) + "\n"
          + rule_tail("zz.plus-chain", f"zz-deep = {N}"))
    write(d, "and-chain-10000.rules", lead + " and ".join(["true"] * N) + "\n"
          + rule_tail("zz.and-chain", "zz-deep"))
    write(d, "field-chain-10000.rules", lead + "contract" + ".end" * N + "\n")
    write(d, "fullwidth-parens-10000.rules", lead + "（" * N + "1" + "）" * N + "\n")
    write(d, "let-chain-10000.rules",
          "".join(f"let zz-a{i} = zz-a{i + 1} + 1\n" for i in range(N)) + f"let zz-a{N} = 0\n"
          + rule_tail("zz.let-chain", f"zz-a0 = {N}"))
    write(d, "let-cycle-10000.rules", "".join(f"let zz-c{i} = zz-c{(i + 1) % N}\n" for i in range(N)))
    write(d, "call-chain-10000.rules",
          "".join(f"let zz-f{i}(x: decimal) = zz-f{i + 1}(x) + 1\n" for i in range(N)) + f"let zz-f{N}(x: decimal) = x\n"
          + rule_tail("zz.call-chain", f"zz-f0(1) = {N + 1}"))
    write(d, "call-cycle.rules", "let zz-p(x: decimal) = zz-q(x) + 1\nlet zz-q(x: decimal) = zz-p(x) + 1\n")
    write(d, "rule-chain-300.rules",
          "".join(rule_tail(f"zz.r{i}", f"passed zz.r{i + 1}") for i in range(300))
          + rule_tail("zz.r300", "true"))


def long_files(d):
    mib = 1 << 20
    write(d, "long-identifier.rules", "let zz-" + "a" * mib + " = 1\n")
    write(d, "long-number.rules", "let zz-n = " + "9" * mib + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--long":
        long_files(sys.argv[2])
    elif len(sys.argv) == 1:
        committed(HERE)
    else:
        sys.exit(__doc__)
