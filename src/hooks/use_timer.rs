//! `use_timer`: one helper for "run this after a pause, unless it is replaced, run
//! early or cancelled" (typing pauses, the delayed history write, the timeline's brush
//! keys), over a [`Clock`] taken from context: the browser's `setTimeout`, or (feature
//! `test-clock`, component tests only) a manual clock that tests advance by hand, so no
//! test waits on the wall clock.

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;

type Callback = Box<dyn FnOnce()>;

/// Callbacks due on a manual clock: (due time in ms, id, callback).
#[cfg(feature = "test-clock")]
#[derive(Default)]
struct Manual {
    now: u64,
    next_id: u64,
    due: Vec<(u64, u64, Callback)>,
}

/// Where timers come from. The default is the browser's; [`Clock::manual`] gives one
/// that only moves when [`Clock::advance`] is called.
#[derive(Clone, Copy, Default)]
pub struct Clock(#[cfg(feature = "test-clock")] Option<StoredValue<Manual, LocalStorage>>);

/// A scheduled callback, to cancel.
enum Scheduled {
    Browser(TimeoutHandle),
    #[cfg(feature = "test-clock")]
    Manual(u64),
    /// The browser refused the timer.
    Ran,
}

#[cfg(feature = "test-clock")]
impl Clock {
    /// A clock that stands still until advanced (for tests).
    pub fn manual() -> Clock {
        Clock(Some(StoredValue::new_local(Manual::default())))
    }

    /// Moves a manual clock `ms` forward, running every callback that falls due, in
    /// order (including those the callbacks schedule on the way).
    pub fn advance(self, ms: u64) {
        let Some(manual) = self.0 else { return };
        let end = manual.with_value(|m| m.now) + ms;
        loop {
            let next = manual.update_value_and(|m| {
                let at = (0..m.due.len())
                    .filter(|&i| m.due[i].0 <= end)
                    .min_by_key(|&i| (m.due[i].0, m.due[i].1))?;
                let (due, _, f) = m.due.remove(at);
                m.now = due;
                Some(f)
            });
            match next {
                Some(f) => f(),
                None => break,
            }
        }
        manual.update_value(|m| m.now = end);
    }
}

impl Clock {
    fn schedule(self, delay: Duration, f: Callback) -> Scheduled {
        #[cfg(feature = "test-clock")]
        if let Some(manual) = self.0 {
            return manual.update_value_and(|m| {
                m.next_id += 1;
                let id = m.next_id;
                m.due.push((m.now + delay.as_millis() as u64, id, f));
                Scheduled::Manual(id)
            });
        }
        // A refused timer drops `f` (which would only have fired the pending callback).
        match set_timeout_with_handle(f, delay) {
            Ok(handle) => Scheduled::Browser(handle),
            Err(_) => Scheduled::Ran,
        }
    }

    fn cancel(self, scheduled: Scheduled) {
        match scheduled {
            Scheduled::Browser(handle) => handle.clear(),
            #[cfg(feature = "test-clock")]
            Scheduled::Manual(id) => {
                if let Some(manual) = self.0 {
                    manual.update_value(|m| m.due.retain(|(_, i, _)| *i != id))
                }
            }
            Scheduled::Ran => {}
        }
    }

    /// Makes this the clock of every timer created below (tests provide a manual one
    /// before mounting).
    pub fn provide(self) {
        provide_context(self);
    }
}

/// Small helper: `StoredValue::update_value` that returns what the closure returns.
#[cfg(feature = "test-clock")]
trait UpdateAnd<T> {
    fn update_value_and<R>(&self, f: impl FnOnce(&mut T) -> R) -> R;
}

#[cfg(feature = "test-clock")]
impl<T: 'static> UpdateAnd<T> for StoredValue<T, LocalStorage> {
    fn update_value_and<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        let mut out = None;
        self.update_value(|v| out = Some(f(v)));
        out.expect("update_value runs its closure")
    }
}

/// One pending callback at most: starting it again replaces the pending one.
#[derive(Clone, Copy)]
pub struct Timer {
    clock: Clock,
    pending: StoredValue<Option<(Scheduled, Callback)>, LocalStorage>,
}

/// A timer on the clock in context (the browser's when none is provided), cancelled
/// when the calling component is dropped.
pub fn use_timer() -> Timer {
    let timer = Timer {
        clock: use_context::<Clock>().unwrap_or_default(),
        pending: StoredValue::new_local(None),
    };
    on_cleanup(move || {
        timer.cancel();
    });
    timer
}

impl Timer {
    /// Runs `f` after `delay`, in place of whatever was pending. When the browser
    /// refuses the timer, `f` comes back (`Err`) for the caller to run or drop.
    pub fn start<F: FnOnce() + 'static>(&self, delay: Duration, f: F) -> Result<(), F> {
        self.cancel();
        let this = *self;
        match self.clock.schedule(
            delay,
            Box::new(move || {
                this.fire();
            }),
        ) {
            Scheduled::Ran => Err(f),
            scheduled => {
                self.pending.set_value(Some((scheduled, Box::new(f))));
                Ok(())
            }
        }
    }

    /// Runs the pending callback now, if any; true when one ran.
    pub fn fire(&self) -> bool {
        match self.pending.try_update_value(Option::take).flatten() {
            Some((scheduled, f)) => {
                self.clock.cancel(scheduled);
                f();
                true
            }
            None => false,
        }
    }

    /// Drops the pending callback, if any; true when one was pending.
    pub fn cancel(&self) -> bool {
        match self.pending.try_update_value(Option::take).flatten() {
            Some((scheduled, _)) => {
                self.clock.cancel(scheduled);
                true
            }
            None => false,
        }
    }

    /// Whether a callback is pending.
    pub fn is_pending(&self) -> bool {
        self.pending.try_with_value(Option::is_some) == Some(true)
    }
}
