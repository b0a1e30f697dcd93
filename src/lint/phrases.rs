//! Named phrase lists: phrases that `nämner` can never match or that another phrase
//! of the list already covers, and the lists where a longer phrase still counts.

use crate::ast::ExprKind;

use super::*;

/// The named lists that stand as phrase lists of `nämner_nära`. There a longer
/// phrase is not redundant: "till dess att" right before "Försäkringskassan" is not
/// "till dess" right before it.
pub(super) fn proximity_lists<'e>(e: &'e Expr, out: &mut std::collections::HashSet<&'e str>) {
    match &e.kind {
        ExprKind::Call(name, args) => {
            if name.name == "nämner_nära" {
                for a in args.iter().skip(1).take(2) {
                    if let ExprKind::Path(segs) = &a.kind {
                        if let [one] = segs.as_slice() {
                            out.insert(one.name.as_str());
                        }
                    }
                }
            }
            args.iter().for_each(|a| proximity_lists(a, out));
        }
        ExprKind::List(items) => items.iter().for_each(|a| proximity_lists(a, out)),
        ExprKind::Not(inner) => proximity_lists(inner, out),
        ExprKind::Binary(_, l, r) => {
            proximity_lists(l, out);
            proximity_lists(r, out);
        }
        ExprKind::Quant { cond: Some(c), .. } => proximity_lists(c, out),
        ExprKind::Summa { term, cond, .. } => {
            proximity_lists(term, out);
            if let Some(c) = cond {
                proximity_lists(c, out);
            }
        }
        _ => {}
    }
}

/// Lists that copy detection reads with its own, exact matching: a longer phrase
/// there covers more words, so it is not redundant.
pub(super) const COPY_LISTS: [&str; 2] = ["schablonfraser", "standardstycken"];

/// Phrases of a list that `nämner` can never match, or that another phrase of the
/// list already covers (its inflections and stems match them too).
pub(super) fn phrase_list(src: &Arc<Source>, l: &crate::ast::Lista, out: &mut Vec<Diagnostic>) {
    use crate::textmatch::{Pattern, Prepared};
    let phrases: Vec<(&str, &Expr)> = l
        .items
        .iter()
        .filter_map(|e| match &e.kind {
            ExprKind::Text(t) => Some((t.as_str(), e)),
            _ => None,
        })
        .collect();
    for (i, (text, e)) in phrases.iter().enumerate() {
        if Pattern::new(text).is_empty() {
            out.push(
                Diagnostic::warning(
                    src,
                    e.span.clone(),
                    format!(
                        "frasen ”{text}” i listan `{}` har inga ord och kan aldrig hittas",
                        l.name.name
                    ),
                )
                .help("ta bort frasen"),
            );
            continue;
        }
        let prepared = Prepared::new(text);
        let negating = Pattern::new(text).is_negating();
        let covered_by = phrases.iter().enumerate().find(|(j, (other, _))| {
            let p = Pattern::new(other);
            *j != i
                && other.len() < text.len()
                && !p.is_empty()
                // "vill inte X" states something "X" does not.
                && p.is_negating() == negating
                && prepared.contains(&p)
        });
        if let Some((_, (other, _))) = covered_by {
            out.push(
                Diagnostic::warning(
                    src,
                    e.span.clone(),
                    format!(
                        "frasen ”{text}” i listan `{}` täcks redan av ”{other}”",
                        l.name.name
                    ),
                )
                .label("överflödig")
                .help("`nämner` hittar böjningsformer och längre fraser som innehåller en kortare; ta bort den längre frasen"),
            );
        }
    }
}
