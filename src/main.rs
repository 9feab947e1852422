fn main() -> std::process::ExitCode {
    planaudit::cli::run()
}
