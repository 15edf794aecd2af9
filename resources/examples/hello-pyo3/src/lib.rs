use pyo3::prelude::*;

/// Adds two integers in Rust.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Sums the squares of 1..=n; fast enough to show the extension works.
#[pyfunction]
fn sum_of_squares(n: u64) -> u64 {
    (1..=n).map(|k| k * k).sum()
}

/// Greets someone, to show strings crossing the boundary both ways.
#[pyfunction]
fn greet(name: &str) -> String {
    format!("Hello, {name}, from Rust!")
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add, m)?)?;
    m.add_function(wrap_pyfunction!(sum_of_squares, m)?)?;
    m.add_function(wrap_pyfunction!(greet, m)?)?;
    Ok(())
}
