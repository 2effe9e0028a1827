//! Python numeric semantics on [`Value`]s: i64 fast paths that promote to `BigInt` on
//! overflow (and demote back when a result fits), floor division and modulo toward -inf,
//! true division to float, CPython's ZeroDivisionError texts.

use super::code::{BinOpK, CmpK};
use super::value::Value;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

/// A numeric failure: (exception class name, message).
pub type NErr = (&'static str, String);

pub fn norm(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::Big(Rc::new(b)),
    }
}

pub fn big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_))
}

pub fn is_num(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_)
    )
}

pub fn to_f64(v: &Value) -> Result<f64, NErr> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Float(f) => Ok(*f),
        Value::Big(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(("OverflowError", "int too large to convert to float".into())),
        },
        _ => Err(("TypeError", "must be real number".into())),
    }
}

fn small(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

pub fn py_mod_f(a: f64, b: f64) -> f64 {
    let r = a % b;
    if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
        r + b
    } else if r == 0.0 {
        0.0f64.copysign(b)
    } else {
        r
    }
}

/// `op` on two numbers; `None` if either is not a number (the caller tries other types).
pub fn arith(op: BinOpK, a: &Value, b: &Value) -> Option<Result<Value, NErr>> {
    if !is_num(a) || !is_num(b) {
        return None;
    }
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        if matches!(
            op,
            BinOpK::LShift
                | BinOpK::RShift
                | BinOpK::And
                | BinOpK::Or
                | BinOpK::Xor
                | BinOpK::MatMul
        ) {
            return None;
        }
        let x = match to_f64(a) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let y = match to_f64(b) {
            Ok(y) => y,
            Err(e) => return Some(Err(e)),
        };
        return Some(float_op(op, x, y));
    }
    if let (Some(x), Some(y)) = (small(a), small(b)) {
        if let Some(r) = int_op_small(op, x, y) {
            return Some(r);
        }
    }
    Some(int_op_big(op, big(a).unwrap(), big(b).unwrap()))
}

fn float_op(op: BinOpK, x: f64, y: f64) -> Result<Value, NErr> {
    Ok(Value::Float(match op {
        BinOpK::Add => x + y,
        BinOpK::Sub => x - y,
        BinOpK::Mul => x * y,
        BinOpK::Div => {
            if y == 0.0 {
                return Err(("ZeroDivisionError", "float division by zero".into()));
            }
            x / y
        }
        BinOpK::FloorDiv => {
            if y == 0.0 {
                return Err(("ZeroDivisionError", "float floor division by zero".into()));
            }
            let m = py_mod_f(x, y);
            ((x - m) / y).round()
        }
        BinOpK::Mod => {
            if y == 0.0 {
                return Err(("ZeroDivisionError", "float modulo".into()));
            }
            py_mod_f(x, y)
        }
        BinOpK::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err((
                    "ZeroDivisionError",
                    "0.0 cannot be raised to a negative power".into(),
                ));
            }
            if x < 0.0 && y.fract() != 0.0 {
                return Err(("ValueError", "math domain error".into()));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err((
                    "OverflowError",
                    "(34, 'Numerical result out of range')".into(),
                ));
            }
            r
        }
        _ => unreachable!(),
    }))
}

fn int_op_small(op: BinOpK, x: i64, y: i64) -> Option<Result<Value, NErr>> {
    let v = match op {
        BinOpK::Add => Value::Int(x.checked_add(y)?),
        BinOpK::Sub => Value::Int(x.checked_sub(y)?),
        BinOpK::Mul => Value::Int(x.checked_mul(y)?),
        BinOpK::Div => {
            if y == 0 {
                return Some(Err(("ZeroDivisionError", "division by zero".into())));
            }
            Value::Float(x as f64 / y as f64)
        }
        BinOpK::FloorDiv => {
            if y == 0 {
                return Some(Err((
                    "ZeroDivisionError",
                    "integer division or modulo by zero".into(),
                )));
            }
            Value::Int(
                x.checked_div_euclid(y)
                    .map(|_| num_integer::Integer::div_floor(&x, &y))?,
            )
        }
        BinOpK::Mod => {
            if y == 0 {
                return Some(Err(("ZeroDivisionError", "integer modulo by zero".into())));
            }
            Value::Int(
                x.checked_rem(y)
                    .map(|_| num_integer::Integer::mod_floor(&x, &y))?,
            )
        }
        BinOpK::Pow => {
            if y < 0 {
                if x == 0 {
                    return Some(Err((
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power".into(),
                    )));
                }
                return Some(Ok(Value::Float((x as f64).powf(y as f64))));
            }
            Value::Int(x.checked_pow(u32::try_from(y).ok()?)?)
        }
        BinOpK::LShift => {
            if y < 0 {
                return Some(Err(("ValueError", "negative shift count".into())));
            }
            if y >= 63 {
                return None;
            }
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            Value::Int(r)
        }
        BinOpK::RShift => {
            if y < 0 {
                return Some(Err(("ValueError", "negative shift count".into())));
            }
            Value::Int(x >> y.min(63))
        }
        BinOpK::And => Value::Int(x & y),
        BinOpK::Or => Value::Int(x | y),
        BinOpK::Xor => Value::Int(x ^ y),
        BinOpK::MatMul => {
            return Some(Err((
                "TypeError",
                "unsupported operand type(s) for @: 'int' and 'int'".into(),
            )))
        }
    };
    Some(Ok(v))
}

/// The largest int a program may build, in bits (~315,000 decimal digits, 128 KiB). CPython
/// goes on until memory runs out, but here one huge `**`, `*` or `<<` is a single instruction:
/// bigger results would stall the process past its time slice (`10 ** 10 ** 6` takes ~0.3 s)
/// without ever yielding, so they raise MemoryError instead.
pub const MAX_INT_BITS: u64 = 1 << 20;

fn int_size_ok(bits: u64) -> Result<(), NErr> {
    if bits > MAX_INT_BITS {
        return Err((
            "MemoryError",
            format!(
                "int result too large ({} bits; proclab's limit is {} bits)",
                bits, MAX_INT_BITS
            ),
        ));
    }
    Ok(())
}

fn int_op_big(op: BinOpK, x: BigInt, y: BigInt) -> Result<Value, NErr> {
    Ok(match op {
        BinOpK::Add => norm(x + y),
        BinOpK::Sub => norm(x - y),
        BinOpK::Mul => {
            int_size_ok(x.bits() + y.bits())?;
            norm(x * y)
        }
        BinOpK::Div => {
            if y.is_zero() {
                return Err(("ZeroDivisionError", "division by zero".into()));
            }
            let (fx, fy) = (
                x.to_f64().unwrap_or(f64::INFINITY),
                y.to_f64().unwrap_or(f64::INFINITY),
            );
            if fx.is_finite() && fy.is_finite() {
                Value::Float(fx / fy)
            } else {
                // Exact quotient scaled down: good enough for huge operands.
                let q = &x / &y;
                Value::Float(q.to_f64().ok_or((
                    "OverflowError",
                    "integer division result too large for a float".to_string(),
                ))?)
            }
        }
        BinOpK::FloorDiv => {
            if y.is_zero() {
                return Err((
                    "ZeroDivisionError",
                    "integer division or modulo by zero".into(),
                ));
            }
            norm(num_integer::Integer::div_floor(&x, &y))
        }
        BinOpK::Mod => {
            if y.is_zero() {
                return Err(("ZeroDivisionError", "integer modulo by zero".into()));
            }
            norm(num_integer::Integer::mod_floor(&x, &y))
        }
        BinOpK::Pow => {
            if y.is_negative() {
                if x.is_zero() {
                    return Err((
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power".into(),
                    ));
                }
                return Ok(Value::Float(
                    x.to_f64()
                        .unwrap_or(f64::INFINITY)
                        .powf(y.to_f64().unwrap_or(f64::NEG_INFINITY)),
                ));
            }
            if x.bits() <= 1 {
                // 0, 1 and -1 stay small whatever the exponent (0 ** 0 == 1).
                let odd = num_integer::Integer::is_odd(&y);
                return Ok(Value::Int(match x.to_i64().unwrap_or(0) {
                    0 if y.is_zero() => 1,
                    -1 if !odd => 1,
                    v => v,
                }));
            }
            let e = y.to_u64().unwrap_or(u64::MAX);
            int_size_ok(x.bits().saturating_sub(1).saturating_mul(e))?;
            norm(num_traits::pow::Pow::pow(x, e as u32))
        }
        BinOpK::LShift => {
            if y.is_negative() {
                return Err(("ValueError", "negative shift count".into()));
            }
            if x.is_zero() {
                return Ok(Value::Int(0));
            }
            let n = y.to_u64().unwrap_or(u64::MAX);
            int_size_ok(x.bits().saturating_add(n))?;
            norm(x << n as usize)
        }
        BinOpK::RShift => {
            if y.is_negative() {
                return Err(("ValueError", "negative shift count".into()));
            }
            norm(x >> y.to_usize().unwrap_or(usize::MAX / 2))
        }
        BinOpK::And => norm(x & y),
        BinOpK::Or => norm(x | y),
        BinOpK::Xor => norm(x ^ y),
        BinOpK::MatMul => {
            return Err((
                "TypeError",
                "unsupported operand type(s) for @: 'int' and 'int'".into(),
            ))
        }
    })
}

/// Orders two numbers (`None` if not both numbers, or NaN).
pub fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        _ if is_int(a) && is_int(b) => Some(big(a)?.cmp(&big(b)?)),
        (Value::Float(x), _) if is_int(b) => cmp_float_int(*x, b),
        (_, Value::Float(y)) if is_int(a) => cmp_float_int(*y, a).map(|o| o.reverse()),
        _ => None,
    }
}

fn cmp_float_int(x: f64, i: &Value) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    match i {
        Value::Int(n) if n.unsigned_abs() < (1u64 << 53) => x.partial_cmp(&(*n as f64)),
        _ => {
            let fl = x.floor();
            let b = BigInt::from(fl as i128);
            let bi = big(i)?;
            match b.cmp(&bi) {
                Ordering::Equal if x > fl => Some(Ordering::Greater),
                o => Some(o),
            }
        }
    }
}

pub fn cmp_result(k: CmpK, o: Option<Ordering>) -> bool {
    match (k, o) {
        (CmpK::Eq, Some(o)) => o == Ordering::Equal,
        (CmpK::Ne, Some(o)) => o != Ordering::Equal,
        (CmpK::Ne, None) => true,
        (CmpK::Lt, Some(o)) => o == Ordering::Less,
        (CmpK::Le, Some(o)) => o != Ordering::Greater,
        (CmpK::Gt, Some(o)) => o == Ordering::Greater,
        (CmpK::Ge, Some(o)) => o != Ordering::Less,
        _ => false,
    }
}

pub fn float_to_int(f: f64) -> Result<Value, NErr> {
    if f.is_nan() {
        return Err(("ValueError", "cannot convert float NaN to integer".into()));
    }
    if f.is_infinite() {
        return Err((
            "OverflowError",
            "cannot convert float infinity to integer".into(),
        ));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        Ok(Value::Int(t as i64))
    } else {
        Ok(norm(BigInt::from(t as i128)))
    }
}
