//! Reading a scope text into components: amounts with units and periods, schedules.

use super::lexa::*;
use super::*;

// ------------------------------------------------------------------ parsing

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum PeriodFras {
    Per {
        period: Period,
        perioder: u32,
        helg: bool,
    },
    /// "per tillfälle", "/gång": the amount is a duration per occasion.
    PerTillfalle,
}

pub(super) struct Antal {
    pub(super) varde: f64,
    pub(super) lagsta: Option<f64>,
    pub(super) ungefar: bool,
    pub(super) next: usize,
}

/// A period-less amount of hours, to be multiplied by a frequency.
pub(super) struct Varaktighet {
    pub(super) timmar: f64,
    pub(super) lagsta: Option<f64>,
    pub(super) ungefar: bool,
    /// From a time-of-day range rather than written as hours.
    pub(super) fran_klocka: bool,
}

pub(super) struct Tolkare<'a> {
    pub(super) toks: &'a [Tok],
    pub(super) anvand: Vec<bool>,
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

pub(super) fn anmark(om: &mut Omfattning, a: Anmarkning) {
    if !om.anmarkningar.contains(&a) {
        om.anmarkningar.push(a);
    }
}

/// Weekdays, times of day, parts of the day and free-standing frequencies.
pub(super) fn schema(
    t: &mut Tolkare<'_>,
    om: &mut Omfattning,
    varaktigheter: &mut Vec<Varaktighet>,
) {
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
