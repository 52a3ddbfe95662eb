//! Bank account numbers. They have no checksum and no fixed length, so a finding needs an
//! account label right before the number (`account`, `acct`, `a/c`, `checking`, `savings`,
//! `beneficiary account`, `account no./#/number`, ...). The number has 5 to 17 digits, compact
//! or in groups joined by dashes (`9314-41543978`) or by spaces between short groups
//! (`1234 5678 9012`); four digits only after an explicit "account number" label. Amounts,
//! decimals, percentages and card numbers are not accounts.

use super::context::{self, LabelSpec, Labels};
use super::views::Group;
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct BankAccount;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "account",
        "acct",
        "acc",
        "a/c",
        "checking",
        "chequing",
        "savings",
        "bank account",
        "deposit account",
        "dda",
        "account #",
        "acct #",
        "kontonummer",
        "compte",
    ],
    fillers: &[
        "bank",
        "checking",
        "chequing",
        "savings",
        "deposit",
        "beneficiary",
        "debit",
        "funding",
        "destination",
        "receiving",
        "sending",
        "payee",
        "payer",
        "primary",
        "joint",
        "business",
        "personal",
        "money market",
    ],
    codes: false,
});

/// Labels that name the number explicitly; after them even four digits are an account number.
static EXPLICIT: Labels = Labels::new(LabelSpec {
    words: &["account number", "account no", "account #", "acct no", "acct #", "acct number", "a/c no"],
    fillers: &[],
    codes: false,
});

impl BankAccount {
    pub(crate) fn new() -> Result<Self> {
        Ok(BankAccount)
    }
}

impl Recognizer for BankAccount {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // Every finding follows a label of one of the two sets, and every explicit label holds a
        // label of the first set that starts where it starts (`account` in `account number`).
        let labels = LABELS.in_text(hay);
        if !labels.any() {
            return;
        }
        let explicit = EXPLICIT.in_text(hay);
        // Every run of digit groups joined by single dashes or spaces (the shared view of
        // `[0-9]+(?:[- ][0-9]+)*`), skipping first those with no label ending near enough
        // before them.
        for run in hay.views.runs() {
            let start = run.start;
            if !labels.near(text, start) && !explicit.near(text, start) {
                continue;
            }
            let end = account_end(b, hay.views.run_groups(run));
            if end - start < 4
                || !context::is_bounded(text, start, end)
                || looks_like_amount(b, start, end)
                || context::looks_like_date(text.get(start..end).unwrap_or_default())
            {
                continue;
            }
            let digits = b.get(start..end).unwrap_or_default();
            let count = digits.iter().filter(|c| c.is_ascii_digit()).count();
            let labelled = match count {
                4 => explicit.before(text, start),
                5..=17 => labels.before(text, start),
                _ => false,
            };
            if !labelled {
                continue;
            }
            // A card number after "card account" is a card; the card recognizer reports it.
            let mut compact = [0u8; 17];
            compact.iter_mut().zip(digits.iter().filter(|c| c.is_ascii_digit())).for_each(|(d, &c)| *d = c);
            let compact = compact.get(..count).unwrap_or_default();
            if checksum::card_issuer_ok(compact) && checksum::luhn(compact) {
                continue;
            }
            out.push(Finding::new(EntityKind::BankAccount, start, end, 0.95, false));
        }
    }
}

/// End of the account number at the start of a digit run (its groups in order): groups joined
/// by `-` always belong together; groups joined by a space only when every group is short (2 to
/// 4 digits), so "12345678 2024" stops before the year.
fn account_end(b: &[u8], groups: &[Group]) -> usize {
    let spaced = groups.windows(2).any(|w| w.first().is_some_and(|g| b.get(g.end) == Some(&b' ')))
        && groups.iter().all(|g| (2..=4).contains(&g.len()));
    let last = groups.last().map_or(0, |g| g.end);
    if spaced {
        return last;
    }
    groups.iter().find(|g| g.end < last && b.get(g.end) == Some(&b' ')).map_or(last, |g| g.end)
}

/// True for money, decimals, percentages and thousands-separated figures around the run.
fn looks_like_amount(b: &[u8], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).and_then(|i| b.get(i)).copied();
    let after = b.get(end).copied();
    let after2 = b.get(end + 1).copied();
    matches!(before, Some(b'$' | b'.' | b',' | b'/'))
        || matches!(after, Some(b'%'))
        || (matches!(after, Some(b'.' | b',' | b'/')) && after2.is_some_and(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &BankAccount::new().unwrap(),
            EntityKind::BankAccount,
            &[
                ("routing 021000021, account 2758-3974325.", "2758-3974325"),
                ("Refund will post to checking 47427200709 (routing", "47427200709"),
                ("Beneficiary bank ABA: 052209435   Account: 92716009\n", "92716009"),
                ("(debit account 211742359529, BlueRiver Bank", "211742359529"),
                ("funding account 424144419.", "424144419"),
                ("Acct #: 0012-3456-7890", "0012-3456-7890"),
                ("my savings account number is 1234 5678 9012 thanks", "1234 5678 9012"),
                ("A/C no. 55071389", "55071389"),
                ("account number: 4521", "4521"),
                ("ACCOUNT 98765432 2024", "98765432"),
                ("beneficiary account:\n 600123456", "600123456"),
            ],
            &[
                "account 4521",
                "account opened 2019 with 12345678",
                "accounting 12345678",
                "account balance $12,345.67",
                "savings of 12,500",
                "savings 2500.00",
                "savings 15%",
                "order 12345678",
                "card account 4111 1111 1111 1111",
                "account 123456789012345678",
                "routing 021000021",
                "account 3/14/2024",
                "account 2024-03-14",
            ],
        );
    }

    #[test]
    fn run_lengths() {
        let len = |run: &str| {
            let hay = Haystack::new(run);
            let first = hay.views.runs().first().copied().unwrap();
            account_end(run.as_bytes(), hay.views.run_groups(&first)) - first.start
        };
        assert_eq!(len("12345678"), 8);
        assert_eq!(len("1234-5678"), 9);
        assert_eq!(len("12345678 2024"), 8);
        assert_eq!(len("1234 5678 9012"), 14);
        assert_eq!(len("1234-567890 12"), 11);
    }
}
