//! The timeline's brush: the date range chosen on the axis, moved by dragging across
//! the plot or by the keys of its two handles, and the URL state a range applies.
//! Pure, so every step is unit-tested; the view only forwards pointer positions and
//! key names.
//!
//! ```
//! use tifa_view::timeline::brush::{Brush, Handle, Key};
//! use tifa_view::timeline::plot::Scale;
//! let brush = Brush::new(Scale::Years { first: 2020, last: 2021 }, 1, (0, 24));
//! let moved = brush.key(Handle::Start, Key::from_name("PageUp").unwrap());
//! assert_eq!(moved.range, (12, 24)); // a year later
//! ```

use crate::timeline::plot::Scale;
use crate::url_state::{UrlState, ViewKind};

/// One of the brush's two handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handle {
    Start,
    End,
}

impl Handle {
    /// The element id the view gives this handle.
    pub fn element_id(self) -> &'static str {
        match self {
            Handle::Start => "brush-start",
            Handle::End => "brush-end",
        }
    }
}

/// What a key does to a handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Arrow left or down: one bin earlier.
    Back,
    /// Arrow right or up: one bin later.
    Forward,
    /// Page Down: a year earlier (a month, zoomed into a year).
    BigBack,
    /// Page Up: a year later (a month, zoomed).
    BigForward,
    /// The start of the axis.
    Home,
    /// The end of the axis.
    End,
    /// Apply the range now.
    Apply,
}

impl Key {
    /// The key of a `KeyboardEvent.key` name, if the brush uses it.
    pub fn from_name(name: &str) -> Option<Key> {
        Some(match name {
            "ArrowLeft" | "ArrowDown" => Key::Back,
            "ArrowRight" | "ArrowUp" => Key::Forward,
            "PageDown" => Key::BigBack,
            "PageUp" => Key::BigForward,
            "Home" => Key::Home,
            "End" => Key::End,
            "Enter" => Key::Apply,
            _ => return None,
        })
    }
}

/// Pixels a drag must cover to choose a range (less is a click).
pub const DRAG_MIN_PX: f64 = 4.0;

/// Where slots are drawn: `slots` slot boundaries spread over `width` pixels from
/// `left`, in whole pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axis {
    pub slots: u32,
    pub left: i32,
    pub width: i32,
}

impl Axis {
    /// The x of a slot boundary.
    pub fn x(self, slot: u32) -> i32 {
        self.left + (self.width as i64 * slot as i64 / self.slots.max(1) as i64) as i32
    }

    /// The slot boundary nearest to `x`.
    pub fn slot_at(self, x: f64) -> u32 {
        let f = ((x - self.left as f64) / self.width.max(1) as f64).clamp(0.0, 1.0);
        (f * self.slots as f64).round() as u32
    }

    /// The slots between two pointer positions, in order.
    pub fn between(self, x0: f64, x1: f64) -> (u32, u32) {
        let (a, b) = (self.slot_at(x0), self.slot_at(x1));
        (a.min(b), a.max(b))
    }

    /// The range a drag from `x0` to `x1` chooses, or `None` for a click.
    pub fn dragged(self, x0: f64, x1: f64) -> Option<(u32, u32)> {
        ((x1 - x0).abs() >= DRAG_MIN_PX).then(|| self.between(x0, x1))
    }
}

/// The chosen range of slots `[a, b)` on an axis, and how far keys move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Brush {
    pub scale: Scale,
    /// Slots a small step moves (the timeline's bin).
    pub step: u32,
    /// The range, `a < b` once moved by a key.
    pub range: (u32, u32),
}

impl Brush {
    /// A brush over `scale` with the range `range`, stepping by `step` slots.
    pub fn new(scale: Scale, step: u32, range: (u32, u32)) -> Brush {
        Brush {
            scale,
            step: step.max(1),
            range,
        }
    }

    /// Slots a big step moves: a year of months, or a month of days.
    pub fn big_step(self) -> u32 {
        match self.scale {
            Scale::Years { .. } => 12,
            Scale::Days { .. } => 30,
        }
    }

    /// Where a handle stands.
    pub fn at(self, handle: Handle) -> u32 {
        match handle {
            Handle::Start => self.range.0,
            Handle::End => self.range.1,
        }
    }

    /// The brush after `key` on `handle`: a handle never passes the other (the range
    /// keeps one slot at least) and never leaves the axis. [`Key::Apply`] moves nothing.
    pub fn key(self, handle: Handle, key: Key) -> Brush {
        let slots = self.scale.slots();
        let here = self.at(handle);
        let to = match key {
            Key::Back => here.saturating_sub(self.step),
            Key::Forward => here + self.step,
            Key::BigBack => here.saturating_sub(self.big_step()),
            Key::BigForward => here + self.big_step(),
            Key::Home => 0,
            Key::End => slots,
            Key::Apply => return self,
        }
        .min(slots);
        let (a, b) = self.range;
        let range = match handle {
            Handle::Start => (to.min(b.saturating_sub(1)), b),
            Handle::End => (a, to.max(a + 1).min(slots.max(a + 1))),
        };
        Brush { range, ..self }
    }

    /// Whether the range covers the whole axis.
    pub fn is_full(self) -> bool {
        self.range.0 == 0 && self.range.1 >= self.scale.slots()
    }

    /// How a handle's position reads to a screen reader: `from March 2020`.
    pub fn value_text(self, handle: Handle) -> String {
        let (a, b) = self.range;
        let (from, to) = self.scale.range(a, b.max(a + 1));
        match handle {
            Handle::Start => format!("from {}", from.human()),
            Handle::End => format!("until {}", to.human()),
        }
    }

    /// `state` in the timeline with this range as its dates; the whole axis of every
    /// year clears them.
    pub fn applied_to(self, state: &UrlState) -> UrlState {
        let (a, b) = self.range;
        let mut next = state.search_in(ViewKind::Timeline);
        if self.is_full() && state.zoom.is_none() {
            next.filters.from = None;
            next.filters.to = None;
        } else {
            let (from, to) = self.scale.range(a, b.max(a + 1));
            next.filters.from = Some(from);
            next.filters.to = Some(to);
        }
        next.with_view(ViewKind::Timeline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{parse, to_query};
    use proptest::prelude::*;

    const YEARS: Scale = Scale::Years {
        first: 2019,
        last: 2021,
    };

    #[test]
    fn keys_move_one_handle_by_bins_and_years() {
        let b = Brush::new(YEARS, 3, (0, 36));
        assert_eq!(b.key(Handle::Start, Key::Forward).range, (3, 36));
        assert_eq!(b.key(Handle::End, Key::Back).range, (0, 33));
        assert_eq!(b.key(Handle::End, Key::BigBack).range, (0, 24));
        assert_eq!(b.key(Handle::Start, Key::End).range, (35, 36));
        assert_eq!(b.key(Handle::End, Key::Home).range, (0, 1));
        assert_eq!(b.key(Handle::Start, Key::Apply), b);
    }

    #[test]
    fn a_zoomed_year_steps_by_months_of_days() {
        let b = Brush::new(Scale::Days { year: 2020 }, 1, (0, 366));
        assert_eq!(b.key(Handle::Start, Key::BigForward).range, (30, 366));
    }

    #[test]
    fn key_names_map_to_keys() {
        assert_eq!(Key::from_name("ArrowUp"), Some(Key::Forward));
        assert_eq!(Key::from_name("Enter"), Some(Key::Apply));
        assert_eq!(Key::from_name("a"), None);
    }

    #[test]
    fn a_short_drag_is_a_click() {
        let axis = Axis {
            slots: 36,
            left: 10,
            width: 360,
        };
        assert_eq!(axis.dragged(100.0, 102.0), None);
        assert_eq!(axis.dragged(130.0, 10.0), Some((0, 12)));
        assert_eq!(axis.x(36), 370);
    }

    #[test]
    fn applying_the_whole_axis_clears_the_dates() {
        let here = parse("?view=timeline&q=x&from=2020").state;
        let whole = Brush::new(YEARS, 1, (0, 36)).applied_to(&here);
        assert_eq!(to_query(&whole), "?view=timeline&q=x");
        let year = Brush::new(YEARS, 1, (12, 24)).applied_to(&here);
        assert_eq!(to_query(&year), "?view=timeline&q=x&from=2020&to=2020");
    }

    proptest! {
        #[test]
        fn keys_keep_a_nonempty_range_on_the_axis(
            start in 0u32..36, len in 1u32..36, step in 1u32..6,
            keys in proptest::collection::vec((any::<bool>(), 0usize..7), 0..40),
        ) {
            let all = [Key::Back, Key::Forward, Key::BigBack, Key::BigForward, Key::Home, Key::End, Key::Apply];
            let mut b = Brush::new(YEARS, step, (start, (start + len).min(36)));
            for (end, k) in keys {
                let handle = if end { Handle::End } else { Handle::Start };
                let before = b;
                b = b.key(handle, all[k]);
                prop_assert!(b.range.0 < b.range.1, "{:?}", b.range);
                prop_assert!(b.range.1 <= 36);
                // The other handle never moves, unless it had to make room at an end.
                let other = if end { Handle::Start } else { Handle::End };
                prop_assert!(b.at(other) == before.at(other));
            }
        }
    }
}
