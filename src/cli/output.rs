//! Writing results: to stdout, or atomically to a file.

use std::io::{ErrorKind, Write};
use std::path::Path;

use miette::{IntoDiagnostic, WrapErr};

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so a
/// failed run never leaves a truncated report or destroys the previous one.
pub fn write_file(path: &Path, text: &str) -> miette::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let context = || format!("cannot write {}", path.display());
    let mut temp = temp_file_builder()
        .tempfile_in(dir)
        .into_diagnostic()
        .wrap_err_with(context)?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.flush())
        .into_diagnostic()
        .wrap_err_with(context)?;
    temp.persist(path)
        .map_err(|e| e.error)
        .into_diagnostic()
        .wrap_err_with(context)?;
    Ok(())
}

/// Writes `text` to stdout. A closed pipe (`planaudit … | head`) is not an error.
pub fn print(text: &str) -> miette::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e)
            .into_diagnostic()
            .wrap_err("cannot write to standard output"),
        _ => Ok(()),
    }
}

/// Temporary files are private by default; a report should get ordinary file permissions.
fn temp_file_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".planaudit-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder
}
