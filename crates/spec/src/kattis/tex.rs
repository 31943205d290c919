//! A converter from the LaTeX subset of problem statements to Markdown.
//!
//! It handles what statements commonly use: sections, the `Input`/`Output`
//! environments, emphasis, lists, verbatim blocks, simple tables, links,
//! illustrations and the usual text-mode punctuation. Math is kept as
//! `$...$` / `$$...$$` for the page's math renderer. Commands it does not
//! know are dropped with their arguments kept as text, and reported, so
//! the caller can tell the user the conversion is approximate. Input it
//! cannot parse (unbalanced braces or environments) is an error; the caller
//! then shows the raw text instead.
//!
//! Over 500 lines because it is one converter: a small reader of the
//! LaTeX subset and its Markdown writer share the reader's state. Its
//! tests are in `kattis/tests.rs`.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub markdown: String,
    /// The argument of `\problemname{...}`, if any.
    pub title: Option<String>,
    /// Commands and environments that were not understood, sorted.
    pub unknown: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TexError {
    pub line: usize,
    pub message: String,
}

pub fn to_markdown(source: &str, constants: &BTreeMap<String, String>) -> Result<Converted, TexError> {
    let chars: Vec<char> = source.chars().collect();
    let mut parser = Parser { s: &chars, pos: 0, title: None, unknown: BTreeSet::new(), constants, list: Vec::new() };
    let body = parser.text(Stop::Eof)?;
    Ok(Converted { markdown: tidy(&body), title: parser.title, unknown: parser.unknown.into_iter().collect() })
}

#[derive(Debug, Clone, PartialEq)]
enum Stop {
    Eof,
    Brace,
    End(String),
}

#[derive(Debug, Clone, Copy)]
enum ListKind {
    Bullets,
    Numbers,
}

struct Parser<'a> {
    s: &'a [char],
    pos: usize,
    title: Option<String>,
    unknown: BTreeSet<String>,
    constants: &'a BTreeMap<String, String>,
    list: Vec<ListKind>,
}

/// Commands whose only effect is layout or size; dropped.
const IGNORED: &[&str] = &[
    "noindent",
    "medskip",
    "bigskip",
    "smallskip",
    "par",
    "centering",
    "tiny",
    "scriptsize",
    "footnotesize",
    "small",
    "normalsize",
    "large",
    "Large",
    "LARGE",
    "huge",
    "Huge",
    "nextsample",
    "remainingsamples",
    "newpage",
    "clearpage",
    "vspace",
    "hspace",
    "vfill",
    "hfill",
    "label",
    "sloppy",
    "raggedright",
    "indent",
    "protect",
    "displaystyle",
];

impl Parser<'_> {
    fn line(&self) -> usize {
        self.s[..self.pos.min(self.s.len())].iter().filter(|c| **c == '\n').count() + 1
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T, TexError> {
        Err(TexError { line: self.line(), message: message.into() })
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }

    fn starts_with(&self, text: &str) -> bool {
        text.chars().enumerate().all(|(i, c)| self.s.get(self.pos + i) == Some(&c))
    }

    /// Converts text up to `stop`, consuming the stop itself.
    fn text(&mut self, stop: Stop) -> Result<String, TexError> {
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return match stop {
                    Stop::Eof => Ok(out),
                    Stop::Brace => self.err("a `{` is never closed"),
                    Stop::End(env) => self.err(format!("\\begin{{{env}}} is never ended")),
                };
            };
            match c {
                '%' => self.skip_comment(),
                '}' => {
                    self.pos += 1;
                    return if stop == Stop::Brace { Ok(out) } else { self.err("unmatched `}`") };
                }
                '{' => {
                    self.pos += 1;
                    let inner = self.text(Stop::Brace)?;
                    out.push_str(&inner);
                }
                '$' => out.push_str(&self.math()?),
                '~' => {
                    self.pos += 1;
                    out.push(' ');
                }
                '-' if self.starts_with("---") => {
                    self.pos += 3;
                    out.push('—');
                }
                '-' if self.starts_with("--") => {
                    self.pos += 2;
                    out.push('–');
                }
                '`' if self.starts_with("``") => {
                    self.pos += 2;
                    out.push('"');
                }
                '\'' if self.starts_with("''") => {
                    self.pos += 2;
                    out.push('"');
                }
                '\\' => {
                    if let Some(done) = self.command(&mut out, &stop)? {
                        return Ok(done);
                    }
                }
                '\n' => {
                    self.pos += 1;
                    out.push('\n');
                    // LaTeX ignores indentation; Markdown would read it as code.
                    while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
                        self.pos += 1;
                    }
                }
                _ => {
                    self.pos += 1;
                    out.push(c);
                }
            }
        }
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == '\n' {
                break;
            }
        }
    }

    /// Math is copied verbatim between its delimiters.
    fn math(&mut self) -> Result<String, TexError> {
        let display = self.starts_with("$$");
        let delimiter = if display { "$$" } else { "$" };
        let start_line = self.line();
        self.pos += delimiter.len();
        let mut body = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(TexError { line: start_line, message: format!("math `{delimiter}` is never closed") })
                }
                Some('\\') => {
                    body.push('\\');
                    self.pos += 1;
                    if let Some(next) = self.peek() {
                        body.push(next);
                        self.pos += 1;
                    }
                }
                Some(_) if self.starts_with(delimiter) => {
                    self.pos += delimiter.len();
                    return Ok(format!("{delimiter}{body}{delimiter}"));
                }
                Some(c) => {
                    body.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn command_name(&mut self) -> String {
        self.pos += 1; // the backslash
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        if self.pos == start {
            // A one-character command such as \\ or \%.
            if let Some(c) = self.peek() {
                self.pos += 1;
                return c.to_string();
            }
        }
        let name: String = self.s[start..self.pos].iter().collect();
        if self.peek() == Some('*') {
            self.pos += 1;
        }
        name
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t' || c == '\n') {
            self.pos += 1;
        }
    }

    fn skip_optional_arg(&mut self) -> Result<(), TexError> {
        let save = self.pos;
        self.skip_spaces();
        if self.peek() == Some('[') {
            self.raw_until(']')?;
        } else {
            self.pos = save;
        }
        Ok(())
    }

    fn raw_until(&mut self, close: char) -> Result<String, TexError> {
        self.pos += 1;
        let mut depth = 0usize;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return self.err(format!("an argument is never closed with `{close}`")),
                Some('{') if close == '}' => depth += 1,
                Some('}') if close == '}' && depth > 0 => depth -= 1,
                Some(c) if c == close => {
                    self.pos += 1;
                    return Ok(out);
                }
                _ => {}
            }
            out.extend(self.peek());
            self.pos += 1;
        }
    }

    /// A `{...}` argument, converted.
    fn arg(&mut self) -> Result<String, TexError> {
        self.skip_optional_arg()?;
        self.skip_spaces();
        if self.peek() != Some('{') {
            return self.err("a command is missing its `{...}` argument");
        }
        self.pos += 1;
        self.text(Stop::Brace)
    }

    /// A `{...}` argument taken literally (file names, URLs).
    fn raw_arg(&mut self) -> Result<String, TexError> {
        self.skip_optional_arg()?;
        self.skip_spaces();
        if self.peek() != Some('{') {
            return self.err("a command is missing its `{...}` argument");
        }
        self.raw_until('}')
    }

    /// Handles one command. Returns `Some(text)` when a declaration such as
    /// `\bf` consumed the rest of the group (and its stop).
    fn command(&mut self, out: &mut String, stop: &Stop) -> Result<Option<String>, TexError> {
        let name = self.command_name();
        match name.as_str() {
            "\\" => {
                self.skip_optional_arg()?;
                out.push('\n');
            }
            "%" | "&" | "_" | "#" | "$" | "{" | "}" => out.push_str(&name),
            "," | " " | ";" | ":" | "!" => out.push(' '),
            "ldots" | "dots" | "textellipsis" => out.push('…'),
            "problemname" => {
                let title = self.arg()?;
                self.title = Some(title.trim().to_string());
            }
            "section" => out.push_str(&format!("\n\n## {}\n\n", self.arg()?.trim())),
            "subsection" => out.push_str(&format!("\n\n### {}\n\n", self.arg()?.trim())),
            "subsubsection" | "paragraph" => out.push_str(&format!("\n\n#### {}\n\n", self.arg()?.trim())),
            "textbf" => out.push_str(&wrap("**", &self.arg()?)),
            "emph" | "textit" | "textsl" => out.push_str(&wrap("*", &self.arg()?)),
            "texttt" | "verb" => out.push_str(&wrap("`", &self.arg()?)),
            "underline" | "textsc" | "textrm" | "textsf" | "mbox" | "text" | "sout" | "textnormal" => {
                out.push_str(&self.arg()?)
            }
            "url" => {
                let url = self.raw_arg()?;
                out.push_str(&format!("<{url}>"));
            }
            "href" => {
                let url = self.raw_arg()?;
                let label = self.arg()?;
                out.push_str(&format!("[{label}]({url})"));
            }
            "includegraphics" => {
                let file = self.raw_arg()?;
                out.push_str(&format!("![]({file})"));
            }
            "illustration" => {
                let _width = self.raw_arg()?;
                let file = self.raw_arg()?;
                let caption = self.arg()?;
                out.push_str(&format!("\n\n![{}]({file})\n\n", caption.trim()));
            }
            "constant" => {
                let key = self.raw_arg()?;
                match self.constants.get(key.trim()) {
                    Some(value) => out.push_str(value),
                    None => return self.err(format!("\\constant{{{key}}} names no constant in problem.yaml")),
                }
            }
            "item" => {
                self.skip_optional_arg()?;
                let depth = self.list.len().saturating_sub(1);
                let marker = match self.list.last() {
                    Some(ListKind::Numbers) => "1.",
                    _ => "-",
                };
                // Items are separated by one newline, whatever the source had.
                while out.ends_with(char::is_whitespace) {
                    out.pop();
                }
                out.push_str(&format!("\n{}{marker} ", "  ".repeat(depth)));
                self.skip_spaces();
            }
            "bf" | "bfseries" | "it" | "itshape" | "em" | "tt" | "ttfamily" => {
                // A declaration applies to the rest of its group.
                let rest = self.text(stop.clone())?;
                let marker = match name.as_str() {
                    "bf" | "bfseries" => "**",
                    "tt" | "ttfamily" => "`",
                    _ => "*",
                };
                out.push_str(&wrap(marker, &rest));
                return Ok(Some(std::mem::take(out)));
            }
            "begin" => {
                let env = self.raw_arg()?;
                out.push_str(&self.environment(env.trim())?);
            }
            "end" => {
                let env = self.raw_arg()?;
                return match stop {
                    Stop::End(open) if *open == env.trim() => Ok(Some(std::mem::take(out))),
                    Stop::End(open) => self.err(format!("\\end{{{env}}} closes \\begin{{{open}}}")),
                    _ => self.err(format!("\\end{{{env}}} without a matching \\begin")),
                };
            }
            "(" => {
                let body = self.raw_until_text("\\)")?;
                out.push_str(&format!("${body}$"));
            }
            "[" => {
                let body = self.raw_until_text("\\]")?;
                out.push_str(&format!("$${body}$$"));
            }
            ignored if IGNORED.contains(&ignored) => {
                // Some of these take an argument (\vspace{1em}, \label{x}).
                if matches!(ignored, "vspace" | "hspace" | "label") {
                    self.raw_arg()?;
                }
            }
            other => {
                self.unknown.insert(format!("\\{other}"));
                // Keep the arguments' text: it is usually the content.
                self.skip_optional_arg()?;
                while self.peek() == Some('{') {
                    out.push_str(&self.arg()?);
                }
            }
        }
        Ok(None)
    }

    fn raw_until_text(&mut self, end: &str) -> Result<String, TexError> {
        let start_line = self.line();
        let mut body = String::new();
        while !self.starts_with(end) {
            match self.peek() {
                None => return Err(TexError { line: start_line, message: format!("`{end}` is missing") }),
                Some(c) => {
                    body.push(c);
                    self.pos += 1;
                }
            }
        }
        self.pos += end.len();
        Ok(body)
    }

    fn environment(&mut self, env: &str) -> Result<String, TexError> {
        let end = format!("\\end{{{env}}}");
        Ok(match env {
            "Input" | "Output" | "Interaction" | "Explanation" => {
                let title = match env {
                    "Input" => "Input",
                    "Output" => "Output",
                    "Interaction" => "Interaction",
                    _ => "Explanation",
                };
                let body = self.text(Stop::End(env.to_string()))?;
                format!("\n\n## {title}\n\n{}\n\n", body.trim())
            }
            "itemize" | "enumerate" => {
                self.list.push(if env == "itemize" { ListKind::Bullets } else { ListKind::Numbers });
                let body = self.text(Stop::End(env.to_string()));
                self.list.pop();
                format!("\n{}\n\n", body?.trim_end())
            }
            "verbatim" | "lstlisting" | "Verbatim" => {
                self.skip_optional_arg()?;
                let body = self.raw_until_text(&end)?;
                format!("\n\n```\n{}\n```\n\n", body.trim_matches('\n'))
            }
            "tabular" => {
                let _columns = self.raw_arg()?;
                let body = self.raw_until_text(&end)?;
                format!("\n\n{}\n\n", self.table(&body)?)
            }
            "displaymath" | "equation" | "equation*" | "align" | "align*" => {
                let body = self.raw_until_text(&end)?;
                format!("$${}$$", body.trim())
            }
            "center" | "quote" | "figure" | "wrapfigure" | "minipage" | "flushleft" | "flushright" | "table" => {
                self.skip_optional_arg()?;
                if matches!(env, "wrapfigure" | "minipage") {
                    // Their placement and width arguments.
                    while self.peek() == Some('{') {
                        self.raw_arg()?;
                    }
                }
                let body = self.text(Stop::End(env.to_string()))?;
                if env == "quote" {
                    let quoted: Vec<String> = body.trim().lines().map(|l| format!("> {l}")).collect();
                    format!("\n\n{}\n\n", quoted.join("\n"))
                } else {
                    format!("\n\n{}\n\n", body.trim())
                }
            }
            other => {
                self.unknown.insert(format!("\\begin{{{other}}}"));
                self.text(Stop::End(other.to_string()))?
            }
        })
    }

    /// A tabular body as a Markdown table (the first row is the header).
    fn table(&mut self, body: &str) -> Result<String, TexError> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for row in split_unescaped(body, "\\\\") {
            let row = row.replace("\\hline", "");
            if row.trim().is_empty() {
                continue;
            }
            let mut cells = Vec::new();
            for cell in split_unescaped(&row, "&") {
                let converted = to_markdown(&cell, self.constants)?;
                self.unknown.extend(converted.unknown);
                cells.push(converted.markdown.replace('\n', " ").replace('|', "\\|").trim().to_string());
            }
            rows.push(cells);
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut lines = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let mut cells = row.clone();
            cells.resize(width, String::new());
            lines.push(format!("| {} |", cells.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(width)));
            }
        }
        Ok(lines.join("\n"))
    }
}

fn wrap(marker: &str, text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return text.to_string();
    }
    format!("{marker}{trimmed}{marker}")
}

/// Splits on `separator` where it is not escaped with a backslash.
fn split_unescaped(text: &str, separator: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if rest.starts_with(separator) && !(separator == "&" && current.ends_with('\\')) {
            parts.push(std::mem::take(&mut current));
            rest = &rest[separator.len()..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            current.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    parts.push(current);
    parts
}

/// Trailing spaces off, at most one blank line in a row, one final newline;
/// leading spaces off except for nested list items; code blocks untouched.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    let mut in_code = false;
    for line in text.lines() {
        if in_code {
            out.push_str(line);
            out.push('\n');
            in_code = line.trim() != "```";
            continue;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        let is_item = trimmed.starts_with("- ") || trimmed.starts_with("1. ");
        out.push_str(if is_item { line.trim_end() } else { trimmed });
        out.push('\n');
        in_code = trimmed.starts_with("```");
    }
    out
}
