fn main() -> std::process::ExitCode {
    restore_sigpipe();
    infragen::cli::main()
}

/// Rust ignores SIGPIPE, so a write to a closed pipe (`infragen plan | head`) becomes an error
/// that `print!` turns into a panic. Unix tools end quietly instead: restore the default.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; SIG_DFL is always valid.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
