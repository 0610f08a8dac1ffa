//! Splitting a long list into pages, as the library does at 25,000 documents.

use std::ops::Range;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// The last page's number (1 for an empty list).
    pub last: u32,
    /// The items on this page.
    pub range: Range<usize>,
}

impl Page {
    /// Where this page stands, as a pager says it: "Documents 51–100 of 130 (page 2
    /// of 3)", `what` naming the items.
    ///
    /// ```
    /// use tifa_view::paging::page;
    /// assert_eq!(page(130, 50, 2).0.status("Documents", 130), "Documents 51–100 of 130 (page 2 of 3)");
    /// ```
    pub fn status(&self, what: &str, total: usize) -> String {
        format!(
            "{what} {}–{} of {total} (page {} of {})",
            self.range.start + 1,
            self.range.end,
            self.number,
            self.last
        )
    }
}

impl Page {
    /// What a view says when the page asked for is past the last and it shows the last
    /// instead.
    ///
    /// ```
    /// use tifa_view::paging::page;
    /// assert_eq!(page(120, 50, 9).0.clamped_note(9), "There is no page 9; showing the last page, 3.");
    /// ```
    pub fn clamped_note(&self, requested: u32) -> String {
        format!(
            "There is no page {requested}; showing the last page, {}.",
            self.number
        )
    }
}

impl Default for Page {
    /// The one page of an empty list.
    fn default() -> Page {
        page(0, 1, 1).0
    }
}

/// The `requested` page of `total` items, `size` per page, clamped to the last page.
/// Returns the page and whether it had to be clamped.
///
/// ```
/// use tifa_view::paging::page;
/// let (p, clamped) = page(120, 50, 3);
/// assert_eq!((p.number, p.last, p.range, clamped), (3, 3, 100..120, false));
/// let (p, clamped) = page(120, 50, 9);
/// assert_eq!((p.number, clamped), (3, true));
/// ```
pub fn page(total: usize, size: usize, requested: u32) -> (Page, bool) {
    let size = size.max(1);
    let last = total.div_ceil(size).max(1) as u32;
    let number = requested.clamp(1, last);
    let start = (number as usize - 1) * size;
    let range = start.min(total)..(start + size).min(total);
    (
        Page {
            number,
            last,
            range,
        },
        number != requested.max(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_exact_lists() {
        assert_eq!(
            page(0, 50, 1).0,
            Page {
                number: 1,
                last: 1,
                range: 0..0
            }
        );
        assert_eq!(page(100, 50, 2).0.range, 50..100);
        assert_eq!(
            page(100, 50, 3),
            (
                Page {
                    number: 2,
                    last: 2,
                    range: 50..100
                },
                true
            )
        );
    }

    proptest::proptest! {
        #[test]
        fn every_item_is_on_exactly_one_page(total in 0usize..2000, size in 1usize..120) {
            let last = page(total, size, 1).0.last;
            let mut covered = 0;
            for n in 1..=last {
                let (p, clamped) = page(total, size, n);
                proptest::prop_assert!(!clamped);
                proptest::prop_assert_eq!(p.range.start, covered);
                covered = p.range.end;
            }
            proptest::prop_assert_eq!(covered, total);
        }
    }
}
