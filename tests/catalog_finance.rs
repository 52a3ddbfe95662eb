//! The finance, network, device and secret kinds of the catalog end to end through the public
//! API: exact redacted outputs (`strict` preset), planted values gone under the default policy,
//! look-alikes untouched, card authentication data dropped and never restorable.

use sanitas::{EntityKind, Policy, Sanitizer};

/// (input, exact output under the `strict` preset). CVV, track data and PINs are dropped.
const REDACTED: &[(&str, &str)] = &[
    (
        "Wire to ABA 026009593, account no. 4401-2298-1100 (SWIFT: CHASUS33) today.",
        "Wire to ABA [ROUTING_NUMBER], account no. [BANK_ACCOUNT] (SWIFT: [SWIFT_BIC]) today.",
    ),
    (
        "Direct deposit: routing 021-000-021, checking 47427200709.",
        "Direct deposit: routing [ROUTING_NUMBER], checking [BANK_ACCOUNT].",
    ),
    (
        r#"{"routingNumber": "122105155", "accountNumber": "55512345", "bic": "deutdeff500"}"#,
        r#"{"routingNumber": "[ROUTING_NUMBER]", "accountNumber": "[BANK_ACCOUNT]", "bic": "[SWIFT_BIC]"}"#,
    ),
    (
        "Card 4111 1111 1111 1111 exp 04/27 CVV 123, PIN: 9876.",
        "Card [CREDIT_CARD] exp [CARD_EXPIRY] CVV , PIN: .",
    ),
    ("Swiped ;5555555555554444=29122011234567890000? at the till.", "Swiped  at the till."),
    (
        "Login from 203.0.113.45 and 2001:db8::ff00:42:8329 (MAC 3c:22:fb:7a:11:9e).",
        "Login from [IP_ADDRESS] and [IP_ADDRESS] (MAC [MAC_ADDRESS]).",
    ),
    (
        "Photos at https://www.example-photos.com/u/jdoe_88?tab=all, blog jdoe.blogspot.com/2023/05/x.",
        "Photos at [URL], blog [URL].",
    ),
    (
        "Keys: AKIA3ZK4SOGR6ZSBDGCO, sk_live_51HqLyjWDarjtT1zdp7dcXYZ, db_password=\"Pa55w0rd!2024\".",
        "Keys: [API_KEY], [API_KEY], db_password=\"[API_KEY]\".",
    ),
    (
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2Yk3+q\n-----END RSA PRIVATE KEY-----\nrotate it",
        "[API_KEY]\nrotate it",
    ),
    (
        "Trade-in VIN 1HGCM82633A004352; chassis no. WVWZZZ1JZXW000001.",
        "Trade-in VIN [VIN]; chassis no. [VIN].",
    ),
    (
        "IMEI 490154203237518, pump S/N KH61-63594, UDI (01)00643169007222(17)250528(21)A1234.",
        "IMEI [DEVICE_ID], pump S/N [DEVICE_ID], UDI [DEVICE_ID].",
    ),
    ("Device UUID 123e4567-e89b-12d3-a456-426614174000 paired.", "Device UUID [DEVICE_ID] paired."),
    (
        "ID verified: US passport A50116528 and TX driver's license 38441477.",
        "ID verified: US passport [PASSPORT] and TX driver's license [DRIVER_LICENSE].",
    ),
    ("NY DL 122 469 149; passport (GB) 039169815.", "NY DL [DRIVER_LICENSE]; passport (GB) [PASSPORT]."),
];

/// Look-alikes that must come out exactly as they went in.
const UNTOUCHED: &[&str] = &[
    "Metoprolol 25 mg BID, HbA1c 7.2%, BP 128/82, ICD-10 E11.9, CPT 99213, $4,250.00, 6.25% APR.",
    "Invoice 2956419069; order # 123456789; case 373-00-9364; room 412B; at 10:30 AM since 2008.",
    "Account balance $12,345.67 and 15% savings; account opened in 2019; 3 accounts.",
    "Serial troponins 0.04 and 0.05; serial exams every 4 hours; PIN site clean.",
    "App version 10.0.0.1, build 4.2.1.7, Firefox/115.0.2.1, see section 1.2.3.4.",
    "Request 550e8400-e29b-41d4-a716-446655440000 failed; commit 3f786850e387550fdab836ed7e6dc881de23001b.",
    "Time 10:30:45, ratio 3:2:1; tracking number 5436821448326653; ref 021000022.",
    "HOSPITAL DISCHARGE SUMMARY - CONFIDENTIAL - BUSINESS OFFICE",
    "The token expired; the password was changed; api key rotation is scheduled.",
    "Insulin lot 4412, exp 2/26; passport photo attached; driver's license suspended.",
    "Code systems: http://loinc.org and http://hl7.org/fhir/sid/us-ssn.",
    "Write to disputes@bluerivercu.com or support@clinic.org about it.",
];

#[test]
fn strict_output_is_exact() {
    let mut s = Sanitizer::from_preset("strict").unwrap();
    for (input, want) in REDACTED {
        let got = s.sanitize_text(input).unwrap().output;
        assert_eq!(&got, want, "for {input:?}");
    }
}

#[test]
fn look_alikes_survive() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    for text in UNTOUCHED {
        let out = s.sanitize_text(text).unwrap();
        assert_eq!(&out.output, text);
        assert_eq!(out.report.total, 0, "{text:?}");
    }
}

#[test]
fn default_policy_tokens_round_trip_except_card_authentication_data() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let text = "Routing 021000021, acct 12345678, CVV 123, IP 10.1.2.3, VIN 1HGCM82633A004352.";
    let out = s.sanitize_text(text).unwrap().output;
    for planted in ["021000021", "12345678", "123", "10.1.2.3", "1HGCM82633A004352"] {
        assert!(!out.contains(planted), "{planted} leaked: {out}");
    }
    assert!(
        out.contains("ROUTING_NUMBER_") && out.contains("BANK_ACCOUNT_") && out.contains("VIN_"),
        "{out}"
    );
    // The CVV was dropped, so it cannot come back; everything else does.
    assert_eq!(s.reidentify(&out), text.replace("CVV 123", "CVV "));
}

#[test]
fn scores_and_kinds() {
    let s = Sanitizer::new(Policy::default()).unwrap();
    let f = s.scan("IMEI 490154203237518 and device MAC 9B:11:62:EC:33:A1").unwrap();
    let kinds: Vec<EntityKind> = f.iter().map(|f| f.entity).collect();
    assert_eq!(kinds, vec![EntityKind::DeviceId, EntityKind::MacAddress]);
    assert!(f.iter().all(|f| f.score >= 0.95));

    // Unlabelled shapes score lower than labelled ones, and a lower threshold reveals them.
    let text = "see 021000021 and 1.2.3.4";
    assert!(s.scan(text).unwrap().is_empty());
    let low = Sanitizer::new(Policy::from_json(r#"{"minScore": 0.3}"#).unwrap()).unwrap();
    let kinds: Vec<EntityKind> = low.scan(text).unwrap().iter().map(|f| f.entity).collect();
    assert_eq!(kinds, vec![EntityKind::RoutingNumber, EntityKind::IpAddress]);
}
