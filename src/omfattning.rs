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

// ------------------------------------------------------------------ tokens

#[derive(Debug, Clone, Copy, PartialEq)]
struct Tal {
    /// As an amount: "3,5" = 3.5. `None` for "15:00" or figures too large.
    varde: Option<f64>,
    /// As a time of day in hours: "8.30" = 8.5, "17" = 17. `None` if not a time.
    klocka: Option<f64>,
    /// Written with minutes ("07.00").
    minuter: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Tal(Tal),
    Ord(String),
    /// Any other character; all dashes are `-`.
    Tecken(char),
}

fn lexa(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_ascii_digit() {
            let heltal = siffror(&chars, &mut i);
            let mut sep = None;
            let mut decimaler = String::new();
            if let (Some(&s), Some(d)) = (chars.get(i), chars.get(i + 1)) {
                if matches!(s, ',' | '.' | ':') && d.is_ascii_digit() {
                    sep = Some(s);
                    i += 1;
                    decimaler = siffror(&chars, &mut i);
                }
            }
            toks.push(Tok::Tal(tal_token(&heltal, sep, &decimaler)));
        } else if c == '½' {
            match toks.last_mut() {
                Some(Tok::Tal(t)) if t.varde.is_some() => {
                    t.varde = t.varde.map(|v| v + 0.5);
                    t.klocka = None;
                }
                _ => toks.push(Tok::Tal(Tal {
                    varde: Some(0.5),
                    klocka: None,
                    minuter: false,
                })),
            }
            i += 1;
        } else if c.is_alphabetic() {
            let mut ord = String::new();
            while let Some(&c) = chars.get(i) {
                if !c.is_alphabetic() {
                    break;
                }
                ord.push(c);
                i += 1;
            }
            toks.push(Tok::Ord(ord));
        } else {
            i += 1;
            if c.is_whitespace() {
                continue;
            }
            // The dot of an abbreviation ("kl.", "tim.", "mån.") carries nothing.
            if c == '.' && matches!(toks.last(), Some(Tok::Ord(_))) {
                continue;
            }
            let c = match c {
                '–' | '—' | '‒' | '−' | '‐' | '‑' => '-',
                c => c,
            };
            toks.push(Tok::Tecken(c));
        }
    }
    toks
}

fn siffror(chars: &[char], i: &mut usize) -> String {
    let mut s = String::new();
    while let Some(&c) = chars.get(*i) {
        if !c.is_ascii_digit() {
            break;
        }
        s.push(c);
        *i += 1;
    }
    s
}

fn tal_token(heltal: &str, sep: Option<char>, decimaler: &str) -> Tal {
    let rimligt = |v: f64| (v.is_finite() && v <= STORSTA_TAL).then_some(v);
    let h: Option<f64> = heltal.parse::<f64>().ok().and_then(rimligt);
    let varde = match sep {
        None => h,
        Some(',' | '.') => format!("{heltal}.{decimaler}")
            .parse::<f64>()
            .ok()
            .and_then(rimligt),
        Some(_) => None,
    };
    let klocka = h.filter(|&h| h <= 24.0).and_then(|h| match sep {
        None => Some(h),
        Some('.' | ':') if decimaler.len() == 2 => decimaler
            .parse::<f64>()
            .ok()
            .filter(|&m| m < 60.0 && (h < 24.0 || m == 0.0))
            .map(|m| h + m / 60.0),
        _ => None,
    });
    Tal {
        varde,
        klocka,
        minuter: sep.is_some(),
    }
}

// ------------------------------------------------------------------ vocabulary

fn ental(w: &str) -> Option<f64> {
    Some(match w {
        "en" | "ett" => 1.0,
        "två" => 2.0,
        "tre" => 3.0,
        "fyra" => 4.0,
        "fem" => 5.0,
        "sex" => 6.0,
        "sju" => 7.0,
        "åtta" => 8.0,
        "nio" => 9.0,
        _ => return None,
    })
}

fn talord(w: &str) -> Option<f64> {
    if let Some(v) = ental(w) {
        return Some(v);
    }
    let v = match w {
        "tio" => Some(10.0),
        "elva" => Some(11.0),
        "tolv" => Some(12.0),
        "tretton" => Some(13.0),
        "fjorton" => Some(14.0),
        "femton" => Some(15.0),
        "sexton" => Some(16.0),
        "sjutton" => Some(17.0),
        "arton" | "aderton" => Some(18.0),
        "nitton" => Some(19.0),
        "halvannan" | "halvannat" => Some(1.5),
        "hundra" => Some(100.0),
        _ => None,
    };
    if v.is_some() {
        return v;
    }
    const TIOTAL: [(&str, f64); 8] = [
        ("tjugo", 20.0),
        ("trettio", 30.0),
        ("fyrtio", 40.0),
        ("femtio", 50.0),
        ("sextio", 60.0),
        ("sjuttio", 70.0),
        ("åttio", 80.0),
        ("nittio", 90.0),
    ];
    for (prefix, tiotal) in TIOTAL {
        if w == prefix {
            return Some(tiotal);
        }
        if let Some(e) = w.strip_prefix(prefix).and_then(ental) {
            return Some(tiotal + e);
        }
    }
    None
}

fn ordningstal(w: &str) -> Option<u32> {
    Some(match w {
        "annan" | "annat" | "andra" => 2,
        "tredje" => 3,
        "fjärde" => 4,
        "femte" => 5,
        "sjätte" => 6,
        "sjunde" => 7,
        "åttonde" => 8,
        "nionde" => 9,
        "tionde" => 10,
        "elfte" => 11,
        "tolfte" => 12,
        "fjortonde" => 14,
        _ => return None,
    })
}

/// A unit word and the factor to its [`Enhet`] (minutes to hours).
fn enhet_ord(w: &str) -> Option<(Enhet, f64)> {
    let e = match w {
        "timme" | "timmar" | "timmen" | "timmarna" | "timmes" | "timmars" | "tim" | "t" | "h" => {
            (Enhet::Timmar, 1.0)
        }
        "minut" | "minuter" | "minuters" | "min" => (Enhet::Timmar, 1.0 / 60.0),
        "halvtimme" | "halvtimmar" | "halvtimmes" => (Enhet::Timmar, 0.5),
        "kvart" | "kvartar" => (Enhet::Timmar, 0.25),
        "dygn" | "dygnen" => (Enhet::Dygn, 1.0),
        // "två morgnar i veckan", "en kväll per vecka" (nights are left out: a night
        // may mean a dygn).
        "morgon" | "morgnar" | "förmiddag" | "förmiddagar" | "eftermiddag" | "eftermiddagar"
        | "kväll" | "kvällar" => (Enhet::Tillfallen, 1.0),
        "tillfälle" | "tillfällen" | "tillfällena" | "träff" | "träffar" | "träffen" | "gång"
        | "gånger" | "gången" | "ggr" | "gg" | "besök" | "besöken" => (Enhet::Tillfallen, 1.0),
        "helg" | "helger" | "helgen" | "helgerna" | "veckoslut" | "veckosluten" => {
            (Enhet::Helger, 1.0)
        }
        "dag" | "dagar" | "dagen" | "dagarna" | "vardag" => (Enhet::Dagar, 1.0),
        "procent" => (Enhet::Procent, 1.0),
        _ => {
            // Compounds: "assistanstimmar", "vistelsedygn", "besökstillfällen",
            // "vardagar".
            if w.ends_with("timmar") || w.ends_with("timme") {
                (Enhet::Timmar, 1.0)
            } else if w.ends_with("dygn") {
                (Enhet::Dygn, 1.0)
            } else if w.ends_with("tillfällen") || w.ends_with("träffar") {
                (Enhet::Tillfallen, 1.0)
            } else if w.ends_with("dagar") {
                (Enhet::Dagar, 1.0)
            } else if w.ends_with("helger") {
                (Enhet::Helger, 1.0)
            } else {
                return None;
            }
        }
    };
    Some(e)
}

fn period_ord(w: &str) -> Option<Period> {
    Some(match w {
        "dag" | "dagen" | "d" | "dygn" | "dygnet" => Period::Dag,
        "vecka" | "veckan" | "v" | "vecko" | "kalendervecka" | "helg" | "helgen" => Period::Vecka,
        "månad" | "månaden" | "mån" | "mnd" | "kalendermånad" | "kalendermånaden" => {
            Period::Manad
        }
        "år" | "året" | "kalenderår" | "kalenderåret" => Period::Ar,
        _ => return None,
    })
}

fn ar_helgord(w: &str) -> bool {
    matches!(w, "helg" | "helgen")
}

fn tillfallesord(w: &str) -> bool {
    matches!(
        w,
        "tillfälle" | "tillfället" | "gång" | "gången" | "träff" | "träffen" | "besök" | "besöket"
    )
}

/// Monday = 0. Two-letter abbreviations only when `kort` (inside a range).
fn veckodag(w: &str, kort: bool) -> Option<u8> {
    const NAMN: [&str; 7] = [
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    ];
    for (d, namn) in (0u8..).zip(NAMN) {
        if let Some(rest) = w.strip_prefix(namn) {
            if matches!(rest, "" | "ar" | "en" | "arna" | "s") {
                return Some(d);
            }
        }
    }
    match w {
        "mån" => Some(0),
        "tis" => Some(1),
        "ons" => Some(2),
        "tors" | "tor" => Some(3),
        "fre" => Some(4),
        "lör" => Some(5),
        "sön" => Some(6),
        "må" if kort => Some(0),
        "ti" if kort => Some(1),
        "on" if kort => Some(2),
        "to" if kort => Some(3),
        "fr" if kort => Some(4),
        "lö" if kort => Some(5),
        "sö" if kort => Some(6),
        _ => None,
    }
}

const ALLA_DAGAR: u8 = 0b111_1111;
const VARDAGAR: u8 = 0b001_1111;
const HELGDAGAR: u8 = 0b110_0000;

fn dagdel(w: &str) -> Option<u8> {
    Some(match w {
        "morgon" | "morgonen" | "morgnar" | "morgnarna" | "mornar" => 0,
        "förmiddag" | "förmiddagen" | "förmiddagar" => 1,
        "lunch" | "lunchen" | "lunchtid" | "luncher" => 2,
        "eftermiddag" | "eftermiddagen" | "eftermiddagar" => 3,
        "kväll" | "kvällen" | "kvällar" | "kvällarna" | "kvällstid" => 4,
        "natt" | "natten" | "nätter" | "nätterna" | "nattetid" => 5,
        _ => return None,
    })
}

/// A word that may stand between a unit and its period ("4 dygn på korttidshem per
/// månad"): not a number, unit, weekday, part of the day or conjunction.
fn fyllnadsord(w: &str) -> bool {
    talord(w).is_none()
        && enhet_ord(w).is_none()
        && veckodag(w, false).is_none()
        && dagdel(w).is_none()
        && !matches!(
            w,
            "och"
                | "samt"
                | "varav"
                | "plus"
                | "eller"
                | "à"
                | "á"
                | "kl"
                | "klockan"
                | "mellan"
                | "från"
                | "heltid"
                | "halvtid"
                | "deltid"
                | "vid"
                | "enligt"
                | "halv"
        )
}

fn lovord(w: &str) -> bool {
    let stam = w
        .strip_suffix("et")
        .or_else(|| w.strip_suffix("en"))
        .unwrap_or(w);
    if w.starts_with("lovperiod") || w.starts_with("lovdag") || w.starts_with("lovveck") {
        return true;
    }
    matches!(
        stam,
        "lov"
            | "sommarlov"
            | "skollov"
            | "jullov"
            | "påsklov"
            | "höstlov"
            | "sportlov"
            | "vinterlov"
    )
}

// ------------------------------------------------------------------ parsing

#[derive(Debug, Clone, Copy, PartialEq)]
enum PeriodFras {
    Per {
        period: Period,
        perioder: u32,
        helg: bool,
    },
    /// "per tillfälle", "/gång": the amount is a duration per occasion.
    PerTillfalle,
}

struct Antal {
    varde: f64,
    lagsta: Option<f64>,
    ungefar: bool,
    next: usize,
}

/// A period-less amount of hours, to be multiplied by a frequency.
struct Varaktighet {
    timmar: f64,
    lagsta: Option<f64>,
    ungefar: bool,
    /// From a time-of-day range rather than written as hours.
    fran_klocka: bool,
}

struct Tolkare<'a> {
    toks: &'a [Tok],
    anvand: Vec<bool>,
}

impl<'a> Tolkare<'a> {
    fn new(toks: &'a [Tok]) -> Self {
        Tolkare {
            toks,
            anvand: vec![false; toks.len()],
        }
    }

    fn ord(&self, i: usize) -> Option<&'a str> {
        match self.toks.get(i) {
            Some(Tok::Ord(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    fn tecken(&self, i: usize) -> Option<char> {
        match self.toks.get(i) {
            Some(Tok::Tecken(c)) => Some(*c),
            _ => None,
        }
    }

    fn tal(&self, i: usize) -> Option<Tal> {
        match self.toks.get(i) {
            Some(Tok::Tal(t)) => Some(*t),
            _ => None,
        }
    }

    fn fri(&self, i: usize) -> bool {
        !self.anvand.get(i).copied().unwrap_or(true)
    }

    fn markera(&mut self, fran: usize, till: usize) {
        for f in self.anvand.iter_mut().take(till).skip(fran) {
            *f = true;
        }
    }

    /// A number, with prefixes and a range.
    fn antal(&self, i: usize) -> Option<Antal> {
        let mut j = i;
        let mut ungefar = false;
        for _ in 0..4 {
            match self.ord(j) {
                Some(
                    "ca" | "cirka" | "ungefär" | "omkring" | "runt" | "uppskattningsvis"
                    | "approximativt",
                ) => {
                    ungefar = true;
                    j += 1;
                }
                Some("c") if self.tecken(j + 1) == Some(':') && self.ord(j + 2) == Some("a") => {
                    ungefar = true;
                    j += 3;
                }
                Some(
                    "max" | "maximalt" | "högst" | "minst" | "totalt" | "sammanlagt"
                    | "sammantaget" | "genomsnittligt",
                ) => j += 1,
                Some("upp") if self.ord(j + 1) == Some("till") => j += 2,
                Some("i") if matches!(self.ord(j + 1), Some("genomsnitt" | "snitt")) => j += 2,
                _ => break,
            }
        }
        let (forsta, j) = self.enkelt_tal(j)?;
        let bindeord = self.tecken(j) == Some('-')
            || matches!(self.ord(j), Some("till" | "à" | "á" | "eller"));
        if bindeord {
            if let Some((andra, k)) = self.enkelt_tal(j + 1) {
                if andra >= forsta {
                    return Some(Antal {
                        varde: andra,
                        lagsta: Some(forsta),
                        ungefar,
                        next: k,
                    });
                }
            }
        }
        Some(Antal {
            varde: forsta,
            lagsta: None,
            ungefar,
            next: j,
        })
    }

    fn enkelt_tal(&self, j: usize) -> Option<(f64, usize)> {
        let (mut v, mut k) = match self.toks.get(j)? {
            Tok::Tal(t) => (t.varde?, j + 1),
            Tok::Ord(w)
                if matches!(w.as_str(), "en" | "ett")
                    && matches!(self.ord(j + 1), Some("halv" | "halvt")) =>
            {
                (0.5, j + 2)
            }
            Tok::Ord(w) if matches!(w.as_str(), "halv" | "halvt") => (0.5, j + 1),
            Tok::Ord(w) => (talord(w)?, j + 1),
            Tok::Tecken(_) => return None,
        };
        if self.ord(k) == Some("och")
            && matches!(self.ord(k + 1), Some("en" | "ett"))
            && matches!(self.ord(k + 2), Some("halv" | "halvt"))
        {
            v += 0.5;
            k += 3;
        }
        Some((v, k))
    }

    fn enhet(&self, j: usize) -> Option<(Enhet, f64, usize)> {
        match self.toks.get(j)? {
            Tok::Tecken('%') => Some((Enhet::Procent, 1.0, j + 1)),
            Tok::Ord(w) => enhet_ord(w).map(|(e, f)| (e, f, j + 1)),
            _ => None,
        }
    }

    /// "per vecka", "/mån", "i månaden", "varannan vecka", "var 3:e helg", "dagligen".
    fn period_fras(&self, j: usize) -> Option<(PeriodFras, usize)> {
        if self.tecken(j) == Some('/') {
            return self.periodord(j + 1, 1, true);
        }
        let w = self.ord(j)?;
        let enkel = |p: Period| {
            Some((
                PeriodFras::Per {
                    period: p,
                    perioder: 1,
                    helg: false,
                },
                j + 1,
            ))
        };
        match w {
            "per" | "pr" => self.periodord(j + 1, 1, true),
            "i" | "om" => self.periodord(j + 1, 1, false),
            "varje" | "varenda" | "vartenda" => self.periodord(j + 1, 1, false),
            "var" | "vart" => self.periodord(j + 1, 1, false).or_else(|| {
                let (n, k) = self.ordningstal_vid(j + 1)?;
                self.periodord(k, n, false)
            }),
            "varannan" | "vartannat" => self.periodord(j + 1, 2, false),
            "dagligen" => enkel(Period::Dag),
            "veckovis" | "veckoligen" => enkel(Period::Vecka),
            "månadsvis" | "månatligen" => enkel(Period::Manad),
            "årligen" | "årsvis" => enkel(Period::Ar),
            _ => None,
        }
    }

    fn periodord(&self, j: usize, perioder: u32, tillfalle: bool) -> Option<(PeriodFras, usize)> {
        let w = self.ord(j)?;
        if let Some(period) = period_ord(w) {
            let fras = PeriodFras::Per {
                period,
                perioder,
                helg: ar_helgord(w),
            };
            return Some((fras, j + 1));
        }
        (tillfalle && tillfallesord(w)).then_some((PeriodFras::PerTillfalle, j + 1))
    }

    /// "tredje", "3:e", "3e", "14".
    fn ordningstal_vid(&self, j: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.ord(j).and_then(ordningstal) {
            return Some((n, j + 1));
        }
        let v = self.tal(j)?.varde?;
        if v.fract() != 0.0 || !(1.0..=1000.0).contains(&v) {
            return None;
        }
        let mut k = j + 1;
        if self.tecken(k) == Some(':') && matches!(self.ord(k + 1), Some("e" | "a")) {
            k += 2;
        } else if matches!(self.ord(k), Some("e" | "a")) {
            k += 1;
        }
        // `v` is a whole number in 1..=1000.
        Some((v as u32, k))
    }

    /// A period after a unit, past up to three ordinary words.
    fn period_efter(&self, j: usize) -> Option<(PeriodFras, usize)> {
        let mut k = j;
        for _ in 0..=3 {
            if let Some(r) = self.period_fras(k) {
                return Some(r);
            }
            match self.ord(k) {
                Some(w) if fyllnadsord(w) => k += 1,
                _ => return None,
            }
        }
        None
    }

    /// Amount, unit, period: "4 dygn per månad", "ca 15 timmar i veckan", "50 %".
    fn mangd(&self, i: usize) -> Option<(Komponent, usize)> {
        let antal = self.antal(i)?;
        let (enhet, faktor, mut j) = self.enhet(antal.next)?;
        let mut k = Komponent::ny(antal.varde * faktor, enhet, None, 1);
        k.ungefar = antal.ungefar;
        k.lagsta = antal.lagsta.map(|l| l * faktor);
        if enhet == Enhet::Procent {
            if self.ord(j) == Some("av") && self.ord(j + 1).is_some_and(|w| w.starts_with("heltid"))
            {
                j += 2;
            }
            return Some((k, j));
        }
        if let Some((fras, next)) = self.period_efter(j) {
            if let PeriodFras::Per {
                period, perioder, ..
            } = fras
            {
                k.period = Some(period);
                k.perioder = perioder.max(1);
            }
            j = next;
        }
        Some((k, j))
    }

    /// "måndag–fredag", "mån-fre", "tisdag till torsdag": the days as bits.
    fn veckodagsintervall(&self, i: usize) -> Option<(u8, usize)> {
        let a = veckodag(self.ord(i)?, true)?;
        let bind = self.tecken(i + 1) == Some('-') || self.ord(i + 1) == Some("till");
        if !bind || !self.fri(i + 2) {
            return None;
        }
        let b = veckodag(self.ord(i + 2)?, true)?;
        let mut bitar = 0u8;
        let mut d = a;
        for _ in 0..7 {
            bitar |= 1 << d;
            if d == b {
                break;
            }
            d = (d + 1) % 7;
        }
        Some((bitar, i + 3))
    }

    /// "07.00–08.30", "kl. 15–17", "mellan 7 och 9": hours, whether it is surely a
    /// time of day (minutes or "kl"), and the next index.
    fn klockintervall(&self, i: usize) -> Option<(f64, bool, usize)> {
        let fore = i.checked_sub(1).and_then(|f| self.ord(f));
        let kl = matches!(fore, Some("kl" | "klockan" | "mellan" | "från" | "tid"));
        let a = self.tal(i)?;
        let bind = self.tecken(i + 1) == Some('-')
            || self.ord(i + 1) == Some("till")
            || (fore == Some("mellan") && self.ord(i + 1) == Some("och"));
        if !bind || !self.fri(i + 2) {
            return None;
        }
        let b = self.tal(i + 2)?;
        // Part of a date or a chain ("2024-03-05", "1/3-31/5").
        let kedja = |c: Option<char>| matches!(c, Some('-' | '/'));
        if kedja(i.checked_sub(1).and_then(|f| self.tecken(f))) || kedja(self.tecken(i + 3)) {
            return None;
        }
        let (start, slut) = (a.klocka?, b.klocka?);
        let mut timmar = slut - start;
        if timmar <= 0.0 {
            timmar += 24.0;
        }
        if timmar <= 0.0 || timmar > 24.0 || (slut - start).abs() < 1e-9 {
            return None;
        }
        Some((timmar, kl || a.minuter || b.minuter, i + 3))
    }
}

/// Reads a scope from free text. Never panics; what it cannot read is listed in
/// [`Omfattning::anmarkningar`]. See the module docs for the forms understood.
pub fn tolka(text: &str) -> Omfattning {
    let toks = lexa(text);
    let mut om = Omfattning::default();
    if toks.is_empty() {
        om.anmarkningar.push(Anmarkning::Tom);
        return om;
    }
    let mut t = Tolkare::new(&toks);
    let mut varaktigheter: Vec<Varaktighet> = Vec::new();

    // Pass 1: amounts with units, and full/part time.
    let mut har_deltid = false;
    let mut i = 0;
    while i < toks.len() {
        if let Some((k, next)) = t.mangd(i) {
            t.markera(i, next);
            if k.enhet == Enhet::Timmar && k.period.is_none() {
                varaktigheter.push(Varaktighet {
                    timmar: k.antal,
                    lagsta: k.lagsta,
                    ungefar: k.ungefar,
                    fran_klocka: false,
                });
            } else {
                om.komponenter.push(k);
            }
            i = next;
            continue;
        }
        let andel = match t.ord(i) {
            Some("heltid") => Some(100.0),
            Some("halvtid") => Some(50.0),
            Some("kvartstid") => Some(25.0),
            Some("trekvartstid") => Some(75.0),
            Some("deltid") => {
                har_deltid = true;
                None
            }
            _ => None,
        };
        let efter_av = i.checked_sub(1).and_then(|f| t.ord(f)) == Some("av");
        if let Some(p) = andel.filter(|_| !efter_av) {
            t.markera(i, i + 1);
            om.komponenter
                .push(Komponent::ny(p, Enhet::Procent, None, 1));
        }
        i += 1;
    }

    // A count without a period takes the period of the measured part before it:
    // "4 timmar per vecka, fördelat på 2 tillfällen".
    let mut foregaende: Option<(Period, u32)> = None;
    for k in &mut om.komponenter {
        match (k.period, k.enhet) {
            (_, Enhet::Procent) => {}
            (Some(p), _) => foregaende = Some((p, k.perioder)),
            (None, _) => {
                if let Some((p, n)) = foregaende {
                    k.period = Some(p);
                    k.perioder = n;
                }
            }
        }
    }

    // Pass 2: schedules and frequencies on what pass 1 left.
    schema(&mut t, &mut om, &mut varaktigheter);

    // Pass 3: durations times the first frequency.
    let kalla = [
        (Enhet::Tillfallen, false),
        (Enhet::Tillfallen, true),
        (Enhet::Dagar, false),
        (Enhet::Dagar, true),
    ]
    .into_iter()
    .find_map(|(e, h)| {
        om.komponenter
            .iter()
            .position(|k| k.enhet == e && k.harledd == h && k.period.is_some())
    });
    for v in varaktigheter {
        match kalla.and_then(|i| om.komponenter.get(i).cloned().map(|k| (i, k))) {
            Some((index, kalla)) => {
                let mut k = Komponent::ny(
                    v.timmar * kalla.antal,
                    Enhet::Timmar,
                    kalla.period,
                    kalla.perioder,
                )
                .harledd();
                k.ungefar = v.ungefar || kalla.ungefar;
                if v.lagsta.is_some() || kalla.lagsta.is_some() {
                    k.lagsta =
                        Some(v.lagsta.unwrap_or(v.timmar) * kalla.lagsta.unwrap_or(kalla.antal));
                }
                if let Some(kk) = om.komponenter.get_mut(index) {
                    if kk.timmar_per_tillfalle.is_none() {
                        kk.timmar_per_tillfalle = Some(v.timmar);
                    }
                }
                om.komponenter.push(k);
            }
            None if v.fran_klocka => anmark(&mut om, Anmarkning::TidUtanFrekvens),
            None => {
                let mut k = Komponent::ny(v.timmar, Enhet::Timmar, None, 1);
                k.ungefar = v.ungefar;
                k.lagsta = v.lagsta;
                om.komponenter.push(k);
                anmark(&mut om, Anmarkning::SaknarPeriod);
            }
        }
    }
    if om
        .komponenter
        .iter()
        .any(|k| k.period.is_none() && k.enhet != Enhet::Procent)
    {
        anmark(&mut om, Anmarkning::SaknarPeriod);
    }

    // Pass 4: what makes a text unmeasurable.
    for i in 0..toks.len() {
        let Some(w) = t.ord(i) else { continue };
        let nasta = t.ord(i + 1);
        if matches!(w, "vid" | "efter" | "utifrån" | "enligt") && nasta == Some("behov") {
            anmark(&mut om, Anmarkning::VidBehov);
        }
        if (w == "enligt" && nasta.is_some_and(|n| n.contains("plan")))
            || w.starts_with("genomförandeplan")
        {
            anmark(&mut om, Anmarkning::EnligtPlan);
        }
        if lovord(w) {
            anmark(&mut om, Anmarkning::Lovperioder);
        }
    }
    if har_deltid && !om.komponenter.iter().any(|k| k.enhet == Enhet::Procent) {
        anmark(&mut om, Anmarkning::DeltidUtanProcent);
    }
    if !om.matbar() && om.anmarkningar.is_empty() {
        anmark(&mut om, Anmarkning::IngetMatt);
    }
    om
}

fn anmark(om: &mut Omfattning, a: Anmarkning) {
    if !om.anmarkningar.contains(&a) {
        om.anmarkningar.push(a);
    }
}

/// Weekdays, times of day, parts of the day and free-standing frequencies.
fn schema(t: &mut Tolkare<'_>, om: &mut Omfattning, varaktigheter: &mut Vec<Varaktighet>) {
    let mut dagar = 0u8;
    let mut dagdelar = 0u8;
    let mut klockor: Vec<(f64, bool)> = Vec::new();
    let mut helgfrekvenser: Vec<u32> = Vec::new();
    let mut frekvenser: Vec<(Period, u32)> = Vec::new();

    let n = t.toks.len();
    let mut i = 0;
    while i < n {
        if !t.fri(i) {
            i += 1;
            continue;
        }
        if let Some((bitar, next)) = t.veckodagsintervall(i) {
            dagar |= bitar;
            t.markera(i, next);
            i = next;
            continue;
        }
        if let Some((timmar, saker, next)) = t.klockintervall(i) {
            klockor.push((timmar, saker));
            t.markera(i, next);
            i = next;
            continue;
        }
        let w = t.ord(i);
        let nasta = t.ord(i + 1);
        if w == Some("dygnet") && nasta == Some("runt") {
            dagar = ALLA_DAGAR;
            klockor.push((24.0, true));
            t.markera(i, i + 2);
            i += 2;
            continue;
        }
        if w == Some("alla") && matches!(nasta, Some("dagar" | "veckodagar")) {
            dagar = ALLA_DAGAR;
            t.markera(i, i + 2);
            i += 2;
            continue;
        }
        if w == Some("alla") && nasta == Some("veckans") && t.ord(i + 2) == Some("dagar") {
            dagar = ALLA_DAGAR;
            t.markera(i, i + 3);
            i += 3;
            continue;
        }
        if matches!(w, Some("udda" | "jämna")) && nasta.is_some_and(|w| w.starts_with("veck")) {
            frekvenser.push((Period::Vecka, 2));
            t.markera(i, i + 2);
            i += 2;
            continue;
        }
        let fri_frekvens = matches!(
            w,
            Some(
                "varje"
                    | "varenda"
                    | "vartenda"
                    | "var"
                    | "vart"
                    | "varannan"
                    | "vartannat"
                    | "dagligen"
                    | "veckovis"
                    | "veckoligen"
                    | "månadsvis"
                    | "månatligen"
                    | "årligen"
                    | "årsvis"
            )
        );
        if fri_frekvens {
            if let Some((
                PeriodFras::Per {
                    period,
                    perioder,
                    helg,
                },
                next,
            )) = t.period_fras(i)
            {
                if helg {
                    helgfrekvenser.push(perioder);
                } else if period == Period::Dag && perioder == 1 {
                    dagar = ALLA_DAGAR;
                } else {
                    frekvenser.push((period, perioder));
                }
                t.markera(i, next);
                i = next;
                continue;
            }
        }
        if let Some(w) = w {
            if let Some(d) = veckodag(w, false) {
                dagar |= 1 << d;
            // "vardag" alone is everyday life ("en meningsfull vardag"), not weekdays.
            } else if matches!(w, "vardagar" | "vardagarna" | "vardagligen") {
                dagar |= VARDAGAR;
            } else if matches!(
                w,
                "helg" | "helger" | "helgen" | "helgerna" | "helgdag" | "helgdagar" | "veckoslut"
            ) {
                dagar |= HELGDAGAR;
            } else if let Some(d) = dagdel(w) {
                dagdelar |= 1 << d;
            }
        }
        i += 1;
    }

    let antal_dagar = dagar.count_ones();
    let timmar_per_dag: f64 = klockor
        .iter()
        .filter(|(_, saker)| *saker || antal_dagar > 0)
        .map(|(h, _)| h)
        .sum();
    let har_klocka = timmar_per_dag > 0.0;
    let har_tid = har_klocka || dagdelar != 0;

    // "var tredje helg": with a time of day it is the schedule's days and rhythm,
    // otherwise a number of weekends.
    let mut perioder = 1u32;

    for n in helgfrekvenser {
        if har_tid {
            dagar |= HELGDAGAR;
            perioder = perioder.max(n);
        } else {
            om.komponenter
                .push(Komponent::ny(1.0, Enhet::Helger, Some(Period::Vecka), n));
        }
    }
    // "en helg per månad, fredag klockan 16 till söndag": the weekdays say which days
    // of that weekend, not a weekly rhythm.
    if om
        .komponenter
        .iter()
        .any(|k| k.enhet == Enhet::Helger && !k.harledd && k.period.is_some())
    {
        dagar = 0;
    }
    let antal_dagar = f64::from(dagar.count_ones());
    if antal_dagar > 0.0 {
        if let Some(pos) = frekvenser.iter().position(|(p, _)| *p == Period::Vecka) {
            let (_, n) = frekvenser.remove(pos);
            perioder = perioder.max(n);
        }
        let vecka = Some(Period::Vecka);
        om.komponenter
            .push(Komponent::ny(antal_dagar, Enhet::Dagar, vecka, perioder).harledd());
        if har_klocka {
            om.komponenter.push(
                Komponent::ny(timmar_per_dag * antal_dagar, Enhet::Timmar, vecka, perioder)
                    .harledd(),
            );
        }
        if dagdelar != 0 {
            let tillfallen = f64::from(dagdelar.count_ones()) * antal_dagar;
            om.komponenter
                .push(Komponent::ny(tillfallen, Enhet::Tillfallen, vecka, perioder).harledd());
        }
    } else {
        if har_klocka {
            varaktigheter.push(Varaktighet {
                timmar: timmar_per_dag,
                lagsta: None,
                ungefar: false,
                fran_klocka: true,
            });
        } else if dagdelar != 0 {
            anmark(om, Anmarkning::TidUtanFrekvens);
        }
    }
    for (period, n) in frekvenser {
        om.komponenter
            .push(Komponent::ny(1.0, Enhet::Tillfallen, Some(period), n).harledd());
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

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nara(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[track_caller]
    fn per_vecka(text: &str, enhet: Enhet, vantat: f64) {
        let om = tolka(text);
        let v = om.per_vecka(enhet);
        assert!(
            v.is_some_and(|v| nara(v, vantat)),
            "{text:?}: {enhet:?} per vecka = {v:?}, väntat {vantat}; {om:#?}"
        );
        assert!(om.matbar(), "{text:?} ska vara mätbar");
    }

    #[track_caller]
    fn komponent(text: &str, antal: f64, enhet: Enhet, period: Option<Period>, perioder: u32) {
        let om = tolka(text);
        let k = om.komponenter.iter().find(|k| k.enhet == enhet);
        assert!(
            k.is_some_and(|k| nara(k.antal, antal) && k.period == period && k.perioder == perioder),
            "{text:?}: väntat {antal} {enhet:?} {period:?}/{perioder}; {om:#?}"
        );
    }

    #[track_caller]
    fn jfr(sokt: &str, beviljad: &str) -> Jamforelse {
        jamfor(&tolka(sokt), &tolka(beviljad))
    }

    #[track_caller]
    fn ej_matbar(text: &str, skal: Anmarkning) {
        let om = tolka(text);
        assert!(!om.matbar(), "{text:?} ska inte vara mätbar: {om:#?}");
        assert!(
            om.anmarkningar.contains(&skal),
            "{text:?}: väntat {skal:?}; {om:#?}"
        );
    }

    const M: f64 = 1.0 / VECKOR_PER_MANAD;

    // -------------------------------------------------------------- forms

    #[test]
    fn dygn_per_manad_i_alla_skrivsatt() {
        for text in [
            "4 dygn per månad",
            "4 dygn/mån",
            "4 dygn/mån.",
            "fyra dygn i månaden",
        ] {
            komponent(text, 4.0, Enhet::Dygn, Some(Period::Manad), 1);
            per_vecka(text, Enhet::Dygn, 4.0 * M);
        }
        komponent("6 dygn/månad", 6.0, Enhet::Dygn, Some(Period::Manad), 1);
        komponent(
            "4 dygn på korttidshemmet per månad",
            4.0,
            Enhet::Dygn,
            Some(Period::Manad),
            1,
        );
    }

    #[test]
    fn helger() {
        komponent(
            "två helger i månaden",
            2.0,
            Enhet::Helger,
            Some(Period::Manad),
            1,
        );
        komponent(
            "en helg per månad",
            1.0,
            Enhet::Helger,
            Some(Period::Manad),
            1,
        );
        komponent(
            "var tredje helg",
            1.0,
            Enhet::Helger,
            Some(Period::Vecka),
            3,
        );
        per_vecka("var tredje helg", Enhet::Helger, 1.0 / 3.0);
        per_vecka("varannan helg", Enhet::Helger, 0.5);
        per_vecka("varje helg", Enhet::Helger, 1.0);
    }

    #[test]
    fn tillfallen() {
        komponent(
            "en träff i veckan",
            1.0,
            Enhet::Tillfallen,
            Some(Period::Vecka),
            1,
        );
        komponent(
            "2 tillfällen per månad",
            2.0,
            Enhet::Tillfallen,
            Some(Period::Manad),
            1,
        );
        komponent("3 ggr/v", 3.0, Enhet::Tillfallen, Some(Period::Vecka), 1);
        komponent(
            "ett besök om dagen",
            1.0,
            Enhet::Tillfallen,
            Some(Period::Dag),
            1,
        );
        per_vecka("ett besök om dagen", Enhet::Tillfallen, 7.0);
    }

    #[test]
    fn traff_med_ungefarlig_langd() {
        let om = tolka("en träff per vecka, cirka tre timmar");
        per_vecka(
            "en träff per vecka, cirka tre timmar",
            Enhet::Tillfallen,
            1.0,
        );
        per_vecka("en träff per vecka, cirka tre timmar", Enhet::Timmar, 3.0);
        let timmar = om.komponenter.iter().find(|k| k.enhet == Enhet::Timmar);
        assert!(timmar.is_some_and(|k| k.harledd && k.ungefar), "{om:#?}");
        assert_eq!(om.visa(), "1 tillfälle per vecka à 3 timmar");
    }

    #[test]
    fn timmar_i_alla_skrivsatt() {
        for text in [
            "12 timmar per vecka",
            "12 h/v",
            "12h/v",
            "12 tim/vecka",
            "12 tim. per vecka",
            "tolv timmar i veckan",
            "12 t/v",
        ] {
            komponent(text, 12.0, Enhet::Timmar, Some(Period::Vecka), 1);
        }
        per_vecka("40 timmar/månad", Enhet::Timmar, 40.0 * M);
        per_vecka("10 timmar per månad", Enhet::Timmar, 10.0 * M);
        per_vecka("3,5 timmar/vecka", Enhet::Timmar, 3.5);
        per_vecka("3.5 timmar/vecka", Enhet::Timmar, 3.5);
        per_vecka("3½ timmar/vecka", Enhet::Timmar, 3.5);
        per_vecka("två och en halv timme i veckan", Enhet::Timmar, 2.5);
        per_vecka("en halv timme om dagen", Enhet::Timmar, 3.5);
        per_vecka("30 minuter per dag", Enhet::Timmar, 3.5);
        per_vecka("tjugofyra timmar per dygn", Enhet::Timmar, 168.0);
        per_vecka("20 assistanstimmar per vecka", Enhet::Timmar, 20.0);
        per_vecka("100 timmar per år", Enhet::Timmar, 100.0 / 52.0);
    }

    #[test]
    fn ungefar() {
        let om = tolka("ca 15 timmar i veckan");
        per_vecka("ca 15 timmar i veckan", Enhet::Timmar, 15.0);
        assert!(om.komponenter.iter().all(|k| k.ungefar));
        for text in [
            "cirka 15 timmar i veckan",
            "ungefär 15 timmar/v",
            "c:a 15 h/v",
        ] {
            per_vecka(text, Enhet::Timmar, 15.0);
            assert!(tolka(text).komponenter.iter().any(|k| k.ungefar), "{text}");
        }
        assert_eq!(om.visa(), "ca 15 timmar per vecka");
    }

    #[test]
    fn intervall_ger_ovre_grans() {
        for text in [
            "2–3 timmar per vecka",
            "2-3 timmar per vecka",
            "2 till 3 timmar per vecka",
        ] {
            let om = tolka(text);
            per_vecka(text, Enhet::Timmar, 3.0);
            assert!(
                om.komponenter.iter().any(|k| k.lagsta == Some(2.0)),
                "{text}"
            );
        }
        assert_eq!(tolka("2–3 timmar per vecka").visa(), "2–3 timmar per vecka");
    }

    #[test]
    fn heltid_deltid() {
        per_vecka("heltid", Enhet::Procent, 100.0);
        per_vecka("halvtid", Enhet::Procent, 50.0);
        per_vecka("deltid 50 %", Enhet::Procent, 50.0);
        per_vecka("deltid 50%", Enhet::Procent, 50.0);
        per_vecka("75 % av heltid", Enhet::Procent, 75.0);
        per_vecka("75 procent av heltid", Enhet::Procent, 75.0);
        assert_eq!(tolka("75 % av heltid").komponenter.len(), 1);
        assert_eq!(tolka("heltid").visa(), "heltid");
        assert_eq!(tolka("deltid 50 %").visa(), "50 % av heltid");
        ej_matbar("deltid", Anmarkning::DeltidUtanProcent);
    }

    #[test]
    fn veckodagar_och_klockslag() {
        let text = "måndag–fredag 07.00–08.30 och 15.00–17.00";
        per_vecka(text, Enhet::Timmar, 17.5);
        per_vecka(text, Enhet::Dagar, 5.0);
        per_vecka("mån-fre 7-8.30", Enhet::Timmar, 7.5);
        per_vecka("vardagar kl. 15–17", Enhet::Timmar, 10.0);
        per_vecka("dagligen 08.00-09.00", Enhet::Timmar, 7.0);
        per_vecka("varje dag kl 8-9", Enhet::Timmar, 7.0);
        per_vecka("helger kl. 10–16", Enhet::Timmar, 12.0);
        per_vecka("lördag och söndag 10-16", Enhet::Timmar, 12.0);
        per_vecka(
            "tisdagar och torsdagar mellan 13 och 16",
            Enhet::Timmar,
            6.0,
        );
        per_vecka("fredag–måndag", Enhet::Dagar, 4.0);
        per_vecka("natt fredag 22.00–07.00", Enhet::Timmar, 9.0);
        per_vecka("dygnet runt", Enhet::Timmar, 168.0);
        // Without "kl", minutes or days, "8-16" is not a time.
        ej_matbar("8-16", Anmarkning::IngetMatt);
    }

    #[test]
    fn klockslag_med_frekvens() {
        per_vecka("torsdagar klockan 13–17 varannan vecka", Enhet::Timmar, 2.0);
        per_vecka("en gång i veckan kl. 15–17", Enhet::Timmar, 2.0);
        per_vecka("kl. 13-17 varannan vecka", Enhet::Timmar, 2.0);
        // The written-out total wins over the derived schedule.
        per_vecka(
            "8 timmar per månad, torsdagar klockan 13–17 varannan vecka",
            Enhet::Timmar,
            8.0 * M,
        );
        let om = tolka("kl. 15–17");
        assert!(!om.matbar());
        assert!(om.anmarkningar.contains(&Anmarkning::TidUtanFrekvens));
    }

    #[test]
    fn ganger_a_timmar() {
        let text = "3 gånger i veckan à 2 timmar";
        per_vecka(text, Enhet::Tillfallen, 3.0);
        per_vecka(text, Enhet::Timmar, 6.0);
        assert_eq!(tolka(text).visa(), "3 tillfällen per vecka à 2 timmar");
        per_vecka(
            "2 timmar per tillfälle, 3 gånger per vecka",
            Enhet::Timmar,
            6.0,
        );
        per_vecka("2 timmar en gång i veckan", Enhet::Timmar, 2.0);
        per_vecka("måndag–fredag, 6 timmar", Enhet::Timmar, 30.0);
    }

    #[test]
    fn antal_utan_period_arver_perioden_fore() {
        per_vecka("4 timmar per vecka, 2 tillfällen", Enhet::Tillfallen, 2.0);
        per_vecka(
            "4 timmar/vecka fördelat på 2 tillfällen",
            Enhet::Tillfallen,
            2.0,
        );
        assert!(tolka("4 timmar per vecka, 2 tillfällen")
            .anmarkningar
            .is_empty());
        // Only from before: a count first still lacks a period.
        let om = tolka("2 tillfällen, 4 timmar per vecka");
        assert_eq!(om.per_vecka(Enhet::Tillfallen), None);
        assert!(om.anmarkningar.contains(&Anmarkning::SaknarPeriod));
    }

    #[test]
    fn dagdelar_efter_tal_ar_tillfallen() {
        per_vecka("två morgnar i veckan", Enhet::Tillfallen, 2.0);
        per_vecka("en kväll per vecka", Enhet::Tillfallen, 1.0);
        let om = tolka("6 timmar per vecka: stöd vid dusch två morgnar i veckan");
        assert!(om.anmarkningar.is_empty(), "{om:#?}");
    }

    #[test]
    fn veckodagar_inom_en_helg() {
        let text = "en helg per månad, fredag klockan 16 till söndag klockan 16";
        per_vecka(text, Enhet::Helger, M);
        assert_eq!(tolka(text).per_vecka(Enhet::Dagar), None);
        assert_eq!(tolka(text).visa(), "1 helg per månad");
    }

    #[test]
    fn intervall_genom_varaktighet() {
        let om = tolka("1-2 gånger per vecka á ca 2 timmar");
        per_vecka("1-2 gånger per vecka á ca 2 timmar", Enhet::Timmar, 4.0);
        let timmar = om.komponenter.iter().find(|k| k.enhet == Enhet::Timmar);
        assert!(
            timmar.is_some_and(|k| k.lagsta == Some(2.0) && k.ungefar),
            "{om:#?}"
        );
        assert_eq!(om.visa(), "1–2 tillfällen per vecka à 2 timmar");
    }

    #[test]
    fn dagar_och_timmar_per_dag() {
        let text = "5 dagar per vecka, 6 timmar per dag";
        per_vecka(text, Enhet::Dagar, 5.0);
        per_vecka(text, Enhet::Timmar, 30.0);
        per_vecka("2 gånger per dag, måndag–fredag", Enhet::Tillfallen, 10.0);
    }

    #[test]
    fn varannan_och_var_tredje() {
        komponent(
            "varannan vecka",
            1.0,
            Enhet::Tillfallen,
            Some(Period::Vecka),
            2,
        );
        per_vecka("varannan vecka", Enhet::Tillfallen, 0.5);
        per_vecka("8 timmar varannan vecka", Enhet::Timmar, 4.0);
        per_vecka("6 timmar var tredje vecka", Enhet::Timmar, 2.0);
        per_vecka("6 timmar var 3:e vecka", Enhet::Timmar, 2.0);
        per_vecka("1 tillfälle var fjortonde dag", Enhet::Tillfallen, 0.5);
        per_vecka("en vecka vartannat år", Enhet::Tillfallen, 1.0 / 104.0);
        per_vecka("udda veckor", Enhet::Tillfallen, 0.5);
    }

    #[test]
    fn morgon_och_kvall() {
        // A time of day with a day frequency: each named part is one occasion.
        let text = "hjälp morgon och kväll varje dag";
        per_vecka(text, Enhet::Tillfallen, 14.0);
        per_vecka(text, Enhet::Dagar, 7.0);
        ej_matbar("morgon och kväll", Anmarkning::TidUtanFrekvens);
    }

    #[test]
    fn ej_matbara() {
        ej_matbar("vid behov", Anmarkning::VidBehov);
        ej_matbar("efter behov", Anmarkning::VidBehov);
        ej_matbar("kontaktperson", Anmarkning::IngetMatt);
        ej_matbar("enligt genomförandeplan", Anmarkning::EnligtPlan);
        ej_matbar("hela lovperioder", Anmarkning::Lovperioder);
        ej_matbar("under sommarlovet", Anmarkning::Lovperioder);
        ej_matbar("", Anmarkning::Tom);
        ej_matbar("   ", Anmarkning::Tom);
        ej_matbar("4 dygn", Anmarkning::SaknarPeriod);
        ej_matbar("3 timmar", Anmarkning::SaknarPeriod);
        ej_matbar("LSS 9 § 4", Anmarkning::IngetMatt);
        ej_matbar("helger vid behov", Anmarkning::VidBehov);
        assert!(!tolka("en meningsfull vardag").matbar());
        assert_eq!(tolka("kontaktperson").visa(), "ingen mätbar omfattning");
        assert_eq!(tolka("4 dygn").visa(), "4 dygn");
    }

    #[test]
    fn matbar_med_anmarkning() {
        let om = tolka("4 dygn per månad samt hela lovperioder");
        assert!(om.matbar());
        assert!(om.anmarkningar.contains(&Anmarkning::Lovperioder));
        let om = tolka(
            "5 timmar per vecka: hjälp vid på- och avklädning morgon och kväll och inköp en gång per vecka",
        );
        assert!(om.matbar());
        assert_eq!(om.per_vecka(Enhet::Timmar), Some(5.0));
        assert_eq!(om.per_vecka(Enhet::Tillfallen), Some(1.0));
    }

    #[test]
    fn datum_ar_inga_klockslag() {
        for text in ["2024-03-05", "1/3–31/5", "beslut 2024-01-01"] {
            assert!(!tolka(text).matbar(), "{text}: {:#?}", tolka(text));
        }
    }

    // -------------------------------------------------------------- jamfor

    #[test]
    fn lika_par() {
        for (a, b) in [
            ("4 dygn/mån", "4 dygn per månad"),
            ("6 dygn/månad", "sex dygn i månaden"),
            ("en träff i veckan", "en träff per vecka, cirka tre timmar"),
            ("12 h/v", "52 timmar per månad"),
            ("12 h/v", "12 tim/vecka"),
            ("12 h/v", "50 timmar per månad"),
            ("heltid", "100 %"),
            ("halvtid", "deltid 50 %"),
            ("3 gånger i veckan à 2 timmar", "6 timmar per vecka"),
            ("varannan vecka", "26 tillfällen per år"),
            (
                "måndag–fredag 07.00–08.30 och 15.00–17.00",
                "17,5 timmar per vecka",
            ),
            ("5 dagar per vecka, 6 timmar per dag", "30 timmar/v"),
            (
                "hjälp morgon och kväll varje dag",
                "14 tillfällen per vecka",
            ),
            ("var tredje helg", "1 helg var tredje vecka"),
            // A month of four weeks, as many municipalities count.
            ("varannan vecka", "2 träffar per månad"),
            ("12 h/v", "48 timmar per månad"),
        ] {
            assert_eq!(jfr(a, b), Jamforelse::Lika, "{a:?} / {b:?}");
            assert_eq!(jfr(b, a), Jamforelse::Lika, "{b:?} / {a:?}");
        }
    }

    #[test]
    fn mindre_och_storre() {
        for (a, b) in [
            ("4 dygn per månad", "2 dygn per månad"),
            ("två helger i månaden", "en helg per månad"),
            ("20 timmar per månad", "10 timmar per månad"),
            ("15 timmar per vecka", "10 timmar per vecka"),
            ("12 h/v", "40 timmar per månad"),
            ("heltid", "halvtid"),
            ("en träff i veckan", "2 tillfällen per månad"),
            (
                "3 gånger i veckan à 2 timmar",
                "3 gånger i veckan à 1 timme",
            ),
            ("varannan helg", "var tredje helg"),
            (
                "måndag–fredag 07.00–08.30 och 15.00–17.00",
                "måndag–fredag 07.00–08.30",
            ),
        ] {
            assert_eq!(jfr(a, b), Jamforelse::Mindre, "{a:?} / {b:?}");
            assert_eq!(jfr(b, a), Jamforelse::Storre, "{b:?} / {a:?}");
        }
    }

    #[test]
    fn mindre_pa_en_delad_enhet_racker() {
        // More occasions but fewer hours, and the other way round: both are partial.
        let (a, b) = (
            "3 gånger i veckan à 2 timmar",
            "4 gånger i veckan à 1 timme",
        );
        assert_eq!(jfr(a, b), Jamforelse::Mindre);
        assert_eq!(jfr(b, a), Jamforelse::Mindre);
    }

    #[test]
    fn ojamforbara() {
        for (a, b) in [
            ("4 dygn per månad", "två helger i månaden"),
            ("12 timmar per vecka", "3 tillfällen per vecka"),
            ("heltid", "40 timmar per vecka"),
            ("vid behov", "vid behov"),
            ("kontaktperson", "en träff i veckan"),
            ("4 dygn per månad", "enligt genomförandeplan"),
            ("morgon och kväll", "morgon och kväll"),
            ("4 dygn", "4 dygn"),
        ] {
            assert_eq!(jfr(a, b), Jamforelse::Ojamforbar, "{a:?} / {b:?}");
            assert_eq!(jfr(b, a), Jamforelse::Ojamforbar, "{b:?} / {a:?}");
        }
    }

    #[test]
    fn tolerans() {
        assert_eq!(
            jfr("4 timmar per vecka", "17 timmar per månad"),
            Jamforelse::Lika
        );
        assert_eq!(
            jfr("10 timmar per vecka", "9,6 timmar per vecka"),
            Jamforelse::Lika
        );
        assert_eq!(
            jfr("10 timmar per vecka", "9 timmar per vecka"),
            Jamforelse::Mindre
        );
        assert_eq!(jfr("0 timmar per vecka", "0 h/v"), Jamforelse::Lika);
    }

    // -------------------------------------------------------------- visa

    #[test]
    fn normalform() {
        for (text, vantat) in [
            ("4 dygn/mån", "4 dygn per månad"),
            ("12 h/v", "12 timmar per vecka"),
            ("en träff i veckan", "1 tillfälle per vecka"),
            ("två helger i månaden", "2 helger per månad"),
            ("en helg per månad", "1 helg per månad"),
            ("3,5 timmar/vecka", "3,5 timmar per vecka"),
            ("var tredje helg", "var tredje helg"),
            ("varannan vecka", "1 tillfälle varannan vecka"),
            ("6 timmar var 15:e vecka", "6 timmar var 15:e vecka"),
            ("en vecka vartannat år", "1 tillfälle vartannat år"),
            (
                "måndag–fredag 07.00–08.30 och 15.00–17.00",
                "5 dagar per vecka, 17,5 timmar per vecka",
            ),
            (
                "hjälp morgon och kväll varje dag",
                "7 dagar per vecka, 14 tillfällen per vecka",
            ),
            (
                "5 dagar per vecka, 6 timmar per dag",
                "5 dagar per vecka, 6 timmar per dag",
            ),
            ("halvtid", "50 % av heltid"),
        ] {
            assert_eq!(tolka(text).visa(), vantat, "{text:?}");
        }
    }

    #[test]
    fn normalform_tolkas_lika() {
        for text in [
            "4 dygn/mån",
            "12 h/v",
            "en träff per vecka, cirka tre timmar",
            "3 gånger i veckan à 2 timmar",
            "var tredje helg",
            "varannan vecka",
            "heltid",
            "deltid 50 %",
            "måndag–fredag 07.00–08.30 och 15.00–17.00",
            "hjälp morgon och kväll varje dag",
            "5 dagar per vecka, 6 timmar per dag",
            "2–3 timmar per vecka",
            "ca 15 timmar i veckan",
            "en vecka vartannat år",
            "40 timmar/månad",
        ] {
            let om = tolka(text);
            let igen = tolka(&om.visa());
            assert_eq!(
                jamfor(&om, &igen),
                Jamforelse::Lika,
                "{text:?} → {:?}",
                om.visa()
            );
        }
    }

    #[test]
    fn anmarkningar_har_svensk_text() {
        for a in [
            Anmarkning::Tom,
            Anmarkning::IngetMatt,
            Anmarkning::VidBehov,
            Anmarkning::EnligtPlan,
            Anmarkning::Lovperioder,
            Anmarkning::TidUtanFrekvens,
            Anmarkning::SaknarPeriod,
            Anmarkning::DeltidUtanProcent,
        ] {
            assert!(!a.text().is_empty());
        }
    }

    // -------------------------------------------------------------- properties

    const ORDFORRAD: &[&str] = &[
        "4",
        "12",
        "3,5",
        "07.00",
        "08.30",
        "15",
        "17",
        "0",
        "½",
        "99999999999999999999",
        "2024",
        "-",
        "–",
        "/",
        "%",
        ":",
        ",",
        ".",
        "e",
        "en",
        "två",
        "tre",
        "tjugofyra",
        "halv",
        "och",
        "ca",
        "c:a",
        "dygn",
        "timmar",
        "h",
        "v",
        "tim",
        "mån",
        "månad",
        "vecka",
        "veckan",
        "per",
        "i",
        "om",
        "år",
        "varannan",
        "var",
        "vart",
        "tredje",
        "helg",
        "helger",
        "måndag",
        "fredag",
        "fre",
        "kl",
        "kl.",
        "morgon",
        "kväll",
        "varje",
        "dag",
        "dagar",
        "dagligen",
        "gånger",
        "à",
        "tillfällen",
        "träff",
        "heltid",
        "halvtid",
        "deltid",
        "procent",
        "av",
        "vid",
        "behov",
        "dygnet",
        "runt",
        "mellan",
        "till",
        "udda",
        "veckor",
        "alla",
        "minuter",
        "besök",
        "tillfälle",
    ];

    fn fras() -> impl Strategy<Value = String> {
        prop::collection::vec((prop::sample::select(ORDFORRAD), prop::bool::ANY), 0..14).prop_map(
            |delar| {
                let mut s = String::new();
                for (ord, mellanslag) in delar {
                    s.push_str(ord);
                    if mellanslag {
                        s.push(' ');
                    }
                }
                s
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn tolka_godtycklig_text_utan_panik(s in any::<String>()) {
            let om = tolka(&s);
            let _ = om.visa();
            let _ = jamfor(&om, &om);
        }

        #[test]
        fn tolka_ordforrad_utan_panik_och_lika_med_sig_sjalv(a in fras(), b in fras()) {
            let x = tolka(&a);
            let y = tolka(&b);
            let _ = x.visa();
            let _ = jamfor(&x, &y);
            for k in &x.komponenter {
                prop_assert!(k.antal.is_finite() && k.perioder >= 1, "{a:?}: {k:?}");
            }
            for e in Enhet::ALLA {
                prop_assert!(x.per_vecka(e).is_none_or(f64::is_finite), "{a:?}");
            }
            if x.matbar() {
                prop_assert_eq!(jamfor(&x, &x), Jamforelse::Lika, "{:?}", a);
            } else {
                prop_assert_eq!(jamfor(&x, &x), Jamforelse::Ojamforbar, "{:?}", a);
            }
        }
    }
}
