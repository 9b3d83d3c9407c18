//! `telegram` reader / cleaner (skeleton: to be replaced by the real implementation).
