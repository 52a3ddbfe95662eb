//! The entity catalog: every kind of identifier sanitas knows, by its stable SCREAMING_SNAKE name.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! entity_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// A kind of identifier. The serialized name (e.g. `CREDIT_CARD`) is stable API.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[non_exhaustive]
        pub enum EntityKind {
            $( $(#[$doc])* #[serde(rename = $name)] $variant, )*
        }

        impl EntityKind {
            /// Every kind, in catalog order.
            pub const ALL: &'static [EntityKind] = &[ $( EntityKind::$variant, )* ];

            /// Every stable name, in catalog order.
            pub const NAMES: &'static [&'static str] = &[ $( $name, )* ];

            /// The stable name, e.g. `"CREDIT_CARD"`.
            pub fn name(self) -> &'static str {
                match self { $( EntityKind::$variant => $name, )* }
            }

            /// Looks a kind up by its stable name.
            pub fn from_name(name: &str) -> Option<EntityKind> {
                match name { $( $name => Some(EntityKind::$variant), )* _ => None }
            }
        }
    };
}

entity_kinds! {
    /// Names of patients, clinicians, relatives and customers.
    Person = "PERSON",
    /// E-mail addresses.
    Email = "EMAIL",
    /// Telephone and fax numbers.
    Phone = "PHONE",
    /// US Social Security numbers (valid area, group and serial).
    Ssn = "SSN",
    /// Payment card numbers (PAN), Luhn-valid with a known issuer prefix.
    CreditCard = "CREDIT_CARD",
    /// Card verification codes (CVV2/CVC2/CID). PCI DSS 3.3.1: dropped, never stored.
    CardCvv = "CARD_CVV",
    /// Card expiry dates.
    CardExpiry = "CARD_EXPIRY",
    /// Magnetic-stripe track data. PCI DSS 3.3.1: dropped, never stored.
    CardTrack = "CARD_TRACK",
    /// PINs and PIN blocks. PCI DSS 3.3.1: dropped, never stored.
    CardPin = "CARD_PIN",
    /// International Bank Account Numbers (ISO 13616, mod 97).
    Iban = "IBAN",
    /// ABA routing transit numbers.
    RoutingNumber = "ROUTING_NUMBER",
    /// Bank account numbers (found with account context).
    BankAccount = "BANK_ACCOUNT",
    /// SWIFT/BIC codes.
    SwiftBic = "SWIFT_BIC",
    /// IPv4 and IPv6 addresses.
    IpAddress = "IP_ADDRESS",
    /// MAC addresses.
    MacAddress = "MAC_ADDRESS",
    /// Web URLs.
    Url = "URL",
    /// Dates tied to a person (not bare years).
    Date = "DATE",
    /// Ages above 89 (HIPAA Safe Harbor groups them as `90+`).
    AgeOver89 = "AGE_OVER_89",
    /// The street line of an address.
    StreetAddress = "STREET_ADDRESS",
    /// City names in an address.
    City = "CITY",
    /// US ZIP and ZIP+4 codes.
    Zip = "ZIP",
    /// Medical record numbers.
    Mrn = "MRN",
    /// National Provider Identifiers.
    Npi = "NPI",
    /// Health plan member and subscriber IDs, Medicare MBIs.
    HealthPlanId = "HEALTH_PLAN_ID",
    /// DEA registration numbers.
    DeaNumber = "DEA_NUMBER",
    /// Driver's license numbers.
    DriverLicense = "DRIVER_LICENSE",
    /// Passport numbers.
    Passport = "PASSPORT",
    /// Vehicle identification numbers.
    Vin = "VIN",
    /// Device serial numbers, IMEIs, UDIs, device UUIDs.
    DeviceId = "DEVICE_ID",
    /// Secrets: API keys, tokens, private keys, passwords.
    ApiKey = "API_KEY",
}

impl EntityKind {
    /// True for card data that PCI DSS 3.3.1 forbids keeping after authorization (CVV, track
    /// data, PIN): it is always dropped and never enters the vault, whatever the policy says.
    pub fn is_sensitive_authentication_data(self) -> bool {
        matches!(self, EntityKind::CardCvv | EntityKind::CardTrack | EntityKind::CardPin)
    }
}

// Deserialized from a plain string (not as an enum) so that a bad name inside a map key still
// reports its path, and the error lists the valid names.
impl<'de> Deserialize<'de> for EntityKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<EntityKind, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = EntityKind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an entity name such as \"EMAIL\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EntityKind, E> {
                EntityKind::from_name(v).ok_or_else(|| E::unknown_variant(v, EntityKind::NAMES))
            }
        }
        d.deserialize_str(NameVisitor)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &kind in EntityKind::ALL {
            assert_eq!(EntityKind::from_name(kind.name()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.name()));
            assert_eq!(serde_json::from_str::<EntityKind>(&json).unwrap(), kind);
        }
        assert_eq!(EntityKind::from_name("EMAIL_ADDRESS"), None);
    }

    #[test]
    fn names_are_screaming_snake() {
        for kind in EntityKind::ALL {
            assert!(kind.name().bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()));
        }
    }
}
