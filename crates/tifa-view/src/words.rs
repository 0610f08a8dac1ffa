//! Small pieces of wording every view shares.

/// A count with its noun in the right number.
///
/// ```
/// use tifa_view::words::count;
/// assert_eq!(count(1, "statement", "statements"), "1 statement");
/// assert_eq!(count(0, "statement", "statements"), "0 statements");
/// assert_eq!(count(12, "speaker", "speakers"), "12 speakers");
/// ```
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "statement" or "statements" after `n`, as [`count`] without the number.
pub fn noun<'w>(n: usize, one: &'w str, many: &'w str) -> &'w str {
    if n == 1 {
        one
    } else {
        many
    }
}
