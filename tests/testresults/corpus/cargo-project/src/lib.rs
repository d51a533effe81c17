/// Adds two numbers.
///
/// ```
/// assert_eq!(corpus::add(1, 2), 3);
/// ```
pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds() {
        assert_eq!(add(1, 2), 3);
    }

    #[test]
    fn broken() {
        assert_eq!(add(1, 1), 3, "one and one");
    }

    #[test]
    fn panics() {
        let v: Vec<i32> = Vec::new();
        let _ = v[3];
    }

    #[test]
    #[ignore]
    fn ignored() {}

    #[test]
    #[should_panic(expected = "boom")]
    fn expected_panic() {
        panic!("boom");
    }
}
