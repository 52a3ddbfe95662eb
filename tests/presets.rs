//! Every built-in policy survives a round trip through JSON (what `presetPolicy` hands to
//! JavaScript and `new Sanitizer(policy)` reads back): same JSON, and it compiles.

use sanitas::{Policy, PRESET_NAMES};

#[test]
fn presets_round_trip_through_json() {
    for name in PRESET_NAMES {
        let preset = Policy::preset(name).unwrap();
        let json = serde_json::to_value(&preset).unwrap();
        let back = Policy::from_value(json.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(serde_json::to_value(&back).unwrap(), json, "{name}");
        back.compile().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(json.get("key").is_none(), "{name}: no key in a preset");
    }
    // A preset as data, given a key, is accepted like any policy.
    let mut json = serde_json::to_value(Policy::preset("strict").unwrap()).unwrap();
    json["key"] = serde_json::Value::from("00112233445566778899aabbccddeeff");
    assert!(Policy::from_value(json).unwrap().key.is_some());
}
