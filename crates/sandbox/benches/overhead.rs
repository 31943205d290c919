//! Per-case overhead of the sandbox against bare fork+exec of the same
//! binary, measured in one process, one case after the other.
//!
//! `cargo bench -p oaj-sandbox` (optionally `-- <iterations>`). The bench
//! binary is its own exec helper, as the `oaj` binary is in production.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use oaj_sandbox::{run_with_rlimits, IsolationMode, Limits, RunSpec, Sandbox, SandboxConfig, Stdin, HELPER_SUBCOMMAND};

const APLUSB_CPP: &str = "#include <cstdio>\nint main(){long long a,b; if(scanf(\"%lld %lld\",&a,&b)!=2) return 1; printf(\"%lld\\n\",a+b); return 0;}\n";

struct Case {
    name: &'static str,
    program: String,
    args: Vec<String>,
    expected: &'static [u8],
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let median = samples[samples.len() / 2];
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    (median, mean)
}

fn bare(case: &Case, work: &Path, input: &Path) -> Duration {
    let started = Instant::now();
    let output = Command::new(&case.program)
        .args(&case.args)
        .current_dir(work)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .stdin(std::fs::File::open(input).expect("input"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("bare run");
    let elapsed = started.elapsed();
    assert_eq!(output.stdout, case.expected, "{}: bare output", case.name);
    elapsed
}

fn spec(case: &Case, work: &Path, input: &Path) -> RunSpec {
    RunSpec {
        program: case.program.clone(),
        args: case.args.clone(),
        env: vec![("PATH".into(), "/usr/local/bin:/usr/bin:/bin".into())],
        work_dir: work.to_path_buf(),
        stdin: Stdin::File(input.to_path_buf()),
        limits: Limits::for_test_case(Duration::from_secs(2), 256 << 20),
        read_only_paths: vec![],
        keep: oaj_sandbox::Keep::Nothing,
    }
}

fn main() {
    if std::env::args_os().nth(1).is_some_and(|a| a == HELPER_SUBCOMMAND) {
        std::process::exit(match oaj_sandbox::helper_main() {
            code if code == std::process::ExitCode::SUCCESS => 0,
            _ => 2,
        });
    }
    let iterations: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(40);
    let exe = std::env::current_exe().expect("current exe");
    let isolated = Sandbox::with_config(SandboxConfig::with_oaj_binary(&exe));
    let unsandboxed = Sandbox::with_config(SandboxConfig { mode: IsolationMode::Disabled, ..SandboxConfig::default() });
    drop(unsandboxed);
    println!("sandbox protections on this host:\n{}", isolated.protections());

    let work = tempfile::tempdir().expect("tempdir");
    let input = work.path().join("input.txt");
    std::fs::write(&input, "40 2\n").expect("input");
    std::fs::write(work.path().join("main.cpp"), APLUSB_CPP).expect("source");
    let compiled =
        Command::new("g++").args(["-O2", "-o", "main", "main.cpp"]).current_dir(work.path()).status().expect("g++");
    assert!(compiled.success(), "g++ failed");
    // The work dir is handed to the sandbox uid for each run: let it in.
    let _ = std::fs::set_permissions(work.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755));

    let mut cases = vec![
        Case { name: "C++ a+b (./main)", program: "./main".into(), args: vec![], expected: b"42\n" },
        Case { name: "true", program: "/bin/true".into(), args: vec![], expected: b"" },
    ];
    if Path::new("/usr/bin/python3").exists() {
        cases.push(Case {
            name: "python3 -S (print)",
            program: "/usr/bin/python3".into(),
            args: vec!["-S".into(), "-c".into(), "print(42)".into()],
            expected: b"42\n",
        });
    }

    println!(
        "{:<22} {:>10} {:>12} {:>12} {:>12} {:>8}",
        "case (median of runs)", "bare", "rlimits", "isolated", "overhead", "ratio"
    );
    for case in &cases {
        // Warm up page cache and the helper binary.
        bare(case, work.path(), &input);
        let _ = isolated.run(&spec(case, work.path(), &input));
        let mut bare_times = Vec::new();
        let mut rlimit_times = Vec::new();
        let mut isolated_times = Vec::new();
        let mut inside_times = Vec::new();
        // Interleaved, so that load from elsewhere hits all three alike.
        for _ in 0..iterations {
            bare_times.push(bare(case, work.path(), &input));
            let started = Instant::now();
            let outcome = run_with_rlimits(&spec(case, work.path(), &input)).expect("rlimit run");
            rlimit_times.push(started.elapsed());
            assert_eq!(outcome.stdout, case.expected, "{}: rlimit output", case.name);
            let started = Instant::now();
            let outcome = isolated.run(&spec(case, work.path(), &input)).expect("isolated run");
            isolated_times.push(started.elapsed());
            inside_times.push(outcome.wall_time);
            assert_eq!(outcome.stdout, case.expected, "{}: isolated output", case.name);
        }
        let (bare_median, _) = stats(bare_times);
        let (rlimit_median, _) = stats(rlimit_times);
        let (isolated_median, isolated_mean) = stats(isolated_times);
        let (inside_median, _) = stats(inside_times);
        println!(
            "{:<22} {:>8.2}ms {:>10.2}ms {:>10.2}ms {:>+10.2}ms {:>7.1}x   (isolated mean {:.2}ms, program alone {:.2}ms)",
            case.name,
            ms(bare_median),
            ms(rlimit_median),
            ms(isolated_median),
            ms(isolated_median) - ms(bare_median),
            ms(isolated_median) / ms(bare_median),
            ms(isolated_mean),
            ms(inside_median),
        );
    }
    println!("({iterations} runs per column per case; bench binary {})", exe.display());
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
