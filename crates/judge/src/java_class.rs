//! Java sources named after their class, as Codeforces, DMOJ and Kattis do:
//! `public class jannik` must be in `jannik.java`, and HackerRank's stdio
//! templates use `public class Solution`. The judge's Java commands compile
//! and run `Main`, so a source whose class is not `Main` is saved under its
//! class's name and a two-line `Main` launcher calls that class's `main`.
//!
//! The scan is lexical (comments, strings, text blocks and character
//! literals skipped, braces counted), which is enough to find top-level type
//! declarations and a `static void main(` in one of them.

use crate::build::SourceFile;

/// What a scan of a Java source found.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct JavaTypes {
    /// The first top-level type declared `public`.
    pub public: Option<String>,
    /// The first top-level type with a `static void main(` in its body.
    pub main: Option<String>,
    /// Every top-level type's name.
    pub declared: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Punct(char),
}

fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize, text: &str| text.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    while i < chars.len() {
        let c = chars[i];
        if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            i += 2;
            while i < chars.len() && !at(i, "*/") {
                i += 1;
            }
            i += 2;
        } else if at(i, "\"\"\"") {
            i += 3;
            while i < chars.len() && !at(i, "\"\"\"") {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 3;
        } else if c == '"' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    out
}

/// Finds the top-level types of a Java source, the public one and the one
/// with `main`.
pub(crate) fn scan(source: &str) -> JavaTypes {
    let tokens = tokens(source);
    let mut found = JavaTypes::default();
    let mut depth = 0usize;
    let mut public_pending = false;
    let mut current: Option<String> = None;
    // Words of the member declaration being read at depth 1.
    let mut member: Vec<&str> = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        match token {
            Token::Punct('{') => {
                depth += 1;
                member.clear();
            }
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                member.clear();
                if depth == 0 {
                    public_pending = false;
                }
            }
            Token::Punct(';') => {
                member.clear();
                if depth == 0 {
                    public_pending = false;
                }
            }
            Token::Punct('(') if depth == 1 => {
                let is_main = member.ends_with(&["void", "main"]) && member.contains(&"static");
                if is_main && found.main.is_none() {
                    found.main = current.clone();
                }
            }
            Token::Punct(_) => {}
            Token::Word(word) if depth == 0 => {
                if word == "public" {
                    public_pending = true;
                } else if matches!(word.as_str(), "class" | "interface" | "enum" | "record") {
                    if let Some(Token::Word(name)) = tokens.get(k + 1) {
                        if public_pending && found.public.is_none() {
                            found.public = Some(name.clone());
                        }
                        found.declared.push(name.clone());
                        current = Some(name.clone());
                    }
                    public_pending = false;
                }
            }
            Token::Word(word) if depth == 1 => member.push(word),
            Token::Word(_) => {}
        }
    }
    found
}

/// The files a stdio Java submission is compiled from: `Main.java` when its
/// class is `Main` (or it names no class), else `<Class>.java` and a
/// `Main.java` launcher calling that class's `main`.
pub(crate) fn stdio_files(source: &str) -> Vec<SourceFile> {
    let types = scan(source);
    let name = match types.public.clone().or_else(|| types.main.clone()) {
        Some(name) if name != "Main" && !types.declared.iter().any(|d| d == "Main") => name,
        _ => return vec![("Main.java".to_string(), source.as_bytes().to_vec())],
    };
    let target = types.main.unwrap_or_else(|| name.clone());
    // The comment shows in javac's message should the class have no main.
    let call = if target == name {
        format!("{target}.main(args); /* the main method of class {target} */")
    } else {
        // javac finds a class's source by its name, so a class with main
        // declared in another class's file is reached by reflection, once
        // naming the file's class has made javac compile that file.
        format!(
            "{name}.class.getName(); java.lang.reflect.Method m = Class.forName(\"{target}\").getDeclaredMethod(\"main\", String[].class); \
             m.setAccessible(true); try {{ m.invoke(null, (Object) args); }} catch (java.lang.reflect.InvocationTargetException e) {{ throw e.getCause(); }}"
        )
    };
    let launcher = format!(
        "// OA Judge: the submission is {name}.java; this runs {target}'s main method.\n\
         public class Main {{ public static void main(String[] args) throws Throwable {{ {call} }} }}\n"
    );
    vec![(format!("{name}.java"), source.as_bytes().to_vec()), ("Main.java".to_string(), launcher.into_bytes())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_public_class_and_the_class_with_main() {
        // (source, public, main, declared)
        let table: &[(&str, Option<&str>, Option<&str>, &[&str])] = &[
            ("public class Main { public static void main(String[] a) {} }", Some("Main"), Some("Main"), &["Main"]),
            ("import java.util.*;\npublic class jannik {\n  public static void main(String[] args) {}\n}", Some("jannik"), Some("jannik"), &["jannik"]),
            ("class Helper {}\npublic final class Solution { static public void main(String... a) throws Exception {} }", Some("Solution"), Some("Solution"), &["Helper", "Solution"]),
            ("class A { void main() {} }\nclass B { public static void main(String[] a) {} }", None, Some("B"), &["A", "B"]),
            // Comments, strings and nested types do not count.
            ("// public class Fake {}\n/* class Other { static void main( */\nclass Real { String s = \"class X { static void main(\"; static class Inner { public static void main(String[] a) {} } public static void main(String[] a) {} }", None, Some("Real"), &["Real"]),
            ("@SuppressWarnings(\"x\") public class Text { String t = \"\"\"\n } class Y {\n\"\"\"; char c = '}'; public static void main(String[] a) {} }", Some("Text"), Some("Text"), &["Text"]),
            ("public interface Runner { static void main(String[] a) {} }", Some("Runner"), Some("Runner"), &["Runner"]),
            ("int x;", None, None, &[]),
        ];
        for (source, public, main, declared) in table {
            let found = scan(source);
            assert_eq!(found.public.as_deref(), *public, "{source}");
            assert_eq!(found.main.as_deref(), *main, "{source}");
            assert_eq!(found.declared, declared.iter().map(|d| d.to_string()).collect::<Vec<_>>(), "{source}");
        }
    }

    #[test]
    fn files_are_named_after_the_class() {
        let names = |source: &str| stdio_files(source).into_iter().map(|(name, _)| name).collect::<Vec<_>>();
        assert_eq!(names("public class Main { public static void main(String[] a) {} }"), ["Main.java"]);
        assert_eq!(names("class Main { public static void main(String[] a) {} }"), ["Main.java"]);
        assert_eq!(names("no class at all"), ["Main.java"]);
        assert_eq!(
            names("public class jannik { public static void main(String[] a) {} }"),
            ["jannik.java", "Main.java"]
        );
        let files = stdio_files("public class Solution { public static void main(String[] a) {} }");
        assert!(String::from_utf8_lossy(&files[1].1).contains("Solution.main(args)"));
        // main in another class than the public one: the file is the public
        // class's, the launcher calls the class with main.
        let files = stdio_files("public class A {}\nclass B { public static void main(String[] a) {} }");
        assert_eq!(files[0].0, "A.java");
        assert!(String::from_utf8_lossy(&files[1].1).contains("Class.forName(\"B\")"));
    }
}
