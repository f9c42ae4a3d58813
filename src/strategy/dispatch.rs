//! Name → strategy: the only runtime dispatch in gilfree.
//!
//! [`with_strategy!`](crate::with_strategy) matches a CLI name and runs its body with a type alias bound to
//! the strategy, so the body is monomorphized once per strategy and nothing downstream uses `dyn`.
//! [`for_each_strategy!`](crate::for_each_strategy) stamps an item (a test module, a bench) per strategy.
//! Both lists and [`STRATEGIES`] name the same strategies in the same order; a test checks it.

use super::designs::{Atomic, Biased, Gil, Isolated, Locks, LocksRw, Tracing};
use super::parts::lock::policy::{LockPolicy, set_lock_policy};
use super::{Constraints, ContainerLock, Strategy};

/// What `gilfree strategies` prints about one strategy.
#[derive(Debug, Clone, Copy)]
pub struct StrategyInfo {
    /// CLI name.
    pub name: &'static str,
    /// One-line description.
    pub summary: &'static str,
    /// Its constant properties.
    pub constraints: Constraints,
    /// Whether its container lock follows the process's [`LockPolicy`] (`NAME:POLICY` on the command line).
    pub lock_policies: bool,
}

/// The listing entry of a strategy.
pub const fn info<S: Strategy>() -> StrategyInfo {
    StrategyInfo {
        name: S::NAME,
        summary: S::SUMMARY,
        constraints: S::CONSTRAINTS,
        lock_policies: <S::Lock as ContainerLock>::POLICIES,
    }
}

/// Every strategy built into this binary, in CLI order.
pub const STRATEGIES: &[StrategyInfo] = &[
    info::<Gil>(),
    info::<Atomic>(),
    info::<Biased>(),
    info::<Locks>(),
    info::<LocksRw>(),
    info::<Tracing>(),
    info::<Isolated>(),
];

/// A strategy name that [`with_strategy!`](crate::with_strategy) does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStrategy(pub String);

impl std::fmt::Display for UnknownStrategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = STRATEGIES.iter().map(|s| s.name).collect();
        write!(f, "unknown strategy '{}' (available: {})", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownStrategy {}

/// Parse a command-line strategy spec, `NAME` or `NAME:POLICY` (a [`LockPolicy`] for the strategies whose
/// container lock has one), into the listing entry and the policy.
pub fn parse_spec(spec: &str) -> Result<(&'static StrategyInfo, Option<LockPolicy>), String> {
    let (name, policy) = match spec.split_once(':') {
        Some((name, policy)) => (name, Some(LockPolicy::parse(policy)?)),
        None => (spec, None),
    };
    let info =
        STRATEGIES.iter().find(|s| s.name == name).ok_or_else(|| UnknownStrategy(name.to_owned()).to_string())?;
    if policy.is_some() && !info.lock_policies {
        let with: Vec<&str> = STRATEGIES.iter().filter(|s| s.lock_policies).map(|s| s.name).collect();
        return Err(format!(
            "strategy '{name}' takes no lock policy (its container lock has none; these do: {})",
            with.join(", ")
        ));
    }
    Ok((info, policy))
}

/// Parse a strategy spec and fix its lock policy for this process (see [`parse_spec`]); returns the
/// strategy's name, for [`with_strategy!`](crate::with_strategy). A plain `NAME` fixes nothing. Fails if
/// the spec is bad or this process already runs under another policy.
pub fn select(spec: &str) -> Result<&'static str, String> {
    let (info, policy) = parse_spec(spec)?;
    if let Some(p) = policy {
        set_lock_policy(p)
            .map_err(|in_force| format!("'{spec}': this process already uses lock policy '{in_force}'"))?;
    }
    Ok(info.name)
}

/// Run `$body` with the type alias `$S` bound to the strategy named `$name` (a `&str`).
///
/// Evaluates to `Result<T, UnknownStrategy>` where `T` is the body's type.
///
/// ```
/// use gilfree::strategy::Strategy;
/// let name = gilfree::with_strategy!("atomic", S => S::NAME).unwrap();
/// assert_eq!(name, "atomic");
/// assert!(gilfree::with_strategy!("nope", S => S::NAME).is_err());
/// ```
#[macro_export]
macro_rules! with_strategy {
    ($name:expr, $S:ident => $body:expr) => {
        match $name {
            "gil" => {
                type $S = $crate::strategy::designs::Gil;
                ::core::result::Result::Ok($body)
            }
            "atomic" => {
                type $S = $crate::strategy::designs::Atomic;
                ::core::result::Result::Ok($body)
            }
            "biased" => {
                type $S = $crate::strategy::designs::Biased;
                ::core::result::Result::Ok($body)
            }
            "locks" => {
                type $S = $crate::strategy::designs::Locks;
                ::core::result::Result::Ok($body)
            }
            "locks-rw" => {
                type $S = $crate::strategy::designs::LocksRw;
                ::core::result::Result::Ok($body)
            }
            "tracing" => {
                type $S = $crate::strategy::designs::Tracing;
                ::core::result::Result::Ok($body)
            }
            "isolated" => {
                type $S = $crate::strategy::designs::Isolated;
                ::core::result::Result::Ok($body)
            }
            other => ::core::result::Result::Err($crate::strategy::UnknownStrategy(::std::string::String::from(other))),
        }
    };
}

/// Invoke the macro `$m!(snake_name, StrategyType)` once per strategy, e.g. to stamp one test module each
/// (`snake_name` is the CLI name with `-` as `_`).
#[macro_export]
macro_rules! for_each_strategy {
    ($m:ident) => {
        $m!(gil, $crate::strategy::designs::Gil);
        $m!(atomic, $crate::strategy::designs::Atomic);
        $m!(biased, $crate::strategy::designs::Biased);
        $m!(locks, $crate::strategy::designs::Locks);
        $m!(locks_rw, $crate::strategy::designs::LocksRw);
        $m!(tracing, $crate::strategy::designs::Tracing);
        $m!(isolated, $crate::strategy::designs::Isolated);
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_strategy_dispatches_to_itself() {
        for info in STRATEGIES {
            let got = crate::with_strategy!(info.name, S => (S::NAME, S::CONSTRAINTS)).unwrap();
            assert_eq!(got, (info.name, info.constraints));
        }
    }

    #[test]
    fn for_each_strategy_matches_the_listing() {
        let mut names = Vec::new();
        macro_rules! collect {
            ($snake:ident, $S:ty) => {
                assert_eq!(stringify!($snake), <$S as Strategy>::NAME.replace('-', "_"));
                names.push(<$S as Strategy>::NAME);
            };
        }
        crate::for_each_strategy!(collect);
        let listed: Vec<&str> = STRATEGIES.iter().map(|s| s.name).collect();
        assert_eq!(names, listed);
    }

    #[test]
    fn specs_name_a_strategy_and_optionally_a_lock_policy() {
        let (info, policy) = parse_spec("locks").unwrap();
        assert_eq!((info.name, policy), ("locks", None));
        let (info, policy) = parse_spec("locks:restrict").unwrap();
        assert_eq!((info.name, policy), ("locks", Some(LockPolicy::Restrict)));
        assert_eq!(parse_spec("atomic:spin").unwrap().1, Some(LockPolicy::Spin));
        assert!(parse_spec("locks:calm").unwrap_err().contains("unknown lock policy 'calm'"));
        assert!(parse_spec("nogil:fair").unwrap_err().contains("unknown strategy 'nogil'"));
        let err = parse_spec("gil:fair").unwrap_err();
        assert!(err.contains("takes no lock policy") && err.contains("locks"), "{err}");
        assert!(parse_spec("locks-rw:fair").is_err());
        let with: Vec<&str> = STRATEGIES.iter().filter(|s| s.lock_policies).map(|s| s.name).collect();
        assert_eq!(with, ["atomic", "biased", "locks", "tracing"]);
    }

    #[test]
    fn unknown_names_are_rejected_with_the_list() {
        let err = crate::with_strategy!("gilectomy", S => S::NAME).unwrap_err();
        assert_eq!(err.0, "gilectomy");
        let msg = err.to_string();
        assert!(msg.contains("gil") && msg.contains("atomic") && msg.contains("isolated"), "{msg}");
    }
}
