//! MAC addresses (EUI-48, and EUI-64 as used by Bluetooth LE and Zigbee medical devices): six or
//! eight hex pairs joined consistently by `:` or `-`, or the dotted `0011.2233.4455` form. A form
//! made of digits only must carry a MAC label (or be the whole field), since `12-34-56-78-90-12`
//! in prose is as likely a reference.

use super::context::{self, LabelSpec, Labels};
use super::{builtin_regex, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct MacAddress {
    pattern: regex::Regex,
}

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "mac",
        "mac address",
        "mac addr",
        "hw address",
        "hwaddr",
        "hardware address",
        "ether",
        "bssid",
        "bluetooth",
        "bluetooth address",
        "bd_addr",
        "wi-fi",
        "wifi",
        "eui",
        "eui-48",
        "eui-64",
    ],
    fillers: &["device", "address", "addr"],
    codes: false,
});

impl MacAddress {
    pub(crate) fn new() -> Result<Self> {
        let h = "[0-9A-Fa-f]{2}";
        let pattern = format!(
            "(?:{h}:){{7}}{h}|(?:{h}-){{7}}{h}|(?:{h}:){{5}}{h}|(?:{h}-){{5}}{h}|[0-9A-Fa-f]{{4}}\\.[0-9A-Fa-f]{{4}}\\.[0-9A-Fa-f]{{4}}"
        );
        Ok(MacAddress { pattern: builtin_regex(&pattern)? })
    }
}

impl Recognizer for MacAddress {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        if !hay.has_any(b":-.") {
            return;
        }
        let text = hay.text;
        let b = text.as_bytes();
        for m in self.pattern.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !context::is_bounded(text, start, end) {
                continue;
            }
            // Glued to more groups (an IPv6 address, a longer hex dump): not a MAC.
            let sep_before = matches!(start.checked_sub(1).and_then(|i| b.get(i)), Some(b':' | b'-' | b'.'));
            let sep_after = matches!(b.get(end), Some(b':' | b'-' | b'.'))
                && b.get(end + 1).is_some_and(u8::is_ascii_hexdigit);
            if sep_before || sep_after {
                continue;
            }
            let labelled = LABELS.before(text, start);
            let has_letter = m.as_str().bytes().any(|c| c.is_ascii_alphabetic());
            // A field holding nothing but the address counts like a label.
            let whole = text.trim() == m.as_str();
            if !has_letter && !labelled && !whole {
                continue;
            }
            let score = if labelled { 1.0 } else { 0.85 };
            out.push(Finding::new(EntityKind::MacAddress, start, end, score, true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &MacAddress::new().unwrap(),
            EntityKind::MacAddress,
            &[
                ("device MAC 9B:11:62:EC:33:A1.", "9B:11:62:EC:33:A1"),
                ("wlan0 ether 3c-22-fb-0a-11-9e up", "3c-22-fb-0a-11-9e"),
                ("switch port 0011.22aa.bbcc", "0011.22aa.bbcc"),
                ("MAC address: 00:11:22:33:44:55", "00:11:22:33:44:55"),
                ("pump EUI-64 00:1b:44:11:3a:b7:c9:d2 paired", "00:1b:44:11:3a:b7:c9:d2"),
                ("00:11:22:33:44:55", "00:11:22:33:44:55"),
            ],
            &[
                "ref 12-34-56-78-90-12",
                "at 10:30:45:12:00:00",
                "2001:db8:0:1:2:3:4:5",
                "9B:11:62:EC:33",
                "9B:11:62:EC:33:A1:FF",
                "9B:11:62-EC:33:A1",
                "x9B:11:62:EC:33:A1",
            ],
        );
    }
}
