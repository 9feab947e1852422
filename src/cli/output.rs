//! Writing results: to stdout, or to a file without ever losing one.
//!
//! A regular file is replaced atomically (temporary file and rename in the same directory), so
//! a failed or interrupted run never leaves a truncated report or destroys the previous one.
//! Anything else (a FIFO, a terminal) is written straight through: renaming a file over it
//! would replace the device with a file. A symlink is followed, so the report lands in its
//! target (created if it does not exist yet) and the link stays a link. A path through an
//! open descriptor (`/dev/stdout`, `/dev/fd/3`) is appended to: it is a stream the shell
//! opened, perhaps with `>>`, whatever file stands behind it.

use std::fs::{File, Metadata};
use std::io::{self, BufWriter, ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use miette::{IntoDiagnostic, WrapErr};

/// Something that writes a result, for the streaming forms below, and says whether a file it
/// wrote is to be kept.
pub type Render<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<Commit>;

/// Whether a file just written is kept: a run that failed part-way keeps none, and the
/// previous file stays as it was. (Written straight through, it cannot be taken back.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commit {
    /// Keep the file: the run succeeded.
    Keep,
    /// Leave the previous file as it was.
    Discard,
}

/// Writes `text` to `path` (see the module docs).
pub fn write_file(path: &Path, text: &str) -> miette::Result<()> {
    write_file_with(path, &mut whole(text))
}

/// Renders `text` as it is.
fn whole(text: &str) -> impl FnMut(&mut dyn Write) -> io::Result<Commit> + '_ {
    |w| w.write_all(text.as_bytes()).map(|()| Commit::Keep)
}

/// [`write_file`] for a report written piece by piece, so it is never held whole in memory.
pub fn write_file_with(path: &Path, render: Render<'_>) -> miette::Result<()> {
    match stage(path, render)? {
        Some((temp, target)) => temp.persist(&target),
        None => Ok(()),
    }
    .wrap_err_with(|| format!("cannot write {}", path.display()))
}

/// Files written beside their targets and put in place together by [`Staged::commit`]: the
/// pages of `check --output-dir`, which a failed run must not leave behind. Dropped without
/// a commit, they leave nothing.
#[derive(Default)]
pub struct Staged(Vec<(Registered, PathBuf)>);

impl Staged {
    /// Writes `text` for `path`, to be put in place by [`Staged::commit`].
    pub fn write(&mut self, path: &Path, text: &str) -> miette::Result<()> {
        self.0.extend(stage(path, &mut whole(text))?);
        Ok(())
    }

    /// Puts every staged file in place, in the order written.
    pub fn commit(self) -> miette::Result<()> {
        self.0
            .into_iter()
            .try_for_each(|(temp, target)| temp.persist(&target))
    }
}

/// Renders the report for `path` into a temporary file beside its target, and returns both
/// unless `render` discarded it; a FIFO, device or terminal is written straight through
/// instead, and gives nothing to put in place.
fn stage(path: &Path, render: Render<'_>) -> miette::Result<Option<(Registered, PathBuf)>> {
    let context = || format!("cannot write {}", path.display());
    match route(path)? {
        Route::Descriptor => append_through(path, render)
            .map(|()| None)
            .wrap_err_with(context),
        Route::Special => write_through(path, render)
            .map(|()| None)
            .wrap_err_with(context),
        Route::File { target, existing } => {
            replace(path, &target, existing.as_ref(), render).wrap_err_with(context)
        }
    }
}

/// How a report reaches `path`.
enum Route {
    /// Through an open descriptor (`/dev/stdout`, `/proc/self/fd/1`), appended to.
    Descriptor,
    /// A FIFO, device or terminal, written straight through.
    Special,
    /// A regular file at `target` (`path` with its symlinks followed), new or `existing`,
    /// replaced whole.
    File {
        target: PathBuf,
        existing: Option<std::fs::Metadata>,
    },
}

/// Where a report written to `path` would go, or why it cannot: a directory, a read-only
/// file, a folder that does not exist.
fn route(path: &Path) -> miette::Result<Route> {
    let context = || format!("cannot write {}", path.display());
    let landing = landing(path).into_diagnostic().wrap_err_with(context)?;
    if landing.descriptor {
        return Ok(Route::Descriptor);
    }
    let existing = match std::fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e).into_diagnostic().wrap_err_with(context),
    };
    match existing {
        Some(meta) if meta.is_dir() => miette::bail!(
            help = "name a file inside it",
            "cannot write {}: it is a directory",
            path.display()
        ),
        Some(meta) if !meta.is_file() => Ok(Route::Special),
        Some(meta) if meta.permissions().readonly() => miette::bail!(
            help = "make it writable, or choose another file",
            "cannot write {}: the file is read-only",
            path.display()
        ),
        None if !parent(&landing.target).is_dir() => miette::bail!(
            help = "create the directory first, or choose another path",
            "cannot write {}: there is no directory {}",
            path.display(),
            parent(&landing.target).display()
        ),
        _ => Ok(Route::File {
            target: landing.target,
            existing,
        }),
    }
}

/// Refuses, before a run starts, a file it could not write at its end: `--write-baseline` is
/// written after the report, which was printed in full before a directory was refused.
pub fn refuse_unwritable(path: &Path) -> miette::Result<()> {
    route(path).map(drop)
}

/// Symlinks followed before a path counts as a loop, as the kernel's own limit.
const MAX_LINKS: usize = 40;

/// Where a write to a path lands.
struct Landing {
    /// The path with every symlink in its last component followed, as opening it would: a
    /// dangling link's target, which the report is to create.
    target: PathBuf,
    /// Whether the way there passes through an open descriptor ([`is_descriptor`]).
    descriptor: bool,
}

/// Follows `path`'s symlinks one by one; a loop is an error.
fn landing(path: &Path) -> io::Result<Landing> {
    let mut target = path.to_path_buf();
    let mut descriptor = is_descriptor(&target);
    for _ in 0..MAX_LINKS {
        match std::fs::read_link(&target) {
            Ok(next) => {
                target = parent(&target).join(next);
                descriptor |= is_descriptor(&target);
            }
            Err(e) if matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::NotFound) => {
                return Ok(Landing { target, descriptor });
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Whether `path` names a descriptor the process holds open: `/dev/stdout`, `/dev/stderr`,
/// `/dev/fd/N` or `/proc/PID/fd/N`.
fn is_descriptor(path: &Path) -> bool {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str()).collect();
    match parts[..] {
        [root, dev, name] if root == "/" && dev == "dev" => name == "stdout" || name == "stderr",
        [root, dev, fd, _] if root == "/" && dev == "dev" && fd == "fd" => true,
        [root, proc, _, fd, _] => root == "/" && proc == "proc" && fd == "fd",
        _ => false,
    }
}

/// Appends to an open descriptor's stream as it stands (see [`is_descriptor`]).
fn append_through(path: &Path, render: Render<'_>) -> miette::Result<()> {
    let file = File::options().append(true).open(path).into_diagnostic()?;
    let mut out = BufWriter::new(file);
    render(&mut out).and_then(|_| out.flush()).into_diagnostic()
}

/// The directory a file at `path` is written in.
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Writes into a FIFO, device or terminal as it is.
fn write_through(path: &Path, render: Render<'_>) -> miette::Result<()> {
    let file = File::options().write(true).open(path).into_diagnostic()?;
    let mut out = BufWriter::new(file);
    render(&mut out).and_then(|_| out.flush()).into_diagnostic()
}

/// A temporary file to replace the regular file at `path` (or its symlink's target) or create
/// it (at `landing`, where a dangling symlink points), keeping an existing file's permissions,
/// and the file it is for.
fn replace(
    path: &Path,
    landing: &Path,
    existing: Option<&Metadata>,
    render: Render<'_>,
) -> miette::Result<Option<(Registered, PathBuf)>> {
    let target = match existing {
        Some(_) => std::fs::canonicalize(path).into_diagnostic()?,
        None => landing.to_owned(),
    };
    let mut temp = Registered::create(parent(&target)).into_diagnostic()?;
    if let Some(meta) = existing {
        temp.file()
            .set_permissions(meta.permissions())
            .into_diagnostic()?;
    }
    let mut out = BufWriter::new(temp.file());
    let commit = render(&mut out).into_diagnostic()?;
    out.flush().into_diagnostic()?;
    drop(out);
    temp.close();
    Ok(match commit {
        Commit::Keep => Some((temp, target)),
        Commit::Discard => None,
    })
}

/// The width a report to standard output is laid out to: a narrower terminal's own, else
/// [`crate::report::WIDTH`], so a file or a pipe gets the same bytes on every machine.
pub fn width(to_terminal: bool) -> usize {
    match to_terminal {
        true => {
            let columns = terminal_size::terminal_size().map(|(width, _)| usize::from(width.0));
            crate::report::fit_width(columns)
        }
        false => crate::report::WIDTH,
    }
}

/// Writes `text` to stdout: fitted to a terminal's width ([`fit`]), and a line per entry for a
/// file or a pipe, where it is searched.
pub fn print_fitted(text: &str) -> miette::Result<()> {
    match io::stdout().is_terminal() {
        true => print(&fit(text, width(true))),
        false => print(text),
    }
}

/// `text` with each line longer than `width` broken at spaces, its continuation indented two
/// more than the line itself, so a hit's signal and quote stay under their section.
fn fit(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let indent = &line[..line.len() - line.trim_start().len()];
        let more = format!("{indent}  ");
        let options = textwrap::Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(&more)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        out.push_str(&textwrap::fill(line.trim_start(), options));
        out.push('\n');
    }
    out
}

/// Writes `text` to stdout. A closed pipe (`planaudit … | head`) is not an error.
pub fn print(text: &str) -> miette::Result<()> {
    print_with(&mut whole(text))
}

/// [`print()`] for a report written piece by piece.
pub fn print_with(render: Render<'_>) -> miette::Result<()> {
    let mut stdout = BufWriter::new(io::stdout().lock());
    match render(&mut stdout).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e)
            .into_diagnostic()
            .wrap_err("cannot write to standard output"),
        _ => Ok(()),
    }
}

/// A new file gets ordinary permissions (tempfile's default is private to the user).
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

/// Temporary files being written, removed if the run is interrupted: an interrupted run
/// must not leave a hidden file of hundreds of megabytes behind.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file known to the interrupt handler while it exists.
struct Registered {
    path: PathBuf,
    /// Open while it is written, closed once it is: the pages of a run over many plans wait
    /// to be put in place together, and must not hold a descriptor each.
    file: Option<File>,
    /// Removes the file when dropped, unless it was put in place.
    temp: Option<tempfile::TempPath>,
}

impl Registered {
    /// Creates a temporary file in `dir`. It is registered under the same lock as it is
    /// created, so an interrupt never finds it on disk but unknown.
    fn create(dir: &Path) -> io::Result<Self> {
        remove_on_interrupt();
        let mut registry = lock_temporary();
        let (file, temp) = temp_file_builder().tempfile_in(dir)?.into_parts();
        let path = temp.to_path_buf();
        registry.push(path.clone());
        Ok(Self {
            path,
            file: Some(file),
            temp: Some(temp),
        })
    }

    fn file(&self) -> &File {
        self.file
            .as_ref()
            .unwrap_or_else(|| unreachable!("a registered file is written before it is closed"))
    }

    /// Closes the file, once written; it stays on disk until put in place or dropped.
    fn close(&mut self) {
        self.file = None;
    }

    fn persist(mut self, target: &Path) -> miette::Result<()> {
        let _registry = lock_temporary();
        self.close();
        match self.temp.take() {
            Some(temp) => temp.persist(target).map_err(|e| e.error),
            None => Ok(()),
        }
        .into_diagnostic()
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut registry = lock_temporary();
        self.close();
        drop(self.temp.take());
        registry.retain(|p| p != &self.path);
    }
}

fn lock_temporary() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// On a signal that would end the run (INT, TERM, HUP from a closed terminal or lost SSH
/// session, QUIT, ALRM, USR1, USR2), removes the temporary files and exits as the signal would
/// have (128 + its number). Installed once, when the first temporary file is made.
fn remove_on_interrupt() {
    #[cfg(unix)]
    {
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            use signal_hook::consts::{
                SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2,
            };
            let ending = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2];
            let Ok(mut signals) = signal_hook::iterator::Signals::new(ending) else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held until exit, so no rename can race the removal.
                    let registry = lock_temporary();
                    for path in registry.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                    std::process::exit(128 + signal);
                }
            });
        });
    }
}

/// Refuses to write `output` (given with `option`) over one of the run's inputs: a report
/// written over a plan, a rule file or a config destroys it. Files are compared by identity
/// (device and inode), so a symlink, a hard link or another spelling does not slip through.
pub fn refuse_inputs(option: &str, output: &Path, inputs: &[(&str, &Path)]) -> miette::Result<()> {
    if let Some((what, input)) = inputs.iter().find(|(_, input)| same_file(output, input)) {
        miette::bail!(
            help = elsewhere(option),
            "{option} {} is {what} {}",
            output.display(),
            input.display()
        );
    }
    Ok(())
}

/// What to do instead of writing over an input with `option`: a page of `--output-dir` is
/// named after its plan, so the folder is what to change.
fn elsewhere(option: &str) -> String {
    match option {
        "--output-dir" => format!("choose another folder for {option}"),
        _ => format!("choose another file for {option}"),
    }
}

/// Refuses to write `output` (given with `option`) over the file standard input is read from:
/// `check - --output plan.md < plan.md` would replace the plan with its own report.
pub fn refuse_stdin(option: &str, output: &Path) -> miette::Result<()> {
    if stdin_is(output) {
        miette::bail!(
            help = elsewhere(option),
            "{option} {} is the plan read from standard input",
            output.display()
        );
    }
    Ok(())
}

/// Whether standard input is the existing file at `path` (a shell's `< path`).
fn stdin_is(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        let stdin = std::fs::File::from(fd).metadata();
        matches!((stdin, std::fs::metadata(path)), (Ok(x), Ok(y)) if is_same(&x, &y))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Whether two files' metadata are one file's: the same device and inode.
#[cfg(unix)]
fn is_same(x: &Metadata, y: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    x.dev() == y.dev() && x.ino() == y.ino()
}

/// Whether two outputs go to one place: the same existing file, or the same name in the same
/// folder however it is spelt (`./r.json`, `r.json`, `d/../r.json`), whether it exists yet
/// or not.
pub fn same_destination(a: &Path, b: &Path) -> bool {
    same_file(a, b) || matches!((destination(a), destination(b)), (Some(x), Some(y)) if x == y)
}

/// Whether `path` names a file directly in the folder `dir`, existing or not.
pub fn in_folder(path: &Path, dir: &Path) -> bool {
    matches!((destination(path), resolved(dir)), (Some(p), Some(d)) if p.parent() == Some(&d))
}

/// Where `path` would be written: its folder resolved, joined to its name.
fn destination(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    Some(resolved(dir.unwrap_or(Path::new(".")))?.join(name))
}

/// `dir` with symlinks and `..` followed when it exists, made absolute when it does not yet.
fn resolved(dir: &Path) -> Option<PathBuf> {
    dir.canonicalize()
        .or_else(|_| std::path::absolute(dir))
        .ok()
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        is_same(&x, &y)
    }
    #[cfg(not(unix))]
    {
        let _ = (x, y);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fitted_lines_keep_to_the_width_under_their_own_indent() {
        let text = format!(
            "§ Carers (line 3): {}\n    3:1   phrase {}\n",
            "word ".repeat(30),
            "hit ".repeat(30)
        );
        let fitted = fit(&text, 60);
        assert!(fitted.lines().all(|l| l.chars().count() <= 60), "{fitted}");
        let lines: Vec<&str> = fitted.lines().collect();
        assert!(
            lines[0].starts_with("§ Carers") && lines[1].starts_with("  word"),
            "{fitted}"
        );
        let hit = lines.iter().position(|l| l.starts_with("    3:1")).unwrap();
        assert!(lines[hit + 1].starts_with("      hit"), "{fitted}");
        assert_eq!(fit("short\n", 60), "short\n");
    }
}
