//! The headless commands. Each turns parsed arguments into library calls and output, and returns
//! the process exit code; errors carry context for the message `main` prints.

pub mod scan;

/// True when writing stopped because the reader went away (`seamline scan | head`): not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
