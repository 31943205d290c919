//! judge

pub mod function;
