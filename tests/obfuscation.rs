//! Disguised identifiers end to end: detection runs on a normalized view, and the replacement
//! covers every original character of the value (exact outputs with the `redact` action, exact
//! round trips with tokens). The fixture-driven sweep over every obfuscation × entity kind is in
//! `tests/accuracy.rs`.

use sanitas::{EntityKind, Policy, Sanitizer};

fn redacting() -> Sanitizer {
    Sanitizer::new(Policy::from_json(r#"{"defaultAction": "redact"}"#).unwrap()).unwrap()
}

#[test]
fn replacements_cover_the_original_characters() {
    let mut s = redacting();
    let cases = [
        ("Mail j\u{200b}ane.d\u{200b}oe@example.com now.", "Mail [EMAIL] now."),
        ("Mail \u{202d}jane@example.com\u{200b}\u{202c} now.", "Mail [EMAIL] now."),
        ("Mail jаne.dое@gmаil.cοm now.", "Mail [EMAIL] now."),
        ("Mail ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ now.", "Mail [EMAIL] now."),
        ("Mail john dot doe at gmail dot com now.", "Mail [EMAIL] now."),
        ("Mail john [at] gmail [dot] com now.", "Mail [EMAIL] now."),
        ("Open mailto:jane%2Edoe%40example.org now.", "Open mailto:[EMAIL] now."),
        ("SSN １２３－４５－６７８９.", "SSN [SSN]."),
        ("SSN ١٢٣-٤٥-٦٧٨٩.", "SSN [SSN]."),
        ("SSN 123\u{2013}45\u{2013}6789.", "SSN [SSN]."),
        ("SSN 1 2 3 - 4 5 - 6 7 8 9.", "SSN [SSN]."),
        ("SSN one two three, four five, six seven eight nine.", "SSN [SSN]."),
        ("SSN 123.45.6789.", "SSN [SSN]."),
        ("card 4111 1111\n1111 1111 ok", "card [CREDIT_CARD] ok"),
        ("card 4111\u{a0}1111\u{a0}1111\u{a0}1111 ok", "card [CREDIT_CARD] ok"),
        ("card 𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 ok", "card [CREDIT_CARD] ok"),
        ("call two one two, five five five, zero one nine nine ok", "call [PHONE] ok"),
        ("call (2 1 2) 5 5 5 - 0 1 9 9 ok", "call [PHONE] ok"),
        ("IBAN GB82 WЕST 1234 5698 7654 32 ok", "IBAN [IBAN] ok"),
    ];
    for (input, want) in cases {
        assert_eq!(s.sanitize_text(input).unwrap().output, want, "{input:?}");
    }
}

#[test]
fn tokens_restore_the_disguised_original_exactly() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let text = "Reach j\u{200b}ane [at] example [dot] org or (２１２) ５５５\u{2013}０１９９; \
                SSN one two three - four five - six seven eight nine; card 4111.1111.1111.1111.";
    let out = s.sanitize_text(text).unwrap();
    for kind in [EntityKind::Email, EntityKind::Phone, EntityKind::Ssn, EntityKind::CreditCard] {
        assert_eq!(out.report.entities[&kind]["pseudonymize"], 1, "{kind}: {}", out.output);
    }
    for fragment in ["ane", "example", "２１２", "０１９９", "seven", "4111"] {
        assert!(!out.output.contains(fragment), "{fragment} left in {}", out.output);
    }
    assert_eq!(s.reidentify(&out.output), text);
}

#[test]
fn scan_offsets_point_into_the_original() {
    let s = Sanitizer::new(Policy::default()).unwrap();
    let text = "é \u{200b}４１１１ １１１１ １１１１ １１１１ end";
    let f = s.scan(text).unwrap();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].entity, EntityKind::CreditCard);
    assert_eq!(&text[f[0].start..f[0].end], "\u{200b}４１１１ １１１１ １１１１ １１１１");
}

#[test]
fn look_alikes_are_not_normalized_into_identifiers() {
    let s = Sanitizer::new(Policy::default()).unwrap();
    for text in [
        "Visit us at lakeside.org; she was at lunch. Meet at noon dot.",
        "version v2.14.3, OID 1.2.840.10008.5.1.4, ratio 3.5:1",
        "Take one or two tablets; pain 1 2 3 4 5; someone, one-on-one",
        "Na 139\n4.2 K; BP 128/82; 50%20 growth; 100% of 20%",
        "Иванова Анна, палата 12; Καλημέρα",
    ] {
        assert_eq!(s.scan(text).unwrap(), vec![], "{text:?}");
    }
    // Dotted numbers that are identifiers of other kinds keep their kind (not SSN, card, phone).
    let text = "IP 192.168.100.200, seen 14.03.1962";
    for f in s.scan(text).unwrap() {
        assert!(matches!(f.entity, EntityKind::IpAddress | EntityKind::Date), "{text:?}: {f:?}");
    }
}

#[test]
fn random_mixtures_keep_offsets_valid_and_round_trip() {
    // Fragments that exercise every pass and their boundaries, glued at random.
    const FRAGMENTS: &[&str] = &[
        "4111",
        " ",
        "1111",
        "-",
        "\n",
        "\u{200b}",
        "\u{ad}",
        "\u{202d}",
        "\u{202c}",
        "１",
        "٤",
        "𝟗",
        "\u{2013}",
        "\u{a0}",
        ".",
        "_",
        "%40",
        "%2D",
        "%",
        "%4",
        "@",
        "[at]",
        " at ",
        " dot ",
        "(dot)",
        "jаne",
        "example",
        "com",
        "one",
        "five",
        " oh ",
        ",",
        "123",
        "45",
        "6789",
        "(212)",
        "   ",
        "GB82",
        "WЕST",
        "é",
        "😀",
        "\r\n",
        "x",
        "Иванова",
        "SSN",
        "phone",
        "+1",
        "9",
        "0",
    ];
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let mut seed = 0x2545_f491_u32;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as usize % n
    };
    for _ in 0..3000 {
        let len = 1 + next(24);
        let text: String = (0..len).map(|_| FRAGMENTS[next(FRAGMENTS.len())]).collect();
        let findings = s.scan(&text).unwrap();
        let mut last_end = 0;
        for f in &findings {
            assert!(f.start < f.end && f.end <= text.len(), "{text:?}: {f:?}");
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "{text:?}: {f:?}");
            assert!(f.start >= last_end, "{text:?}: overlapping findings");
            last_end = f.end;
        }
        let out = s.sanitize_text(&text).unwrap().output;
        assert_eq!(s.reidentify(&out), text, "{text:?} -> {out:?}");
    }
}
