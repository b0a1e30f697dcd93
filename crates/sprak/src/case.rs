//! The enums of the case format the rule language knows by name: the law a case is
//! under and the insatser. The main crate's `case` module re-exports them beside the
//! rest of the case model.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lag {
    #[serde(rename = "LSS")]
    Lss,
    #[serde(rename = "SoL")]
    Sol,
}

impl Lag {
    pub fn as_str(self) -> &'static str {
        match self {
            Lag::Lss => "LSS",
            Lag::Sol => "SoL",
        }
    }
}

/// Every insats id of format 1, both laws. Which law an id belongs to is a question
/// for the rules (a SoL id in an LSS case is a finding, not a read error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Insats {
    RadOchStod,
    PersonligAssistans,
    Ledsagarservice,
    Kontaktperson,
    Avlosarservice,
    Korttidsvistelse,
    Korttidstillsyn,
    BoendeBarn,
    BostadVuxna,
    DagligVerksamhet,
    Kontaktfamilj,
    EkonomisktBistand,
    Hemtjanst,
    Ledsagning,
    Avlosning,
    SarskiltBoende,
}

impl Insats {
    pub const ALL: [Insats; 16] = [
        Insats::RadOchStod,
        Insats::PersonligAssistans,
        Insats::Ledsagarservice,
        Insats::Kontaktperson,
        Insats::Avlosarservice,
        Insats::Korttidsvistelse,
        Insats::Korttidstillsyn,
        Insats::BoendeBarn,
        Insats::BostadVuxna,
        Insats::DagligVerksamhet,
        Insats::Kontaktfamilj,
        Insats::EkonomisktBistand,
        Insats::Hemtjanst,
        Insats::Ledsagning,
        Insats::Avlosning,
        Insats::SarskiltBoende,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Insats::RadOchStod => "rad_och_stod",
            Insats::PersonligAssistans => "personlig_assistans",
            Insats::Ledsagarservice => "ledsagarservice",
            Insats::Kontaktperson => "kontaktperson",
            Insats::Avlosarservice => "avlosarservice",
            Insats::Korttidsvistelse => "korttidsvistelse",
            Insats::Korttidstillsyn => "korttidstillsyn",
            Insats::BoendeBarn => "boende_barn",
            Insats::BostadVuxna => "bostad_vuxna",
            Insats::DagligVerksamhet => "daglig_verksamhet",
            Insats::Kontaktfamilj => "kontaktfamilj",
            Insats::EkonomisktBistand => "ekonomiskt_bistand",
            Insats::Hemtjanst => "hemtjanst",
            Insats::Ledsagning => "ledsagning",
            Insats::Avlosning => "avlosning",
            Insats::SarskiltBoende => "sarskilt_boende",
        }
    }

    /// The insats as a handläggare would name it in a sentence.
    pub fn namn(self) -> &'static str {
        match self {
            Insats::RadOchStod => "råd och stöd",
            Insats::PersonligAssistans => "personlig assistans",
            Insats::Ledsagarservice => "ledsagarservice",
            Insats::Kontaktperson => "kontaktperson",
            Insats::Avlosarservice => "avlösarservice",
            Insats::Korttidsvistelse => "korttidsvistelse",
            Insats::Korttidstillsyn => "korttidstillsyn",
            Insats::BoendeBarn => "boende för barn",
            Insats::BostadVuxna => "bostad med särskild service för vuxna",
            Insats::DagligVerksamhet => "daglig verksamhet",
            Insats::Kontaktfamilj => "kontaktfamilj",
            Insats::EkonomisktBistand => "ekonomiskt bistånd",
            Insats::Hemtjanst => "hemtjänst",
            Insats::Ledsagning => "ledsagning",
            Insats::Avlosning => "avlösning",
            Insats::SarskiltBoende => "särskilt boende",
        }
    }

    pub fn from_id(id: &str) -> Option<Insats> {
        Insats::ALL.into_iter().find(|i| i.id() == id)
    }

    /// The laws under which format 1 lists this id.
    pub fn laws(self) -> &'static [Lag] {
        match self {
            Insats::Kontaktperson => &[Lag::Lss, Lag::Sol],
            Insats::RadOchStod
            | Insats::PersonligAssistans
            | Insats::Ledsagarservice
            | Insats::Avlosarservice
            | Insats::Korttidsvistelse
            | Insats::Korttidstillsyn
            | Insats::BoendeBarn
            | Insats::BostadVuxna
            | Insats::DagligVerksamhet => &[Lag::Lss],
            _ => &[Lag::Sol],
        }
    }
}
