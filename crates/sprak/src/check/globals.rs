//! Names global to a rule folder: definitions (each checked once on its own),
//! tables and named lists.

use crate::ast::{ExprKind, Item};

use super::*;

impl Checker {
    pub(super) fn collect_globals(&mut self, inputs: &[Input]) {
        let mut seen: HashMap<String, (Arc<Source>, Span)> = HashMap::new();
        // Definitions first: tables and lists are plain data, definitions are inlined.
        for input in inputs {
            self.current = Some(Arc::clone(&input.source));
            for item in &input.file.items {
                let (name, local_merge) = match item {
                    Item::Definition(d) => (&d.name, false),
                    Item::Tabell(t) => (&t.name, false),
                    Item::Lista(l) => (&l.name, input.local),
                    Item::Regel(_) | Item::Justering(_) => continue,
                };
                if let Some((src, span)) = seen.get(&name.name) {
                    if local_merge && self.list_index.contains_key(&name.name) {
                        // A guideline may add phrases to a national list.
                    } else {
                        let (line, col) = src.line_col(span.start);
                        let note = format!("det första står i {}:{line}:{col}", src.name);
                        self.error(
                            name.span.clone(),
                            format!("namnet `{}` används redan", name.name),
                        )
                        .with_label("definierat en gång till här")
                        .notes
                        .push(note);
                        continue;
                    }
                } else {
                    seen.insert(
                        name.name.clone(),
                        (Arc::clone(&input.source), name.span.clone()),
                    );
                }
                match item {
                    Item::Definition(d) => {
                        self.defs.insert(
                            d.name.name.clone(),
                            Global {
                                item: d.clone(),
                                source: Arc::clone(&input.source),
                            },
                        );
                    }
                    Item::Tabell(t) => self.table(t),
                    Item::Lista(l) => self.list(l),
                    _ => {}
                }
            }
        }
        // Each definition on its own, in the widest scope, so a mistake in an unused
        // definition is still found, and found once.
        let mut names: Vec<String> = self.defs.keys().cloned().collect();
        names.sort();
        for name in names {
            let (expr, source) = {
                let g = &self.defs[&name];
                (g.item.expr.clone(), Arc::clone(&g.source))
            };
            self.current = Some(source);
            let before = self.errors.len();
            let mut env = Env {
                scope: ScopeKind::Beslut,
                vars: Vec::new(),
                defs: vec![name.clone()],
            };
            self.expr(&expr, &mut env);
            if self.errors.len() > before {
                self.broken_defs.push(name);
            }
        }
    }

    fn table(&mut self, t: &ast::Tabell) {
        let mut rows = Vec::new();
        let mut ty: Option<Ty> = None;
        for (date, value, span) in &t.rows {
            let c = match &value.kind {
                ExprKind::Num(n) => (Const::Num(*n), Ty::Num),
                ExprKind::Text(s) => (Const::Text(s.clone()), Ty::Text),
                ExprKind::Date(d) => (Const::Date(*d), Ty::Date),
                ExprKind::Duration(n, u) => (Const::Dur(*n, *u), Ty::Dur),
                ExprKind::Bool(b) => (Const::Bool(*b), Ty::Bool),
                _ => {
                    self.error(
                        value.span.clone(),
                        "ett tabellvärde måste vara ett fast värde",
                    )
                    .with_label("inte ett tal, en text, ett datum eller en tidsrymd");
                    continue;
                }
            };
            match &ty {
                Some(t0) if *t0 != c.1 => {
                    let msg = format!(
                        "tabellens värden måste ha samma typ: {} och {}",
                        t0.name(),
                        c.1.name()
                    );
                    self.error(span.clone(), msg)
                        .with_label("annan typ än första raden");
                }
                _ => ty = Some(c.1.clone()),
            }
            rows.push((*date, c.0));
        }
        rows.sort_by_key(|r| r.0);
        for w in rows.windows(2) {
            if w[0].0 == w[1].0 {
                self.error(
                    t.name.span.clone(),
                    format!("tabellen `{}` har två rader från {}", t.name.name, w[0].0),
                )
                .with_label("varje datum får bara förekomma en gång");
            }
        }
        self.table_index.insert(
            t.name.name.clone(),
            (self.tables.len(), ty.unwrap_or(Ty::Error)),
        );
        self.tables.push(Table {
            name: t.name.name.clone(),
            doc: t.doc.as_ref().map(|d| d.value.clone()),
            rows,
        });
    }

    fn list(&mut self, l: &ast::Lista) {
        let mut items = Vec::new();
        for e in &l.items {
            match &e.kind {
                ExprKind::Text(s) => items.push(s.clone()),
                _ => {
                    self.error(e.span.clone(), "en lista får bara innehålla texter")
                        .with_label("inte en text inom citattecken");
                }
            }
        }
        if let Some(&i) = self.list_index.get(&l.name.name) {
            self.lists[i].items.extend(items);
            return;
        }
        self.list_index
            .insert(l.name.name.clone(), self.lists.len());
        self.lists.push(NamedList {
            name: l.name.name.clone(),
            items,
            patterns: std::sync::Arc::from(Vec::new()),
        });
    }
}
