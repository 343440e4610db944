"""Developer tools shared by tests and benchmarks (synthetic data). Never imported by the app itself."""
