"""The run loop around the pipeline: runner, workers, result cache, progress bar, git diff."""
