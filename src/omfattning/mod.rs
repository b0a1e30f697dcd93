//! The scope (`omfattning`) of an applied-for or granted insats, read from the free
//! text a handläggare writes ("4 dygn per månad", "12 h/v", "en träff i veckan,
//! cirka tre timmar", "måndag–fredag 07.00–08.30 och 15.00–17.00") into a value
//! that can be shown in a normal form ([`Omfattning::visa`]) and compared
//! ([`jamfor`]): is the grant the same as the application, smaller (a partial grant)
//! or larger?
//!
//! The module is pure: no I/O, no global state, and [`tolka`] never panics. It is
//! a hand-written tokeniser and a few left-to-right passes; no regex.
//!
//! # What is read
//!
//! A text gives zero or more [`Komponent`]s: an amount, an [`Enhet`] and, usually,
//! a [`Period`] ("per N periods", so "varannan vecka" is 1 per 2 weeks).
//!
//! * **Amounts**: digits with a decimal comma or point ("3,5", "3.5"), "½", Swedish
//!   number words (en/ett … tolv, tretton … nitton, tjugo … nittio and compounds
//!   such as "tjugofyra", "halvannan"), "en halv", "två och en halv". Prefixes
//!   "ca", "c:a", "cirka", "ungefär", "omkring", "runt" mark the amount as
//!   approximate ([`Komponent::ungefar`]); "max", "högst", "minst", "upp till",
//!   "totalt", "i genomsnitt" are read past.
//! * **Ranges** "2–3", "2-3", "2 till 3", "2 à 3", "2 eller 3": the **upper bound**
//!   is the amount (a grant of "2–3 timmar" allows 3; an application of "2–3" asks
//!   for up to 3), the lower bound is kept in [`Komponent::lagsta`].
//! * **Units**: timmar (timme, tim, t, h, and compounds such as "assistanstimmar";
//!   minuter, halvtimme and kvart are converted to hours), dygn, tillfällen
//!   (tillfälle, träff, gång, ggr, besök), helger (helg, veckoslut), dagar (dag,
//!   vardagar), procent ("%", "procent", "av heltid").
//! * **Periods** after the unit: "per", "pr", "/", "i", "om" + dag/dygn, vecka/v,
//!   månad/mån/mnd, år; "varje", "var", "varannan"/"vartannat", "var tredje",
//!   "var 3:e"; "dagligen", "veckovis", "månadsvis"/"månatligen", "årligen". Up to
//!   three ordinary words may stand between the unit and the period ("4 dygn på
//!   korttidshem per månad"). "per helg" is read as per week. "per tillfälle" /
//!   "à" mark a duration per occasion (below).
//! * **Full and part time**: "heltid" = 100 %, "halvtid" = 50 %, "kvartstid" = 25 %,
//!   "trekvartstid" = 75 %, "deltid 50 %" / "75 % av heltid" = that percentage.
//!   A percentage needs no period. "deltid" without a figure is noted, not measured.
//! * **Schedules**: weekday ranges ("måndag–fredag", "mån-fre" = 5 days a week),
//!   weekday names ("tisdagar och torsdagar" = 2), "vardagar" = 5, "helger" /
//!   "lördag och söndag" = 2, "varje dag", "dagligen", "alla dagar", "dygnet runt" =
//!   7; "varannan vecka", "var tredje vecka", "udda/jämna veckor" divide by 2, 3.
//!   Time-of-day ranges ("07.00–08.30", "7-8.30", "kl. 15–17", "mellan 7 och 9";
//!   over midnight "22–07" is 9 hours) are summed per day. With a day frequency the
//!   text gives *derived* components per week: dagar (the number of days), timmar
//!   (hours per day × days), and tillfällen when parts of the day are named
//!   ("morgon och kväll varje dag" = 2 × 7 = 14 tillfällen per vecka; we count each
//!   named part of the day as one occasion). A plain "8–16" without "kl", minutes
//!   or a day frequency is not taken as a time of day.
//! * **A frequency alone** is a measure of occasions: "varannan vecka" = 1 tillfälle
//!   per 2 weeks, "varje vecka" = 1 per week, "var tredje helg" / "varannan helg" /
//!   "varje helg" = 1 helg per 3/2/1 weeks, "måndag–fredag" = 5 dagar per vecka.
//! * **Durations**: an amount of hours without a period ("à 2 timmar", ", cirka tre
//!   timmar", "2 timmar per tillfälle", a time range without a day frequency) is a
//!   duration per occasion. It is multiplied by the first occasion frequency in the
//!   text (tillfällen as written, then tillfällen derived from a schedule, then
//!   dagar): "3 gånger i veckan à 2 timmar" gives 3 tillfällen per vecka *and*
//!   6 timmar per vecka (derived). Without a frequency it stays a period-less
//!   component and is noted.
//! * **A count without a period** after a measured part takes that part's period:
//!   "4 timmar per vecka, fördelat på 2 tillfällen" = 2 tillfällen per vecka.
//!   Parts of the day after a number are occasions ("två morgnar i veckan").
//! * Next to a written-out number of weekends ("en helg per månad, fredag till
//!   söndag") weekday names describe that weekend and give no weekly days.
//!
//! What cannot be read is listed as [`Anmarkning`]s: "vid behov", "enligt
//! genomförandeplan", "hela lovperioder", a time of day without frequency ("morgon
//! och kväll"), an amount without a period ("4 dygn"), "deltid" without a figure,
//! and no measure at all ("kontaktperson").
//!
//! # Comparison
//!
//! [`Omfattning::per_vecka`] normalises one unit to an amount per week: a month is
//! 52/12 ≈ 4.33 weeks ([`VECKOR_PER_MANAD`]), a year 52 weeks; "per dag" is
//! multiplied by the days per week that the same text gives ("5 dagar per vecka,
//! 6 timmar per dag" = 30 timmar per vecka), else by 7. Per unit, the first component
//! written out in the text is used; components derived from a schedule or a
//! duration are used only when the text has no written-out component of that unit.
//! Units are never converted into one another (a helg is not a fixed number of dygn,
//! a tillfälle not a fixed number of hours, heltid not a fixed number of hours).
//!
//! [`jamfor`] compares the units both texts have, with a relative tolerance of 5 %
//! ([`TOLERANS`]), so "12 h/v" equals "52 timmar per månad" and rounding in a
//! conversion is not a partial grant. If any shared unit is smaller in the grant the
//! result is [`Jamforelse::Mindre`], even if another is larger.

use std::cmp::Ordering;

mod lexa;
mod tolka;

pub use tolka::tolka;

/// Weeks in a month: 52 / 12 ≈ 4.33.
pub const VECKOR_PER_MANAD: f64 = 52.0 / 12.0;
/// Weeks in a year.
pub const VECKOR_PER_AR: f64 = 52.0;
/// Relative difference within which two normalised amounts are equal.
pub const TOLERANS: f64 = 0.05;

/// Larger figures are not read as amounts (they are years, case numbers, noise).
const STORSTA_TAL: f64 = 1e9;

// ------------------------------------------------------------------ values

/// What an amount counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Enhet {
    Timmar,
    Dygn,
    /// Tillfällen, träffar, gånger, besök.
    Tillfallen,
    Helger,
    Dagar,
    /// Percent of full time; needs no period.
    Procent,
}

impl Enhet {
    /// Every unit, in the order [`jamfor`] and [`Omfattning::visa`] use.
    pub const ALLA: [Enhet; 6] = [
        Enhet::Timmar,
        Enhet::Dygn,
        Enhet::Tillfallen,
        Enhet::Helger,
        Enhet::Dagar,
        Enhet::Procent,
    ];

    /// The Swedish word for `antal` of this unit ("1 timme", "2 timmar").
    pub fn namn(self, antal: f64) -> &'static str {
        let ett = (antal - 1.0).abs() < 1e-9;
        match (self, ett) {
            (Enhet::Timmar, true) => "timme",
            (Enhet::Timmar, false) => "timmar",
            (Enhet::Dygn, _) => "dygn",
            (Enhet::Tillfallen, true) => "tillfälle",
            (Enhet::Tillfallen, false) => "tillfällen",
            (Enhet::Helger, true) => "helg",
            (Enhet::Helger, false) => "helger",
            (Enhet::Dagar, true) => "dag",
            (Enhet::Dagar, false) => "dagar",
            (Enhet::Procent, _) => "%",
        }
    }
}

/// The period an amount is given per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Dag,
    Vecka,
    Manad,
    Ar,
}

impl Period {
    fn namn(self) -> &'static str {
        match self {
            Period::Dag => "dag",
            Period::Vecka => "vecka",
            Period::Manad => "månad",
            Period::Ar => "år",
        }
    }
}

/// One measured part of a scope: `antal` `enhet` per `perioder` × `period`.
#[derive(Debug, Clone, PartialEq)]
pub struct Komponent {
    /// The amount; for a range, the upper bound.
    pub antal: f64,
    pub enhet: Enhet,
    /// `None` when the text gives no period (then the component is not measurable,
    /// except for [`Enhet::Procent`]).
    pub period: Option<Period>,
    /// Per how many periods: 1 for "per vecka", 2 for "varannan vecka", 3 for
    /// "var tredje vecka". Never 0.
    pub perioder: u32,
    /// Written with "ca", "cirka", "ungefär".
    pub ungefar: bool,
    /// The lower bound when the text gives a range ("2–3 timmar").
    pub lagsta: Option<f64>,
    /// Not written out but derived: from a schedule (weekdays, times of day) or from
    /// a duration times a frequency. [`jamfor`] prefers written-out components.
    pub harledd: bool,
    /// Hours per occasion written with this frequency ("3 gånger i veckan à
    /// 2 timmar"); the total is a separate, derived timmar component.
    pub timmar_per_tillfalle: Option<f64>,
}

impl Komponent {
    fn ny(antal: f64, enhet: Enhet, period: Option<Period>, perioder: u32) -> Komponent {
        Komponent {
            antal,
            enhet,
            period,
            perioder: perioder.max(1),
            ungefar: false,
            lagsta: None,
            harledd: false,
            timmar_per_tillfalle: None,
        }
    }

    fn harledd(mut self) -> Komponent {
        self.harledd = true;
        self
    }

    /// This component in a short Swedish normal form ("4 dygn per månad",
    /// "varannan helg", "75 % av heltid").
    pub fn visa(&self) -> String {
        let belopp = match self.lagsta {
            Some(l) => format!("{}–{}", tal_text(l), tal_text(self.antal)),
            None => tal_text(self.antal),
        };
        let ca = if self.ungefar { "ca " } else { "" };
        if self.enhet == Enhet::Procent {
            if self.lagsta.is_none() && (self.antal - 100.0).abs() < 1e-9 {
                return "heltid".to_string();
            }
            return format!("{ca}{belopp} % av heltid");
        }
        if self.enhet == Enhet::Helger
            && self.period == Some(Period::Vecka)
            && self.lagsta.is_none()
            && (self.antal - 1.0).abs() < 1e-9
        {
            return match self.perioder {
                1 => "varje helg".to_string(),
                2 => "varannan helg".to_string(),
                n => format!("var {} helg", ordningstal_text(n)),
            };
        }
        let mut s = format!("{ca}{belopp} {}", self.enhet.namn(self.antal));
        if let Some(p) = self.period {
            s.push(' ');
            s.push_str(&period_text(p, self.perioder));
        }
        if let Some(h) = self.timmar_per_tillfalle {
            s.push_str(&format!(" à {} {}", tal_text(h), Enhet::Timmar.namn(h)));
        }
        s
    }
}

/// Why (part of) a text could not be measured. Listed in [`Omfattning::anmarkningar`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anmarkning {
    /// The text is empty.
    Tom,
    /// No amount, unit or frequency at all ("kontaktperson").
    IngetMatt,
    /// "vid behov", "efter behov", "utifrån behov".
    VidBehov,
    /// "enligt genomförandeplan", "enligt plan".
    EnligtPlan,
    /// "lov", "lovperioder", "sommarlov" without a number of days.
    Lovperioder,
    /// A time of day ("morgon och kväll", "kl. 15–17") without how often.
    TidUtanFrekvens,
    /// An amount without a period ("4 dygn").
    SaknarPeriod,
    /// "deltid" without a percentage.
    DeltidUtanProcent,
}

impl Anmarkning {
    /// A Swedish sentence for messages.
    pub fn text(self) -> &'static str {
        match self {
            Anmarkning::Tom => "omfattningen är inte ifylld",
            Anmarkning::IngetMatt => {
                "omfattningen anger inget mått (timmar, dygn, tillfällen, helger, dagar eller andel av heltid)"
            }
            Anmarkning::VidBehov => "omfattningen anges som ”vid behov”, utan mått",
            Anmarkning::EnligtPlan => {
                "omfattningen hänvisar till en plan i stället för att anges i beslutet"
            }
            Anmarkning::Lovperioder => "lovperioder anges utan antal dagar eller dygn",
            Anmarkning::TidUtanFrekvens => "tid på dagen anges utan hur ofta",
            Anmarkning::SaknarPeriod => {
                "ett antal anges utan period (per dag, vecka, månad eller år)"
            }
            Anmarkning::DeltidUtanProcent => "deltid anges utan andel av heltid",
        }
    }
}

/// A scope as read by [`tolka`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Omfattning {
    /// In the order found: written-out components first (in text order), then
    /// derived ones.
    pub komponenter: Vec<Komponent>,
    /// What could not be read, each reason once.
    pub anmarkningar: Vec<Anmarkning>,
}

/// The grant compared with the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Jamforelse {
    /// Equal within [`TOLERANS`] on every shared unit.
    Lika,
    /// Smaller on at least one shared unit: a partial grant.
    Mindre,
    /// Larger on at least one shared unit and smaller on none.
    Storre,
    /// Either side is not measurable, or they share no unit.
    Ojamforbar,
}

impl Omfattning {
    /// At least one component has an amount and a period, or is a share of full time.
    pub fn matbar(&self) -> bool {
        // "helger vid behov": a schedule read from day names alone does not measure a
        // scope that is given "vid behov"; a written amount does.
        let vid_behov = self.anmarkningar.contains(&Anmarkning::VidBehov);
        self.komponenter.iter().any(|k| {
            k.antal.is_finite()
                && (k.period.is_some() || k.enhet == Enhet::Procent)
                && !(vid_behov && k.harledd)
        })
    }

    /// The amount of `enhet` per week (for [`Enhet::Procent`]: the percentage), from
    /// the component [`jamfor`] uses: the first written-out one with a period, else
    /// the first derived one. See the module docs for the conversions.
    pub fn per_vecka(&self, enhet: Enhet) -> Option<f64> {
        self.per_vecka_med(enhet, VECKOR_PER_MANAD)
    }

    /// [`Omfattning::per_vecka`] with a given number of weeks per month.
    fn per_vecka_med(&self, enhet: Enhet, veckor_per_manad: f64) -> Option<f64> {
        let k = self.vald(enhet)?;
        if enhet == Enhet::Procent {
            return Some(k.antal);
        }
        let period = k.period?;
        let faktor = match period {
            Period::Manad => 1.0 / veckor_per_manad,
            other => self.per_vecka_faktor(other),
        };
        Some(k.antal * faktor / f64::from(k.perioder.max(1)))
    }

    /// A short Swedish normal form: the component of each unit that [`jamfor`] uses,
    /// in text order ("4 dygn per månad", "3 tillfällen per vecka à 2 timmar"). For a
    /// text without a measure: its period-less amounts, or "ingen mätbar omfattning".
    pub fn visa(&self) -> String {
        let mut valda: Vec<usize> = Enhet::ALLA
            .iter()
            .filter_map(|&e| self.vald_index(e))
            .collect();
        valda.sort_unstable();
        valda.dedup();
        let delar: Vec<String> = if valda.is_empty() {
            self.komponenter.iter().map(Komponent::visa).collect()
        } else {
            let komps: Vec<&Komponent> = valda
                .iter()
                .filter_map(|&i| self.komponenter.get(i))
                .collect();
            let har_a = komps.iter().any(|k| k.timmar_per_tillfalle.is_some());
            komps
                .into_iter()
                // "3 tillfällen per vecka à 2 timmar" already says the derived total.
                .filter(|k| !(har_a && k.enhet == Enhet::Timmar && k.harledd))
                .map(Komponent::visa)
                .collect()
        };
        if delar.is_empty() {
            "ingen mätbar omfattning".to_string()
        } else {
            delar.join(", ")
        }
    }

    fn vald_index(&self, enhet: Enhet) -> Option<usize> {
        let kandidat = |k: &Komponent| {
            k.enhet == enhet
                && k.antal.is_finite()
                && (k.period.is_some() || enhet == Enhet::Procent)
        };
        let skriven = self
            .komponenter
            .iter()
            .position(|k| kandidat(k) && !k.harledd);
        skriven.or_else(|| self.komponenter.iter().position(kandidat))
    }

    fn vald(&self, enhet: Enhet) -> Option<&Komponent> {
        self.vald_index(enhet).and_then(|i| self.komponenter.get(i))
    }

    /// How many of `period` there are in a week.
    fn per_vecka_faktor(&self, period: Period) -> f64 {
        match period {
            Period::Dag => self.dagar_per_vecka(),
            Period::Vecka => 1.0,
            Period::Manad => 1.0 / VECKOR_PER_MANAD,
            Period::Ar => 1.0 / VECKOR_PER_AR,
        }
    }

    /// Days per week that the text gives ("5 dagar per vecka", "måndag–fredag"),
    /// else 7.
    fn dagar_per_vecka(&self) -> f64 {
        let kandidat = |k: &&Komponent| {
            k.enhet == Enhet::Dagar && matches!(k.period, Some(p) if p != Period::Dag)
        };
        let mut alla = self.komponenter.iter().filter(kandidat);
        let vald = alla.clone().find(|k| !k.harledd).or_else(|| alla.next());
        match vald {
            Some(k) => match k.period {
                Some(p) if p != Period::Dag => {
                    let d = k.antal * self.per_vecka_faktor(p) / f64::from(k.perioder.max(1));
                    d.clamp(0.0, 7.0)
                }
                _ => 7.0,
            },
            None => 7.0,
        }
    }
}

/// Compares a granted scope with the applied-for one, unit by shared unit, after
/// normalising to amounts per week. See the module docs.
pub fn jamfor(sokt: &Omfattning, beviljad: &Omfattning) -> Jamforelse {
    if !sokt.matbar() || !beviljad.matbar() {
        return Jamforelse::Ojamforbar;
    }
    let mut delade = 0;
    let mut mindre = false;
    let mut storre = false;
    for enhet in Enhet::ALLA {
        if let (Some(a), Some(b)) = (sokt.per_vecka(enhet), beviljad.per_vecka(enhet)) {
            delade += 1;
            // Many municipalities count a month as four weeks ("12 timmar per vecka" =
            // "48 timmar per månad", "varannan vecka" = "2 gånger per månad"): a scope
            // equal under that convention is equal.
            let fyra = (
                sokt.per_vecka_med(enhet, 4.0),
                beviljad.per_vecka_med(enhet, 4.0),
            );
            if let (Some(a4), Some(b4)) = fyra {
                if jamfor_tal(a4, b4) == Ordering::Equal {
                    continue;
                }
            }
            match jamfor_tal(a, b) {
                Ordering::Less => mindre = true,
                Ordering::Greater => storre = true,
                Ordering::Equal => {}
            }
        }
    }
    if delade == 0 {
        Jamforelse::Ojamforbar
    } else if mindre {
        Jamforelse::Mindre
    } else if storre {
        Jamforelse::Storre
    } else {
        Jamforelse::Lika
    }
}

/// `beviljad` relative to `sokt`, equal within [`TOLERANS`].
fn jamfor_tal(sokt: f64, beviljad: f64) -> Ordering {
    let skillnad = beviljad - sokt;
    let skala = sokt.abs().max(beviljad.abs());
    if skillnad.abs() <= TOLERANS * skala || skillnad.abs() < 1e-9 {
        Ordering::Equal
    } else if skillnad < 0.0 {
        Ordering::Less
    } else {
        Ordering::Greater
    }
}

// ------------------------------------------------------------------ display

/// "4", "3,5", "4,33".
fn tal_text(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    if (r - r.round()).abs() < 1e-9 {
        format!("{}", r.round())
    } else {
        format!("{r}").replace('.', ",")
    }
}

fn ordningstal_text(n: u32) -> String {
    let ord = match n {
        2 => "andra",
        3 => "tredje",
        4 => "fjärde",
        5 => "femte",
        6 => "sjätte",
        7 => "sjunde",
        8 => "åttonde",
        9 => "nionde",
        10 => "tionde",
        11 => "elfte",
        12 => "tolfte",
        _ => return format!("{n}:e"),
    };
    ord.to_string()
}

fn period_text(p: Period, perioder: u32) -> String {
    let neutrum = p == Period::Ar;
    match perioder {
        0 | 1 => format!("per {}", p.namn()),
        2 if neutrum => "vartannat år".to_string(),
        2 => format!("varannan {}", p.namn()),
        n => {
            let var = if neutrum { "vart" } else { "var" };
            format!("{var} {} {}", ordningstal_text(n), p.namn())
        }
    }
}

#[cfg(test)]
mod tests;
