//! Work on one plan spread over the current rayon pool, in order.
//!
//! A run audits several plans at once on its pool; a single large plan uses the same pool for
//! its own chunks of text and sections, so one 10 MB plan no longer runs on one core. Results
//! always come back in the order of the input, so output is the same on any number of threads.

use rayon::prelude::*;

/// Below this much plan text, work stays on the calling thread: a small plan's audit is over
/// in about a millisecond, and handing work to a pool from outside it costs tens of
/// microseconds each time (the 10 KB benchmark took ×1.7 as long when it did).
const MIN_BYTES: usize = 1 << 16;

/// Whether work on `text` is worth spreading over the pool.
pub fn worth_it(text: &str) -> bool {
    text.len() >= MIN_BYTES
}

/// `f` applied to each of `items`, in their order, with a state `init` makes for each thread
/// of work (a scratch buffer or a cache); in parallel on the current rayon pool when `parallel`,
/// otherwise on the calling thread with one state.
pub fn map_in_order<T, S, R>(
    items: &[T],
    parallel: bool,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &T) -> R + Sync + Send,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    if parallel {
        items.par_iter().map_init(init, f).collect()
    } else {
        let mut state = init();
        items.iter().map(|item| f(&mut state, item)).collect()
    }
}

/// `a()` and `b()`, at once on the current rayon pool when `parallel`, otherwise one after the
/// other on the calling thread.
pub fn join<A, B>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B)
where
    A: Send,
    B: Send,
{
    match parallel {
        true => rayon::join(a, b),
        false => (a(), b()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_give_the_same_results_in_order() {
        let items: Vec<u32> = (0..10_000).collect();
        let square = |calls: &mut usize, n: &u32| {
            *calls += 1;
            u64::from(*n) * u64::from(*n)
        };
        let serial = map_in_order(&items, false, || 0, square);
        let parallel = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap()
            .install(|| map_in_order(&items, true, || 0, square));
        assert_eq!(serial, parallel);
        assert_eq!(serial[9_999], 9_999 * 9_999);
    }

    #[test]
    fn a_join_gives_each_side_its_own_result_either_way() {
        let sum = || (1..=100u32).sum::<u32>();
        let text = || "claims".to_owned();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        assert_eq!(join(false, sum, text), (5050, "claims".to_owned()));
        assert_eq!(
            pool.install(|| join(true, sum, text)),
            (5050, "claims".to_owned())
        );
    }
}
