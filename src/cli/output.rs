//! Writing results: to stdout, or atomically to a file.

use std::io::{self, BufWriter, ErrorKind, Write};
use std::path::Path;

use miette::{IntoDiagnostic, WrapErr};

/// Something that writes a result, for the streaming forms below.
pub type Render<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so a
/// failed run never leaves a truncated report or destroys the previous one.
pub fn write_file(path: &Path, text: &str) -> miette::Result<()> {
    write_file_with(path, &mut |w| w.write_all(text.as_bytes()))
}

/// [`write_file`] for a report written piece by piece, so it is never held whole in memory.
pub fn write_file_with(path: &Path, render: Render<'_>) -> miette::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let context = || format!("cannot write {}", path.display());
    let mut temp = temp_file_builder()
        .tempfile_in(dir)
        .into_diagnostic()
        .wrap_err_with(context)?;
    let mut out = BufWriter::new(temp.as_file_mut());
    render(&mut out)
        .and_then(|()| out.flush())
        .into_diagnostic()
        .wrap_err_with(context)?;
    drop(out);
    temp.persist(path)
        .map_err(|e| e.error)
        .into_diagnostic()
        .wrap_err_with(context)?;
    Ok(())
}

/// Writes `text` to stdout. A closed pipe (`planaudit … | head`) is not an error.
pub fn print(text: &str) -> miette::Result<()> {
    print_with(&mut |w| w.write_all(text.as_bytes()))
}

/// [`print`] for a report written piece by piece.
pub fn print_with(render: Render<'_>) -> miette::Result<()> {
    let mut stdout = BufWriter::new(io::stdout().lock());
    match render(&mut stdout).and_then(|()| stdout.flush()) {
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
