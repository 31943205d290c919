//! `oaj validate`: a problem's format, and every bundled solution against
//! the verdict its directory promises (the checks themselves are
//! `oaj_judge::validate`, shared with the web server's problem uploads).

use std::process::ExitCode;
use std::sync::Arc;

use oaj_judge::validate::{validate_problem, Report, HEADINGS};
use oaj_judge::Judge;

use crate::problems::Bank;

/// `oaj validate`: checks `jobs` problems at a time (each also runs its
/// cases in parallel), so compiling one problem's solutions overlaps running
/// another's.
pub fn validate(judge: &Judge, bank: &Bank, names: &[String], jobs: usize) -> anyhow::Result<ExitCode> {
    let names = if names.is_empty() { bank.slugs()? } else { names.to_vec() };
    crate::problems::ensure_all_generated(bank, &names);
    let mut reports: Vec<Option<Report>> = Vec::new();
    let mut loaded = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let mut report = Report::default();
        match bank.load(name).and_then(|p| crate::kattis::settle_time_limit(judge, p)) {
            Ok(problem) => match oaj_spec::testdata::check_test_data(&problem) {
                Ok(()) => loaded.push((index, Arc::new(problem))),
                Err(e) => {
                    report.messages.push(format!("{name}: {e:#}"));
                    let what = "test data does not fit the signature".to_string();
                    report.row(name, "-".into(), "-", what, "-".into(), false);
                }
            },
            Err(e) => {
                report.messages.push(format!("{name}: {e:#}"));
                report.row(name, "-".into(), "-", "problem does not load".into(), "-".into(), false);
            }
        }
        reports.push(Some(report));
    }
    let runtime = crate::runtime()?;
    let checked = runtime.block_on(async {
        let slots = Arc::new(tokio::sync::Semaphore::new(jobs.max(1)));
        let mut tasks = tokio::task::JoinSet::new();
        for (index, problem) in loaded {
            let (judge, slots) = (judge.clone(), slots.clone());
            tasks.spawn(async move {
                let _slot = slots.acquire_owned().await;
                (index, validate_problem(&judge, &problem, None).await)
            });
        }
        let mut checked = Vec::new();
        while let Some(done) = tasks.join_next().await {
            checked.push(done);
        }
        checked
    });
    for done in checked {
        let (index, report) = done.map_err(|e| anyhow::anyhow!("validating a problem failed: {e}"))?;
        reports[index] = Some(report);
    }
    let mut rows = Vec::new();
    let mut failures = 0;
    for report in reports.into_iter().flatten() {
        for message in &report.messages {
            eprintln!("{message}");
        }
        rows.extend(report.rows);
        failures += report.failures;
    }
    crate::render::table(&HEADINGS, &rows);
    if failures == 0 {
        println!("all {} problem(s) valid", names.len());
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{failures} failure(s)");
        Ok(ExitCode::from(1))
    }
}
