//! The yardstick of issue 10: the checklist of `benches/korttid/regler/korttid.regler`
//! written by hand as plain Rust over the case struct. What a programmer would write
//! with no rule language: direct field access, no name lookups, no boxed values, the
//! phrase lists prepared once (with the same `textmatch` the engine uses, so that a
//! phrase means the same thing on both sides) and each text prepared at most once per
//! decision, only when a rule needs it.
//!
//! A rule whose condition meets missing data reports, as the engine does (three-valued
//! logic: missing `och` false is false, missing `eller` true is true). The output is
//! the rule ids of the findings; `tests/matsticka.rs` asserts they are the engine's.

use std::cell::OnceCell;

use beslutskoll::case::{Beslut, Case, Insats, Lag, SoktInsats, Utfall};
use beslutskoll::eval::age_on;
use beslutskoll::omfattning;
use beslutskoll::textmatch::{Pattern, Prepared};
use chrono::{Datelike, NaiveDate};

/// Three-valued truth: `None` is "data missing".
type T = Option<bool>;

/// Reports a rule: its id, its guard's truth and its requirement, run only when the
/// guard holds.
type Fire<'f> = dyn FnMut(&'static str, T, &dyn Fn() -> T) + 'f;

fn and(a: T, b: impl FnOnce() -> T) -> T {
    match a {
        Some(false) => Some(false),
        Some(true) => b(),
        None => match b() {
            Some(false) => Some(false),
            _ => None,
        },
    }
}

fn or(a: T, b: impl FnOnce() -> T) -> T {
    match a {
        Some(true) => Some(true),
        Some(false) => b(),
        None => match b() {
            Some(true) => Some(true),
            _ => None,
        },
    }
}

fn not(a: T) -> T {
    a.map(|b| !b)
}

fn finns(t: &Option<String>) -> bool {
    t.as_deref().is_some_and(|s| !s.trim().is_empty())
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

fn patterns(phrases: &[&str]) -> Vec<Pattern> {
    phrases.iter().map(|p| Pattern::new(p)).collect()
}

/// The phrase lists, prepared once.
pub struct Handskriven {
    punkt_6: Vec<Pattern>,
    syfte: Vec<Pattern>,
    dygn: Vec<Pattern>,
    stodfamilj: Vec<Pattern>,
    korttidshem: Vec<Pattern>,
    sol: Vec<Pattern>,
    skalig: Vec<Pattern>,
    goda: Vec<Pattern>,
    annat_stod: Vec<Pattern>,
    individuell_plan: Vec<Pattern>,
}

impl Default for Handskriven {
    fn default() -> Self {
        Handskriven {
            punkt_6: patterns(&["9 § 6", "9 § p. 6", "9 § punkt 6", "9 § 6 p."]),
            syfte: patterns(&[
                "miljöombyte",
                "rekreation",
                "nya kontakter",
                "nya relationer",
                "sociala kontakter",
                "kamrat*",
                "jämnåriga",
                "aktiviteter",
                "trivs",
                "tycker om",
                "ser fram emot",
                "stimulans",
                "gemenskap",
                "självständig*",
                "frigörelse",
                "miljö",
                "utan föräldrarna",
                "borta från föräldrarna",
            ]),
            dygn: patterns(&[
                "dygn*",
                "dag*",
                "helg*",
                "veckoslut*",
                "natt",
                "nätter",
                "vecka",
                "veckor",
            ]),
            stodfamilj: patterns(&["stödfamilj*"]),
            korttidshem: patterns(&["korttidshem*", "korttidsboende*"]),
            sol: patterns(&["SoL", "socialtjänstlagen"]),
            skalig: patterns(&["skälig levnadsnivå", "skäliga levnadsförhållanden"]),
            goda: patterns(&[
                "goda levnadsvillkor",
                "goda levnadsförhållanden",
                "goda levnadsvillkoren",
            ]),
            annat_stod: patterns(&[
                "på annat sätt",
                "annat stöd",
                "andra insatser",
                "övrigt stöd",
                "annan insats",
            ]),
            individuell_plan: patterns(&["individuell plan"]),
        }
    }
}

/// A text of the case, prepared for phrase matching the first time a rule asks.
struct Text<'a> {
    raw: Option<&'a str>,
    prepared: OnceCell<Option<Prepared>>,
}

impl<'a> Text<'a> {
    fn new(raw: &'a Option<String>) -> Self {
        Text {
            raw: raw.as_deref(),
            prepared: OnceCell::new(),
        }
    }

    fn get(&self) -> Option<&Prepared> {
        self.prepared
            .get_or_init(|| self.raw.map(Prepared::new))
            .as_ref()
    }

    /// `nämner(text, ps)`: missing when the text is.
    fn mentions(&self, ps: &[Pattern]) -> T {
        self.get().map(|p| p.mentions(ps))
    }

    /// The text as a member of a list: a missing text mentions nothing.
    fn in_list_mentions(&self, ps: &[Pattern]) -> bool {
        self.get().is_some_and(|p| p.mentions(ps))
    }

    fn in_list_takes_up(&self, ps: &[Pattern]) -> bool {
        self.get().is_some_and(|p| p.takes_up(ps))
    }
}

impl Handskriven {
    /// The ids of the findings for `case`, in the engine's order of rules.
    pub fn check(&self, case: &Case) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut fire = |id: &'static str, guard: T, require: &dyn Fn() -> T| {
            let fired = match guard {
                Some(false) => false,
                None => true,
                Some(true) => require() != Some(true),
            };
            if fired {
                out.push(id);
            }
        };

        // matsticka.arende: once per case.
        let applied = &case.ansokan.insatser;
        fire(
            "matsticka.arende.sokt_insats_utan_beslut",
            Some(true),
            &|| {
                Some(
                    applied
                        .iter()
                        .all(|s| case.beslut.iter().any(|b| b.insats == s.insats)),
                )
            },
        );
        fire("matsticka.arende.beslut_utan_ansokan", Some(true), &|| {
            Some(
                case.beslut
                    .iter()
                    .all(|b| applied.iter().any(|s| s.insats == b.insats)),
            )
        });

        for b in case
            .beslut
            .iter()
            .filter(|b| b.insats == Insats::Korttidsvistelse)
        {
            let sokt = applied.iter().find(|s| s.insats == b.insats);
            self.decision(case, b, sokt, &mut fire);
        }
        out
    }

    fn decision(&self, case: &Case, b: &Beslut, sokt: Option<&SoktInsats>, fire: &mut Fire<'_>) {
        let texter = &case.utredning.texter;
        let lagrum = Text::new(&b.lagrum);
        let omfattning = Text::new(&b.omfattning);
        let motivering = Text::new(&b.motivering);
        let mal = Text::new(&b.mal);
        let bedomning = Text::new(&texter.bedomning);
        let barnets_basta = Text::new(&texter.barnets_basta);

        let avslag: T = b
            .utfall
            .map(|u| matches!(u, Utfall::Avslag | Utfall::DelvisBifall));
        let beviljar: T = b
            .utfall
            .map(|u| matches!(u, Utfall::Bifall | Utfall::DelvisBifall));
        let bifall: T = b.utfall.map(|u| u == Utfall::Bifall);
        let barn = Some(age_on(case.sokande.fodelsedatum, b.datum) < 18);
        let kommunicering = case.utredning.kommunicering.as_ref();
        let kommunicerad = kommunicering.is_some_and(|k| k.skickad.is_some());
        let svar_senast = kommunicering.and_then(|k| k.svar_senast);
        let personkrets = !case.sokande.personkrets.is_empty();

        fire("matsticka.korttid.utfall_saknas", Some(true), &|| {
            Some(b.utfall.is_some())
        });
        fire("matsticka.korttid.omfattning_saknas", beviljar, &|| {
            Some(finns(&b.omfattning))
        });
        fire(
            "matsticka.korttid.beslutsfattare_saknas",
            Some(true),
            &|| Some(finns(&b.beslutsfattare)),
        );
        fire(
            "matsticka.korttid.lagrum_saknas_vid_avslag",
            avslag,
            &|| Some(finns(&b.lagrum)),
        );
        fire("matsticka.korttid.lagrum_saknas", bifall, &|| {
            Some(finns(&b.lagrum))
        });
        fire(
            "matsticka.korttid.motivering_saknas_vid_avslag",
            avslag,
            &|| Some(finns(&b.motivering)),
        );
        fire("matsticka.korttid.bedomning_saknas", avslag, &|| {
            Some(finns(&texter.bedomning))
        });
        fire("matsticka.korttid.behov_ej_beskrivet", Some(true), &|| {
            Some(finns(&texter.behov) || !case.utredning.behov.is_empty())
        });
        fire("matsticka.korttid.kommunicering_saknas", avslag, &|| {
            Some(kommunicerad)
        });
        fire(
            "matsticka.korttid.kommunicering_utan_svarstid",
            and(avslag, || Some(kommunicerad)),
            &|| Some(svar_senast.is_some()),
        );
        fire(
            "matsticka.korttid.beslut_fore_svarstidens_slut",
            and(avslag, || Some(svar_senast.is_some())),
            &|| {
                Some(
                    svar_senast.is_some_and(|s| b.datum > s)
                        || kommunicering.is_some_and(|k| finns(&k.svar)),
                )
            },
        );
        fire(
            "matsticka.korttid.overklagandehanvisning_saknas",
            avslag,
            &|| Some(b.overklagandehanvisning == Some(true)),
        );
        let period = b.giltig_fran.zip(b.giltig_till);
        fire(
            "matsticka.korttid.giltighet_slutar_fore_start",
            Some(period.is_some()),
            &|| period.map(|(f, t)| t >= f),
        );
        fire("matsticka.korttid.beslut_fore_ansokan", Some(true), &|| {
            Some(b.datum >= case.ansokan.datum)
        });
        fire(
            "matsticka.korttid.lang_handlaggningstid",
            Some(true),
            &|| Some(months_between(case.ansokan.datum, b.datum) < 6),
        );
        fire("matsticka.korttid.mal_saknas", beviljar, &|| {
            Some(finns(&b.mal))
        });
        let uppf = b.uppfoljning.zip(b.giltig_fran);
        fire(
            "matsticka.korttid.uppfoljning_fore_start",
            Some(uppf.is_some()),
            &|| uppf.map(|(u, f)| u > f),
        );
        fire("matsticka.korttid.uppfoljning_saknas", beviljar, &|| {
            Some(b.uppfoljning.is_some())
        });
        fire("matsticka.korttid.barnets_basta", barn, &|| {
            Some(finns(&texter.barnets_basta))
        });
        fire("matsticka.korttid.barnets_installning", barn, &|| {
            Some(finns(&texter.barnets_installning))
        });
        fire("matsticka.korttid.barnet_inte_traffat", barn, &|| {
            Some(
                case.utredning
                    .kontakter
                    .iter()
                    .any(|k| k.med.iter().any(|m| m == "sokande")),
            )
        });
        fire(
            "matsticka.korttid.fel_punkt_i_lagrum",
            Some(finns(&b.lagrum)),
            &|| lagrum.mentions(&self.punkt_6),
        );
        fire(
            "matsticka.korttid.syfte_for_den_enskilde",
            Some(true),
            &|| {
                Some(
                    bedomning.in_list_mentions(&self.syfte)
                        || motivering.in_list_mentions(&self.syfte)
                        || mal.in_list_mentions(&self.syfte)
                        || barnets_basta.in_list_mentions(&self.syfte),
                )
            },
        );
        fire(
            "matsticka.korttid.omfattning_i_dygn",
            and(beviljar, || Some(finns(&b.omfattning))),
            &|| {
                and(omfattning.mentions(&self.dygn), || {
                    let matbar = b
                        .omfattning
                        .as_deref()
                        .map(|t| omfattning::tolka(t).matbar());
                    or(matbar, || {
                        Some(period.is_some_and(|(f, t)| (t - f).num_days() <= 31))
                    })
                })
            },
        );
        let form = sokt.and_then(|s| s.form.as_deref());
        fire(
            "matsticka.korttid.sokt_form_ej_provad",
            and(beviljar, || {
                Some(form.is_some_and(|f| !f.trim().is_empty()))
            }),
            &|| {
                let tar_upp = |ps: &[Pattern]| {
                    motivering.in_list_takes_up(ps)
                        || omfattning.in_list_takes_up(ps)
                        || bedomning.in_list_takes_up(ps)
                };
                Some(match form {
                    Some("annat") => true,
                    Some("stodfamilj") => tar_upp(&self.stodfamilj),
                    Some("korttidshem") => tar_upp(&self.korttidshem),
                    _ => false,
                })
            },
        );
        fire(
            "matsticka.korttid.personkrets_ej_angiven",
            Some(true),
            &|| Some(personkrets),
        );
        fire(
            "matsticka.korttid.insats_finns_inte_i_lss",
            Some(true),
            &|| Some(b.insats.laws().contains(&Lag::Lss)),
        );
        fire(
            "matsticka.korttid.sol_lagrum_i_lss_beslut",
            Some(finns(&b.lagrum)),
            &|| not(lagrum.mentions(&self.sol)),
        );
        let skalig_i_motivering = motivering.in_list_mentions(&self.skalig);
        fire(
            "matsticka.korttid.skalig_levnadsniva_i_lss",
            Some(true),
            &|| Some(!skalig_i_motivering),
        );
        fire(
            "matsticka.korttid.skalig_levnadsniva_i_bedomningen",
            Some(!skalig_i_motivering),
            &|| Some(!bedomning.in_list_mentions(&self.skalig)),
        );
        fire(
            "matsticka.korttid.goda_levnadsvillkor_ej_provat",
            beviljar,
            &|| {
                Some(
                    motivering.in_list_mentions(&self.goda)
                        || bedomning.in_list_mentions(&self.goda)
                        || mal.in_list_mentions(&self.goda),
                )
            },
        );
        fire(
            "matsticka.korttid.ovrigt_stod_ej_utrett",
            Some(true),
            &|| {
                Some(
                    finns(&texter.ovrigt_stod)
                        || bedomning.in_list_takes_up(&self.annat_stod)
                        || motivering.in_list_takes_up(&self.annat_stod),
                )
            },
        );
        fire(
            "matsticka.korttid.individuell_plan_ej_erbjuden",
            beviljar,
            &|| {
                or(motivering.mentions(&self.individuell_plan), || {
                    Some(case.underlag.iter().any(|u| u.typ == "individuell_plan"))
                })
            },
        );
        fire(
            "matsticka.korttid.personkrets_utan_underlag",
            Some(personkrets),
            &|| {
                Some(case.underlag.iter().any(|u| {
                    matches!(
                        u.typ.as_str(),
                        "lakarintyg"
                            | "psykologutlatande"
                            | "arbetsterapeututlatande"
                            | "tidigare_beslut"
                    )
                }))
            },
        );
    }
}
