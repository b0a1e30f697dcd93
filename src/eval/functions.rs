//! The built-in functions, and the date arithmetic they and date shifts rest on.

use chrono::{Datelike, Days, Months};

use crate::omfattning;
use crate::textmatch::Pattern;

use super::text::namner;
use super::*;

pub(super) fn shift(d: NaiveDate, n: i64, u: Unit) -> Option<NaiveDate> {
    let (months, days) = match u {
        Unit::Dagar => (0, n),
        Unit::Veckor => (0, n.checked_mul(7)?),
        Unit::Manader => (n, 0),
        Unit::Ar => (n.checked_mul(12)?, 0),
    };
    let d = if months >= 0 {
        d.checked_add_months(Months::new(u32::try_from(months).ok()?))?
    } else {
        d.checked_sub_months(Months::new(u32::try_from(-months).ok()?))?
    };
    if days >= 0 {
        d.checked_add_days(Days::new(u64::try_from(days).ok()?))
    } else {
        d.checked_sub_days(Days::new(u64::try_from(-days).ok()?))
    }
}

/// Whole years from `born` to `on` (a birthday on 29 February counts from 1 March).
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i64 {
    let mut years = i64::from(on.year() - born.year());
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let mut m = i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b >= a && b.day() < a.day() {
        m -= 1;
    } else if b < a && b.day() > a.day() {
        m += 1;
    }
    m
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
}

pub(super) fn call<'x>(f: Func, args: &'x [CExpr], ctx: &mut Ctx<'x>) -> Val<'x> {
    let vals: Vec<Val<'x>> = args.iter().map(|a| eval(a, ctx)).collect();
    if f == Func::Finns {
        return Val::Bool(match &vals[0] {
            Val::Missing(_) => false,
            Val::Text(s) => !s.trim().is_empty(),
            Val::List(l) => !l.is_empty(),
            _ => true,
        });
    }
    if matches!(f, Func::Namner | Func::TarUpp | Func::NamnerNara)
        && matches!(vals[0], Val::List(_))
    {
        // Over a list of texts, a missing text is one that does not mention.
        return namner(f, args, &vals, ctx);
    }
    let missing: Vec<String> = vals
        .iter()
        .filter_map(|v| match v {
            Val::Missing(m) => Some(m.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    if !missing.is_empty() {
        return Val::Missing(missing);
    }
    match (f, vals.as_slice()) {
        (Func::Alder, [Val::Date(a), Val::Date(b)]) => Val::Num(age_on(*a, *b) as f64),
        (Func::ManaderMellan, [Val::Date(a), Val::Date(b)]) => {
            Val::Num(months_between(*a, *b) as f64)
        }
        (Func::DagarMellan, [Val::Date(a), Val::Date(b)]) => {
            Val::Num(b.signed_duration_since(*a).num_days() as f64)
        }
        (Func::AntalOrd, [Val::Text(t)]) => Val::Num(words(t).count() as f64),
        (Func::Namner | Func::TarUpp | Func::NamnerNara, _) => namner(f, args, &vals, ctx),
        (Func::NamnerSokanden, [Val::Text(t)]) => {
            let name = ctx.applicant_name;
            let first = name.split_whitespace().next().unwrap_or("");
            let t = ctx.words.text(t);
            let named = |n: &str| {
                let p = Pattern::name(n);
                !p.is_empty() && t.contains(&p)
            };
            Val::Bool(named(name) || named(first))
        }
        (Func::Antal, [Val::List(l)]) => Val::Num(l.len() as f64),
        (Func::MatbarOmfattning, [Val::Text(t)]) => Val::Bool(ctx.words.scope(t).matbar()),
        (Func::JamforOmfattning, [Val::Text(a), Val::Text(b)]) => {
            use omfattning::Jamforelse::*;
            Val::Text(
                match omfattning::jamfor(&ctx.words.scope(a), &ctx.words.scope(b)) {
                    Lika => "lika",
                    Mindre => "mindre",
                    Storre => "större",
                    Ojamforbar => "ojämförbar",
                },
            )
        }
        // INVARIANT: the checker only lets through the argument types above.
        _ => Val::Missing(vec!["ett värde av rätt typ".into()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_on(d("2014-05-14"), d("2026-05-13")), 11);
        assert_eq!(age_on(d("2014-05-14"), d("2026-05-14")), 12);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
    }

    #[test]
    fn months_between_counts_whole_months_both_ways() {
        assert_eq!(months_between(d("2024-03-02"), d("2026-03-01")), 23);
        assert_eq!(months_between(d("2024-03-02"), d("2026-03-02")), 24);
        assert_eq!(months_between(d("2026-03-02"), d("2024-03-02")), -24);
    }

    #[test]
    fn shifting_by_months_clamps_to_month_end() {
        assert_eq!(
            shift(d("2026-03-31"), -1, Unit::Manader),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            shift(d("2026-01-01"), 2, Unit::Veckor),
            Some(d("2026-01-15"))
        );
        assert_eq!(shift(d("2026-01-01"), i64::MAX, Unit::Ar), None);
    }
}
