//! A finding in words: the place it points at, its message and explanation with
//! values written out in Swedish.

use super::*;

pub(super) fn place_path(p: &Place, ctx: &Ctx<'_>) -> String {
    let prefix = match p.base {
        PlaceBase::Root => String::new(),
        PlaceBase::Beslut => match ctx.beslut {
            Some((_, i)) => format!("beslut.{i}"),
            None => "beslut".into(),
        },
        PlaceBase::Sokt => match ctx.sokt {
            Some((_, j)) => format!("ansokan.insatser.{j}"),
            None => "ansokan.insatser".into(),
        },
    };
    match (prefix.is_empty(), p.rest.is_empty()) {
        (true, _) => p.rest.clone(),
        (false, true) => prefix,
        (false, false) => format!("{prefix}.{}", p.rest),
    }
}

pub(super) fn render<'x>(t: &'x CTemplate, ctx: &mut Ctx<'x>) -> String {
    let mut out = String::new();
    for p in &t.parts {
        match p {
            CPart::Text(s) => out.push_str(s),
            CPart::Hole(e) => {
                let v = eval(e, ctx);
                show(&v, &mut out);
            }
        }
    }
    out
}

fn show(v: &Val<'_>, out: &mut String) {
    match v {
        Val::Missing(_) => out.push_str("(uppgift saknas)"),
        Val::Bool(b) => out.push_str(if *b { "ja" } else { "nej" }),
        Val::Num(n) => out.push_str(&fmt_num(*n)),
        Val::Text(s) => out.push_str(s.trim()),
        Val::Date(d) => out.push_str(&d.to_string()),
        Val::Dur(n, u) => out.push_str(&fmt_dur(*n, *u)),
        Val::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                show(item, out);
            }
        }
        Val::Rec(_) => out.push_str("(post)"),
    }
}

/// Swedish number format: whole numbers without decimals, a decimal comma otherwise.
pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{:.1}", n).replace('.', ",")
    }
}

fn fmt_dur(n: i64, u: Unit) -> String {
    let (one, many) = match u {
        Unit::Dagar => ("dag", "dagar"),
        Unit::Veckor => ("vecka", "veckor"),
        Unit::Manader => ("månad", "månader"),
        Unit::Ar => ("år", "år"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_decimal_comma() {
        assert_eq!(fmt_num(12.0), "12");
        assert_eq!(fmt_num(3.5), "3,5");
    }
}
