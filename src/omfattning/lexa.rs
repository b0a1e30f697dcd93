//! Tokens and the vocabulary of scopes: numbers, number words, units, periods, days.

use super::*;

// ------------------------------------------------------------------ tokens

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Tal {
    /// As an amount: "3,5" = 3.5. `None` for "15:00" or figures too large.
    pub(super) varde: Option<f64>,
    /// As a time of day in hours: "8.30" = 8.5, "17" = 17. `None` if not a time.
    pub(super) klocka: Option<f64>,
    /// Written with minutes ("07.00").
    pub(super) minuter: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Tal(Tal),
    Ord(String),
    /// Any other character; all dashes are `-`.
    Tecken(char),
}

pub(super) fn lexa(text: &str) -> Vec<Tok> {
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
        } else if crate::letters::is_alphabetic(c) {
            let mut ord = String::new();
            while let Some(&c) = chars.get(i) {
                if !crate::letters::is_alphabetic(c) {
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

pub(super) fn siffror(chars: &[char], i: &mut usize) -> String {
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

pub(super) fn tal_token(heltal: &str, sep: Option<char>, decimaler: &str) -> Tal {
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

pub(super) fn ental(w: &str) -> Option<f64> {
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

pub(super) fn talord(w: &str) -> Option<f64> {
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

pub(super) fn ordningstal(w: &str) -> Option<u32> {
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
pub(super) fn enhet_ord(w: &str) -> Option<(Enhet, f64)> {
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

pub(super) fn period_ord(w: &str) -> Option<Period> {
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

pub(super) fn ar_helgord(w: &str) -> bool {
    matches!(w, "helg" | "helgen")
}

pub(super) fn tillfallesord(w: &str) -> bool {
    matches!(
        w,
        "tillfälle" | "tillfället" | "gång" | "gången" | "träff" | "träffen" | "besök" | "besöket"
    )
}

/// Monday = 0. Two-letter abbreviations only when `kort` (inside a range).
pub(super) fn veckodag(w: &str, kort: bool) -> Option<u8> {
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

pub(super) const ALLA_DAGAR: u8 = 0b111_1111;
pub(super) const VARDAGAR: u8 = 0b001_1111;
pub(super) const HELGDAGAR: u8 = 0b110_0000;

pub(super) fn dagdel(w: &str) -> Option<u8> {
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
pub(super) fn fyllnadsord(w: &str) -> bool {
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

pub(super) fn lovord(w: &str) -> bool {
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
